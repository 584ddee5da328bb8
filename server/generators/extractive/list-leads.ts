import type { LoadedIndex } from '../../index-store/loaded-index.js';
import { joinWrappedLines } from '../../shared/text/line-joins.js';
import { ANNOUNCES, LIST_ITEM } from './sentence-shapes.js';

// How far back an item of a list or table looks for the sentence that announced it.
const MAX_ITEMS_BACK = 12;

/**
 * The sentence that announced a list item, table row or command line ("单元配置文件从下面的路径加载:" before
 * "* /etc/systemd/system: …", the explanation before "# dpkg-reconfigure locales"), looked up in the whole
 * document, since a chunk boundary often falls inside a list. An item says little on its own: it answers
 * with the words of what introduced it. Undefined for a sentence that is not such an item.
 */
export function listLead(index: LoadedIndex, sentence: number): string | undefined {
  const textOf = (s: number) => {
    const [d, start, end] = index.sentences[s];
    return index.documents[d].text.slice(start, end);
  };
  const doc = index.sentences[sentence][0];
  const own = textOf(sentence);
  const afterColon = sentence > 0 && index.sentences[sentence - 1][0] === doc && ANNOUNCES.test(textOf(sentence - 1));
  if (!LIST_ITEM.test(own) && !afterColon) return undefined;
  for (let s = sentence - 1; s >= 0 && sentence - s <= MAX_ITEMS_BACK && index.sentences[s][0] === doc; s--) {
    const text = textOf(s);
    if (!LIST_ITEM.test(text)) return joinWrappedLines(text);
  }
  return undefined;
}
