import { analyzeText, stemLatin } from '../shared/text/tokenizer.js';
import { allMatches } from '../shared/text/all-matches.js';
import { wordAfter } from '../shared/text/english-lexicon.js';
import { DOCUMENT_PARTS_EN, DOCUMENT_PARTS_ZH } from './document-nouns.js';
import { EN_REFERENCE } from './reference-words.js';
import { toSimplified } from '../shared/text/traditional-chinese.js';
import { ENGLISH_FUNCTION_WORDS } from '../shared/text/english-function-words.js';

/**
 * A question points into the documents with a reference to them or to a part of them: "according to the manual",
 * "which clients are in the table?", "What does this section say…", "what does the list say…", 本节提醒说…, 这张表格里….
 * The words of such a reference are not what the question is about — the sentence that answers seldom names the section
 * or the table it stands in — yet, being rare in the corpus or absent from it, they weighed like a missing name. Only
 * where the phrase is a reference: after a preposition of place ("in the table"), as the subject of a verb of saying
 * ("the list says", "does the table show"), or "this section"; "the list of packages", "drop the table", "the table
 * cell" are what the question is about. ("delete rows from the table" still reads as one: in a corpus about tables the
 * word is common and weighs little; where it is rare, it is the reference.) (本文/文中/the manual, as single words, are question words: question-words.ts.)
 */

const DETERMINER = `(?:${EN_REFERENCE.demonstrative.join('|')}|the)`;
const PART = `(${DOCUMENT_PARTS_EN.join('|')})s?`;
// "in the table", "from this section", "according to the manual" — not "of the table" nor "the table's" (a part of it,
// asked about).
const IN_PART = new RegExp(String.raw`\b(?:in|from|within|under|per|according\s+to)\s+${DETERMINER}\s+(?:(?:above|following|previous|next|same|whole)\s+)?${PART}\b(?!\s+of\b|['’]s\b)`, 'gi');
// The same with words naming the part between ("according to the virtualization tools table", "in the font table", "in the
// size column of the table"): the words before the noun are what the question is about and stay; the noun is the reference.
// Only where the phrase ends the clause (a punctuation mark, the end, a verb of being, or "of" another such part): "in
// the debian archive list every file…" lists (a verb), "in the history list by default" is bash's list. Not a list (a
// named list is as often the thing asked about: "in the sudoers list", "the returned option list"); a table's column only
// as the table's, or "according to"/"per" it ("in the weekly column", "the water column" are no references).
const NAMING = String.raw`((?:[a-z][\w+-]*(?:\.[\w+-]+)*\s+){1,3})`;
const NAMED = `(${[...DOCUMENT_PARTS_EN.filter((p) => p !== 'list'), 'column'].join('|')})s?`;
const NAMED_PART = new RegExp(
  String.raw`\b(in|from|within|under|per|according\s+to)\s+${DETERMINER}\s+${NAMING}${NAMED}(?:\s+of\s+${DETERMINER}\s+${NAMING.replace('{1,3}', '{0,3}')}${NAMED})?(?=\s*(?:[?,.;:!)]|$)|\s+(?:is|are|was|were)\b)`,
  'gi',
);
// "the list says", "does the table show", "what the section recommends": the document part as the one that speaks.
const SAYING = 'say|says|said|show|shows|list|lists|mention|mentions|describe|describes|cover|covers|recommend|recommends|explain|explains|suggest|suggests|warn|warns|tell|tells|give|gives|call|calls';
const PART_SAYS = new RegExp(String.raw`\b${DETERMINER}\s+(?:(?:above|following|previous|same|whole)\s+)?${PART}\s+(?:${SAYING})\b`, 'gi');
// "this section", "these chapters": pointing at where the reader is (not "this table", "this list": "drop this table").
const THIS_PART = new RegExp(String.raw`\b(?:this|these)\s+(${DOCUMENT_PARTS_EN.filter((p) => p !== 'table' && p !== 'list').join('|')})s?\b(?!\s+of\b|['’]s\b)`, 'gi');
// "according to X": a preposition written as a participle and "to"; X is what the question is attributed to.
const ACCORDING = /\baccording\s+to\b/i;
// 本节, 这一章, 该章节, 这张表格, 上一节: a demonstrative (or 上/下 for the one before or after), 一, a measure word, the
// noun — read on the simplified text (本節, 這張表格 too), as the question's words and bigrams are.
const PART_ZH = new RegExp(`(?:本|这|该|此|上|下)一?[个张份篇]?(?:${DOCUMENT_PARTS_ZH.join('|')})`, 'g');

/** The words of a question's references to the documents, and the Chinese phrases they were read from. */
export interface DocumentReferences {
  /** As the tokenizer makes them: stemmed English, jieba's Chinese words. */
  words: ReadonlySet<string>;
  /** The Chinese references as written (本节): the character bigrams inside them are theirs too. */
  phrases: readonly string[];
}

const NOUN_TAG = /^NN/;
const wordsOf = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);
const NONE: DocumentReferences = { words: new Set(), phrases: [] };

/**
 * The question's references to the documents. `words` are the question's own words: a Chinese reference counts only
 * where they have the noun standing alone (该节点 is 该 + 节点, a node, not 该节; 这表明 is no 表).
 */
export function documentReferences(text: string, words: readonly string[]): DocumentReferences {
  const out = new Set<string>();
  const phrases: string[] = [];
  if (/[A-Za-z]/.test(text)) {
    for (const pattern of [IN_PART, PART_SAYS, THIS_PART]) {
      for (const m of allMatches(pattern, text)) {
        // "the Guide for Debian Maintainers": a title, named. "in the table cell", "this list box": the noun names
        // something with the next one, a noun first (by the lexicon).
        if (/^[A-Z]/.test(m[1])) continue;
        const tags = pattern === PART_SAYS ? undefined : wordAfter(text, (m.index ?? 0) + m[0].length)?.tags;
        if (tags && NOUN_TAG.test(tags[0])) continue;
        out.add(stemLatin(m[1].toLowerCase()));
      }
    }
    for (const m of allMatches(NAMED_PART, text)) {
      const [, preposition, naming, part, ofNaming, ofPart] = m;
      // Each word naming the part is a word of content ("in the size column", not "in the is column"); a capital makes
      // the noun part of a title ("in the Securing Debian Manual"), named, as above.
      if ([part, ofPart].some((p) => p !== undefined && /^[A-Z]/.test(p))) continue;
      if (wordsOf(naming).some((w) => ENGLISH_FUNCTION_WORDS.has(w)) || wordsOf(ofNaming ?? '').some((w) => ENGLISH_FUNCTION_WORDS.has(w))) continue;
      const column = (p: string) => /^columns?$/i.test(p);
      if (column(part) && !/^(?:per|according)/i.test(preposition) && !/^tables?$/i.test(ofPart ?? '')) continue;
      if (ofPart !== undefined && column(ofPart)) continue;
      out.add(stemLatin(part.toLowerCase()));
      if (ofPart !== undefined) out.add(stemLatin(ofPart.toLowerCase()));
    }
    if (ACCORDING.test(text)) out.add(stemLatin('according'));
  }
  if (/[\u4e00-\u9fff]/.test(text)) {
    const own = new Set(words);
    for (const m of allMatches(PART_ZH, toSimplified(text.normalize('NFKC')))) {
      const parts = analyzeText(m[0]).words;
      if (!parts.length || !parts.every((w) => own.has(w))) continue;
      for (const w of parts) out.add(w);
      phrases.push(m[0]);
    }
  }
  return out.size ? { words: out, phrases } : NONE;
}
