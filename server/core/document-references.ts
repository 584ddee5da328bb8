import { analyzeText, stemLatin } from '../shared/text/tokenizer.js';
import { englishLexicon } from '../shared/text/english-lexicon.js';
import { allMatches } from '../shared/text/all-matches.js';
import { DOCUMENT_PARTS_EN, DOCUMENT_PARTS_ZH } from './document-nouns.js';

/**
 * A question points into the documents with a reference to them or to a part of them: "according to the manual",
 * "which clients are in the table?", "What does this section say…", 本节提醒说…, 这张表格里…. The words of such a reference
 * are not what the question is about — the sentence that answers seldom names the section or the table it stands in —
 * yet, being rare in the corpus or absent from it, they weighed like a missing name. (本文/文中/the manual, as single
 * words, are question words already: question-words.ts.)
 */

// A determiner pointing at one part, an optional position word, the noun (as a whole word, plural too).
const PART_EN = new RegExp(
  String.raw`\b(?:this|that|the|these|those)\s+(?:(?:above|following|previous|next|same|whole)\s+)?(${DOCUMENT_PARTS_EN.join('|')})s?\b(?:\s+([A-Za-z]+))?`,
  'gi',
);
// "according to X": a preposition written as a participle and "to"; X is what the question is attributed to.
const ACCORDING = /\baccording\s+to\b/i;
// 本节, 这一章, 该章节, 这张表格, 上一节: a demonstrative (or 上/下 for the one before or after), 一, a measure word, the noun.
const PART_ZH = new RegExp(`(?:本|这|该|此|上|下)一?[个张份篇]?(?:${DOCUMENT_PARTS_ZH.join('|')})`, 'g');
const NOUN_TAG = /^NN/;

/**
 * The words (as the tokenizer makes them: stemmed English, jieba's Chinese words) of the question's references to the
 * documents. `words` are the question's own words: a Chinese reference counts only where jieba cut the question so that
 * the noun stands alone (该节点 is 该 + 节点, a node, not 该节; 这表明 is no 表).
 */
export function documentReferenceWords(text: string, words: readonly string[]): ReadonlySet<string> {
  const out = new Set<string>();
  const own = new Set(words);
  for (const m of allMatches(PART_EN, text)) {
    // "the Guide for Debian Maintainers": a title, named. "the table cell", "the list search field": the noun modifies the
    // next one (a noun first, by the lexicon), and the two name something.
    if (/^[A-Z]/.test(m[1])) continue;
    const next = m[2]?.toLowerCase();
    const tags = next ? englishLexicon().get(next) : undefined;
    if (tags && NOUN_TAG.test(tags[0])) continue;
    out.add(stemLatin(m[1].toLowerCase()));
  }
  if (ACCORDING.test(text)) out.add(stemLatin('according'));
  for (const m of allMatches(PART_ZH, text.normalize('NFKC'))) {
    const parts = analyzeText(m[0]).words;
    if (parts.length && parts.every((w) => own.has(w))) for (const w of parts) out.add(w);
  }
  return out;
}
