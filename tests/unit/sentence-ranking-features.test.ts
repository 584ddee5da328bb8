import { describe, expect, it } from 'vitest';
import { matchSpan } from '../../server/generators/extractive/match-span.js';
import { scoreEvidence } from '../../server/generators/extractive/sentence-evidence.js';
import { FIRST_STAGE, RANK_FEATURES, answerRankingModel, rankEvidence, rankFeatures, rankingList, type RankingModel } from '../../server/generators/extractive/sentence-ranking-model.js';
import type { AnalyzedQuery } from '../../server/core/types.js';
import { ALWAYS_ANSWER, candidate } from '../helpers/candidates.js';
import { createExtractiveGenerator } from '../../server/generators/extractive/extractive-generator.js';


const query: AnalyzedQuery = {
  text: 'How do I configure the netgroup file?',
  answerType: 'other',
  terms: [
    { term: 'netgroup', weight: 4, origin: 'question', role: 'topic' },
    { term: 'configure', weight: 2, origin: 'question' },
    { term: 'file', weight: 1, origin: 'question' },
  ],
};

describe('match span: the question words close together and early', () => {
  it('density is 1 for adjacent words, lower when they are spread out; position is where the first starts', () => {
    const words = [{ term: 'ab' }, { term: 'cd' }];
    expect(matchSpan('abcdxxxx', words)).toEqual({ density: 1, position: 0 });
    expect(matchSpan('xxabxxxxcd', words).density).toBeCloseTo(0.5);
    expect(matchSpan('xxabxxxxcd', words).position).toBeCloseTo(0.2);
    expect(matchSpan('nothing', words)).toEqual({ density: 0, position: 1 });
  });

  it('an alternative counts for its word; context words and uncredited words are not looked for', () => {
    expect(matchSpan('xxefgh', [{ term: 'ab', alternatives: ['ef'] }]).position).toBeCloseTo(1 / 3);
    expect(matchSpan('abcd', [{ term: 'ab', origin: 'context' }])).toEqual({ density: 0, position: 1 });
    expect(matchSpan('abcd', [{ term: 'ab' }, { term: 'cd' }], 0b10).position).toBeCloseTo(0.5);
  });
});

describe('ranking features', () => {
  const sentences = [
    candidate(1, 'Configure the netgroup file on the server.'),
    candidate(2, 'The netgroup daemon restarts at night, and later a file is written and you may configure it.'),
    candidate(3, 'Nothing here matches.', { heading: 'Netgroup file' }),
  ];
  const evidence = scoreEvidence(query, sentences);
  const list = rankingList(evidence, query);
  const row = (i: number) => Object.fromEntries(RANK_FEATURES.map((name, j) => [name, rankFeatures(evidence[i], query, undefined, list)[j]]));

  it('one value per feature name', () => {
    expect(rankFeatures(evidence[0], query, undefined, list)).toHaveLength(RANK_FEATURES.length);
  });

  it('own coverage, proximity and the best-coverage flag favour the sentence that says the words together', () => {
    expect(row(0).ownCoverage).toBeCloseTo(1);
    expect(row(0).bestCoverage).toBe(1);
    expect(row(0).proximity).toBeGreaterThan(row(1).proximity);
    expect(row(1).coverageGap).toBe(0);
    expect(row(0).phraseOverlap).toBeGreaterThan(row(2).phraseOverlap);
  });

  it('what only the heading says is heading coverage, not the sentence\'s own', () => {
    expect(row(2).ownCoverage).toBe(0);
    expect(row(2).headingCoverage).toBeGreaterThan(0.5);
    expect(row(2).docCoverage).toBeCloseTo(1);
  });
});

describe('lead coverage: what only an item\'s lead says, weighed apart', () => {
  const lead = 'To configure the netgroup file, run the following:';
  const evidence = scoreEvidence(query, [candidate(10, lead), candidate(11, '$ editnet --apply', { lead, code: true })]);
  const list = rankingList(evidence, query);
  const row = (i: number) => Object.fromEntries(RANK_FEATURES.map((name, j) => [name, rankFeatures(evidence[i], query, undefined, list)[j]]));

  it('is the lead\'s share for the item, whose own coverage stays 0, and 0 for the explanation itself', () => {
    expect(row(1).ownCoverage).toBe(0);
    expect(row(1).leadCoverage).toBeCloseTo(1);
    expect(row(0).leadCoverage).toBe(0);
    expect(row(0).ownCoverage).toBeCloseTo(1);
  });
});

