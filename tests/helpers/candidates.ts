import type { AnalyzedQuery, CandidateSentence, GenerateInput, HistoryTurn } from '../../server/core/types.js';

/** A decision model that always answers: for tests about what an answer quotes or how it reads, not whether it answers. */
export { ALWAYS_ANSWER } from '../../server/generators/extractive/decision.js';

/** Hand-made candidates for generator tests that do not need an index: ids as given, offsets fake but consistent. */
export function makeCandidates(entries: Array<[id: number, text: string]>): CandidateSentence[] {
  let offset = 0;
  return entries.map(([id, text], i) => {
    const c: CandidateSentence = { id, sentence: i, docId: 'doc-1', start: offset, end: offset + text.length, text, chunkRank: i };
    offset += text.length;
    return c;
  });
}

/** One hand-made candidate: sentence number = id, one document, offsets of the text alone; `extra` overrides any field. */
export function candidate(id: number, text: string, extra: Partial<CandidateSentence> = {}): CandidateSentence {
  return { id, sentence: id, docId: 'd', start: 0, end: text.length, text, chunkRank: 0, ...extra };
}

/** Line n of a made-up manual: sentence number 200 + n, one document, offsets 100 apart; `extra` overrides any field. */
export function manualLine(n: number, text: string, extra: Partial<CandidateSentence> = {}): CandidateSentence {
  return { id: n, sentence: 200 + n, docId: 'manual', start: n * 100, end: n * 100 + text.length, text, chunkRank: 0, ...extra };
}

/** The candidates by sentence number, as the answerer looks up a sentence's neighbours. */
export const bySentence = (cs: CandidateSentence[]) => new Map(cs.map((c) => [c.sentence, c]));

/** A query of the question's own words, each weighing 2. */
export const queryOf = (text: string, words: string[]): AnalyzedQuery => ({ text, answerType: 'other', terms: words.map((term) => ({ term, weight: 2, origin: 'question' as const })) });

export function makeInput(
  question: string,
  candidates: CandidateSentence[],
  history: HistoryTurn[] = [],
  standalone = question,
): GenerateInput {
  return { question, history, query: { text: standalone, terms: [], answerType: 'other' }, candidates };
}

/** Sentences from the corpus article, used as passages. */
export const ARTICLE_SENTENCES: Array<[number, string]> = [
  [1, '当英伟达市值在 2025 年 7 月 9 日盘中首次突破 4 万亿美元,成为全球股票史上市值最大的上市公司。'],
  [2, '沐曦股份最后一轮融资后的估值为 210.71 亿元。'],
  [3, '摩尔线程共有 86 个股东。'],
  [12, '摩尔线程的创始人张建中曾任英伟达全球副总裁。'],
];
