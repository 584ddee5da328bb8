import { allMatches } from '../shared/text/all-matches.js';

/**
 * "What arguments does the first one get?", "How does the second one differ…", 前一个在 Debian 上用的是哪个配置文件? —
 * a follow-up that picks one of two or more things the conversation just named, by position. Read as a pronoun it
 * stood for the whole previous turn, both things at once, and the answer was about either. The referent is the named
 * thing at that position in the previous question when it names two or more (libnss-ldap 和 libnss-ldapd 有什么区别?),
 * else in the previous answer (leaving out what its question named: the answer's own new names).
 */

// The position asked: first, second, third, former, latter, last ("of those" with it). "the first one in Africa", "the
// first one held…", "the second one that…" restrict it — a new thing (the first DebConf in Africa) is asked, not one
// named before; a preposition that ends the question does not ("what is the -i in the first one for?").
const ORDINAL_EN =
  /\bthe\s+(?:(first|second|third|last)\s+one(?:\s+of\s+(?:those|them|these))?|(former|latter))\b(?!\s+(?:in|at|on|of|to|with|from|for|that|which|who|where|when|held|made|written|released)\s+[\w"'“])/i;
const ORDINAL_ZH = /(前者|后者|前一个|后一个|前一种|后一种|前一项|后一项)/;
const POSITION: Record<string, number | 'last'> = {
  first: 0, former: 0, second: 1, third: 2, latter: 'last', last: 'last',
  前者: 0, 前一个: 0, 前一种: 0, 前一项: 0, 后者: 'last', 后一个: 'last', 后一种: 'last', 后一项: 'last',
};

// A named thing in a turn: an identifier written as one (libnss-ldap, __copy__(), root_dir, DEBUILD_DPKG_BUILDPACKAGE_OPTS,
// GTK), or a run of two or more capitalised words (the Healing Brush, Wu Quan, Xinding Capital). Not a single capitalised
// or lower-case word: a sentence's first word, a language (Python), everyday words.
const IDENTIFIER = /(?<![\w.-])[A-Za-z_][\w.+-]*[\w+](?:\(\))?(?![\w-])/g;
const CAPITALISED_RUN = /\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b/g;

interface Named {
  name: string;
  at: number;
}

const isIdentifierName = (word: string): boolean => /[_\d()+.-]/.test(word) || /^[A-Z]{2,}$/.test(word);
// What may stand between two things a question lists: 和, 与, 、, a comma, and, or, vs.
const LIST_JOIN = /^\s*(?:[,，、/]|和|与|及|跟|以及|或|或者|还是|and|or|vs\.?|versus)\s*$/i;

/** The things a turn names, in the order it names them, each once; `listed`: only those it lists side by side. */
export function namedThings(text: string, listed = false): string[] {
  const found: Named[] = [];
  const runs = allMatches(CAPITALISED_RUN, text).map((m) => ({ name: m[0], at: m.index ?? 0 }));
  found.push(...runs);
  for (const m of allMatches(IDENTIFIER, text)) {
    const at = m.index ?? 0;
    if (runs.some((r) => at >= r.at && at < r.at + r.name.length)) continue;
    if (isIdentifierName(m[0])) found.push({ name: m[0], at });
  }
  found.sort((a, b) => a.at - b.at);
  const kept = listed
    ? found.filter((f, i) => [found[i - 1], found[i + 1]].some((o) => o && LIST_JOIN.test(text.slice(Math.min(f.at + f.name.length, o.at + o.name.length), Math.max(f.at, o.at)))))
    : found;
  const seen = new Set<string>();
  return kept.map((f) => f.name).filter((name) => !seen.has(name.toLowerCase()) && seen.add(name.toLowerCase()));
}

/**
 * The question with its positional reference replaced by the thing it picks, or undefined when it has none or the
 * previous turn names fewer than two things.
 */
export function resolveOrdinalReference(question: string, previousQuestion: string, previousAnswer: string | undefined): string | undefined {
  const match = ORDINAL_EN.exec(question) ?? ORDINAL_ZH.exec(question);
  if (!match) return undefined;
  const word = match.slice(1).find(Boolean)!;
  const position = POSITION[word.toLowerCase()];
  const listed = namedThings(previousQuestion, true);
  const askedKeys = new Set(namedThings(previousQuestion).map((n) => n.toLowerCase()));
  const things = listed.length >= 2 ? listed : namedThings(previousAnswer ?? '').filter((n) => !askedKeys.has(n.toLowerCase()));
  if (things.length < 2) return undefined;
  const thing = position === 'last' ? things[things.length - 1] : things[position];
  if (!thing) return undefined;
  return `${question.slice(0, match.index)}${thing}${question.slice(match.index + match[0].length)}`;
}