describe('rankEvidence without a model (as shipped)', () => {
  it('orders by the hand-set score alone and computes no model probability', () => {
    const spread = candidate(1, 'The netgroup daemon restarts at night, and later a file is written and you may configure it.');
    const none = candidate(2, 'Nothing here matches.');
    const close = candidate(3, 'To configure the netgroup file:');
    const evidence = scoreEvidence(query, [none, spread, close]);
    const ranked = rankEvidence(evidence, query, undefined, null, 0);
    expect(ranked.map((e) => e.score)).toEqual([...ranked.map((e) => e.score)].sort((a, b) => b - a));
    expect(ranked[ranked.length - 1].candidate).toBe(none);
    expect(ranked.every((e) => e.rankProbability === undefined)).toBe(true);
  });

  it('ignores a model fitted over another feature list', () => {
    const older: RankingModel = { features: [...RANK_FEATURES.slice(1)], weights: RANK_FEATURES.slice(1).map(() => 1), bias: 0 };
    const ranked = rankEvidence(scoreEvidence(query, [candidate(1, 'Configure the netgroup file.')]), query, undefined, older, 0);
    expect(ranked[0].rankProbability).toBeUndefined();
  });
});

describe('rankEvidence with a fitted model', () => {
  // A model that only rewards proximity: it must reorder the first stage, and leave the hand-set score alone.
  const proximityOnly: RankingModel = { features: [...RANK_FEATURES], weights: RANK_FEATURES.map((f) => (f === 'proximity' ? 10 : 0)), bias: 0 };
  it('orders by the model and keeps the evidence score (what the decision reads)', () => {
    const spread = candidate(1, 'The netgroup daemon restarts at night, and later a file is written and you may configure it.');
    const close = candidate(2, 'To configure the netgroup file:');
    const evidence = scoreEvidence(query, [spread, close]);
    const scores = new Map(evidence.map((e) => [e.candidate.id, e.score]));
    const ranked = rankEvidence(evidence, query, undefined, proximityOnly, 0);
    expect(ranked[0].candidate).toBe(close);
    for (const e of ranked) expect(e.score).toBe(scores.get(e.candidate.id));
    expect(ranked[0].rankProbability).toBeGreaterThan(ranked[1].rankProbability!);
  });

  it('only the first stage is scored by the model', () => {
    const many = Array.from({ length: FIRST_STAGE + 5 }, (_, i) => candidate(i + 1, `netgroup file ${'x'.repeat(i)} configure`));
    const ranked = rankEvidence(scoreEvidence(query, many), query, undefined, proximityOnly, 0);
    expect(ranked.filter((e) => e.rankProbability !== undefined)).toHaveLength(FIRST_STAGE);
    expect(ranked.slice(0, FIRST_STAGE).every((e) => e.rankProbability !== undefined)).toBe(true);
  });
});

describe('a model fitted for the passages only (scope "passages")', () => {
  const proximityOnly = (scope: RankingModel['scope']): RankingModel => ({ features: [...RANK_FEATURES], weights: RANK_FEATURES.map((f) => (f === 'proximity' ? 10 : 0)), bias: 0, scope });
  const spread = candidate(1, 'The netgroup daemon restarts at night, and later a file is written and you may configure it.');
  // Far apart in their document, so that each passage is its own sentence (passage-context.ts adds neighbours).
  const close = candidate(2, 'To configure the netgroup file:', { sentence: 40 });
  const input = { question: query.text, history: [], query, candidates: [spread, close] };
  const NEVER_ANSWER = { ...ALWAYS_ANSWER, bias: -10, threshold: 0.75 };

  it('is not the answer\'s ranking model', () => {
    expect(answerRankingModel(proximityOnly('passages'))).toBeNull();
    expect(answerRankingModel(proximityOnly('answer'))).not.toBeNull();
    expect(answerRankingModel(proximityOnly(undefined))).not.toBeNull();
  });

  it('orders a refusal\'s passages, and the answer quotes the first stage\'s best as without a model', async () => {
    const first = (await createExtractiveGenerator({ model: NEVER_ANSWER, rankingModel: null }).generate(input)).passages!;
    const refused = await createExtractiveGenerator({ model: NEVER_ANSWER, rankingModel: proximityOnly('passages') }).generate(input);
    expect(refused.answered).toBe(false);
    expect(first[0].candidateIds).toEqual([spread.id]);
    expect(refused.passages![0].candidateIds).toEqual([close.id]);
    const plain = await createExtractiveGenerator({ model: ALWAYS_ANSWER, rankingModel: null }).generate(input);
    const withModel = await createExtractiveGenerator({ model: ALWAYS_ANSWER, rankingModel: proximityOnly('passages') }).generate(input);
    expect(withModel.answer).toBe(plain.answer);
  });
});
