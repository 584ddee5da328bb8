import type { QuestionKind } from './question-kind.js';
import { englishLexicon } from '../../../shared/text/english-lexicon.js';
import { LIST_REQUEST } from '../../../core/question-words.js';

export const list: QuestionKind = {
  name: 'list',
  asks: new RegExp(`哪些|哪几|哪[两二三四五六七八九十]\\s*[种个类项条款]|包括什么|包含什么|都有什么|${LIST_REQUEST.source}|\\blist\\b|what are the|which .* are|name the`, 'i'),
  answerCue: /、|,|，|;|；|以及|和|及|包括|如下|\b(?:following|includ(?:e|es|ing)|and|such as)\b/i,
};

// The parts of speech (a word's likeliest, wink-lexicon's first tag) that go on a noun phrase before its head: nouns,
// adjectives, numbers and participles ("Which two installed packages …").
const NOMINAL = new Set(['NN', 'NNS', 'NNP', 'NNPS', 'JJ', 'JJR', 'JJS', 'CD', 'VBN', 'VBG']);
const WHICH_OR_WHAT = /\b(?:which|what)\s+(?:of\s+(?:the|these|those)\s+)?([^?？]*)/i;
// A word, or a punctuation mark that ends the phrase ("Which packages, in Debian, …").
const TOKEN = /[A-Za-z0-9'()-]+|[,;:]/g;
// A plural by its ending, for a word the lexicon lacks ("toolkits", "package(s)"; not "process").
const PLURAL_ENDING = /(?:[a-z]{2}[^s]s|\(s\))$/i;

/**
 * The question asks for several things: it is of the list kind, or — a which or what-is question, or one of no kind —
 * "Which packages provide …?", "What memory leak detection tools are …?": which/what and a noun phrase whose head (its
 * last word) is a plural noun, as 哪些 asks in Chinese. A word the lexicon lacks ("LALR", "Yacc-compatible") goes on the
 * phrase, and as its head is read by its ending. (Not a kind's cue: the decision's kind features stay as they were fitted.)
 */
export function asksForSeveral(question: string, kind: QuestionKind | undefined): boolean {
  if (kind?.name === 'list') return true;
  if (kind !== undefined && kind.name !== 'which' && kind.name !== 'what-is') return false;
  const after = WHICH_OR_WHAT.exec(question)?.[1];
  if (!after) return false;
  const lexicon = englishLexicon();
  let head: { word: string; tag: string | undefined } | undefined;
  for (const [word] of after.matchAll(TOKEN)) {
    const tag = /^[,;:]$/.test(word) ? 'punctuation' : lexicon.get(word.toLowerCase())?.[0];
    if (tag !== undefined && !NOMINAL.has(tag)) break;
    head = { word, tag };
  }
  if (!head) return false;
  return head.tag === undefined ? PLURAL_ENDING.test(head.word) : head.tag === 'NNS' || head.tag === 'NNPS';
}
