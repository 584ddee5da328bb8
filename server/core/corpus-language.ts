import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import { inCodeBlock } from '../shared/index-format/document-structure.js';
import { COMMAND_LINE, isIndentedBlock } from './sentence-shapes.js';
import { stemLatin } from '../shared/text/tokenizer.js';
import { hasHan, mainlyHan } from '../shared/text/char-classes.js';
import { allMatches } from '../shared/text/all-matches.js';

const LETTER = /\p{L}/u;
const SAMPLE_CHARS = 20_000;

/**
 * "Chinese" when most prose lines with letters of the corpus hold a CJK character, else undefined (no rewriting).
 * Lines, not letters: an English word has five letters where Chinese writes two characters, so a Chinese
 * manual with English commands and untranslated passages counted as English by letters. Prose lines: code —
 * a block the format marked, a shell line, an indented block — is written in Latin script whatever the
 * manual's language (10 of the bank's 66 Chinese corpora, Handbook chapters full of commands and configuration
 * files, counted as English by all their lines). Used to match (or ask an LLM to rewrite) questions in the other
 * language before lexical retrieval.
 */
export function corpusLanguage(index: LoadedIndex): string | undefined {
  let chinese = 0;
  let lines = 0;
  for (const doc of index.documents.slice(0, 50)) {
    const sample = doc.text.slice(0, SAMPLE_CHARS);
    let start = 0;
    for (const line of sample.split('\n')) {
      const at = start;
      start += line.length + 1;
      // (A "# 标题" line of a Chinese text file is a heading, not a shell line: only Latin-script prompt lines are skipped.)
      if (!LETTER.test(line) || inCodeBlock(doc, at) || (COMMAND_LINE.test(line) && !hasHan(line)) || isIndentedBlock(sample, at)) continue;
      lines++;
      if (hasHan(line)) chinese++;
    }
  }
  return lines > 0 && chinese / lines > 0.5 ? 'Chinese' : undefined;
}

/** A question written mainly in Latin script (a Chinese name in it or not) is not in a Chinese corpus's language. */
export function writtenIn(question: string, language: string | undefined): boolean {
  return language !== 'Chinese' || mainlyHan(question);
}

/**
 * The question and the corpus are in different languages (an English question over Chinese text, or the reverse),
 * judged by the question's main script: "What was Muxi (沐曦) valued at?" is English, "Samba 的编码怎么改?" Chinese.
 */
export function isTranslated(question: string, language: string | undefined): boolean {
  return mainlyHan(question) !== (language === 'Chinese');
}

/**
 * The stems of the names an English question writes with a capital inside the sentence ("the CEO of Apple" →
 * appl, ceo): a name the corpus lacks is missing evidence, even when the dictionary cannot translate it.
 */
const CAPITALISED_NAME = /(?<=[\p{L}\p{N},;:)]\s+)([A-Z][\p{L}\p{N}]*)/gu;
export function capitalisedNames(question: string): Set<string> {
  const out = new Set<string>();
  for (const m of allMatches(CAPITALISED_NAME, question)) out.add(stemLatin(m[1].toLowerCase()));
  return out;
}
