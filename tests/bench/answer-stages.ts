/**
 * Where an answer's time goes, per stage, in process (answer cache off): the services buildServices builds,
 * with the retriever and the generator wrapped by timers, so "rest" is question analysis, candidate
 * building, the structure-question check and citation mapping. Then the hot parts alone, on the inputs
 * captured from the same questions, and a bare MiniSearch search as in latency.ts.
 *
 *   npx tsx tests/bench/answer-stages.ts [corpus=article] [rounds=40] [questions.json]
 *
 * A diagnostic, not a gate: medians only mean something as ratios from one run on this shared machine.
 */
import { readFile } from 'node:fs/promises';
import MiniSearch from 'minisearch';
import { buildRetrieval } from '../../server/build-services.js';
import { loadGlossary } from '../../server/core/glossary.js';
import { createAnswerService } from '../../server/core/answer-service.js';
import { buildCandidates } from '../../server/core/candidates.js';
import { resolveQuestion } from '../../server/core/query-analysis.js';
import type { AnalyzedQuery, CandidateSentence } from '../../server/core/types.js';
import type { Generator } from '../../server/core/generator.js';
import type { RetrievedChunk, Retriever } from '../../server/retrieval/retriever.js';
import { bankConfig, loadBankSets } from '../../server/eval/bank.js';
import { createExtractiveGenerator } from '../../server/generators/extractive/extractive-generator.js';
import { scoreEvidence } from '../../server/generators/extractive/sentence-evidence.js';
import { loadIndex } from '../../server/shared/index-format/load-index.js';
import { sentenceText } from '../../server/shared/index-format/loaded-index.js';
import { normalizeForMatching } from '../../server/shared/text/tokenizer.js';
import type { DevCase } from './latency.js';
import { round, summarize } from './stats.js';

const [corpus = 'article', roundsArg = '40', questionsFile] = process.argv.slice(2);
const rounds = Number(roundsArg);
const WARMUP = 2;

const cases: DevCase[] = questionsFile
  ? (JSON.parse(await readFile(questionsFile, 'utf8')) as { cases: DevCase[] }).cases
  : (await loadBankSets()).filter((s) => s.corpus === corpus).flatMap((s) => s.cases);
const config = await bankConfig(corpus);
const index = await loadIndex(config.indexDir);
const { retriever, stats } = await buildRetrieval(config, index);
const glossary = loadGlossary(config.corpusDir, (name) => stats.documentFrequency(normalizeForMatching(name)) > 0 || index.documents.some((d) => d.text.includes(name)));
const generator = createExtractiveGenerator();

const last = { retrieve: 0, generate: 0 };
// The last question's retrieved chunks, and what the generator was given (a holder: both wrappers write it).
const captured: { chunks?: RetrievedChunk[]; query?: AnalyzedQuery; candidates?: CandidateSentence[] } = {};
const timedRetriever: Retriever = {
  async retrieve(query, k, signal) {
    const t = performance.now();
    const chunks = await retriever.retrieve(query, k, signal);
    last.retrieve = performance.now() - t;
    captured.chunks = chunks;
    return chunks;
  },
};
const timedGenerator: Generator = {
  ...generator,
  async generate(input, options) {
    const t = performance.now();
    const out = await generator.generate(input, options);
    last.generate = performance.now() - t;
    captured.query = input.query;
    captured.candidates = input.candidates;
    return out;
  },
};
const service = createAnswerService({ index, retriever: timedRetriever, generator: timedGenerator, stats, topK: config.retrievalTopK, glossary });

const samples: Record<string, number[]> = { answer: [], '  retrieve': [], '  generate': [], '  rest': [] };
for (let r = 0; r < WARMUP + rounds; r++) {
  for (const c of cases) {
    last.retrieve = last.generate = 0;
    const t = performance.now();
    await service.answerQuestion(c.q, c.history ?? []);
    const total = performance.now() - t;
    if (r < WARMUP) continue;
    samples.answer.push(total);
    samples['  retrieve'].push(last.retrieve);
    samples['  generate'].push(last.generate);
    samples['  rest'].push(total - last.retrieve - last.generate);
  }
}

// The parts alone, on each question's captured inputs (structure questions never reach the generator).
const inputs: Array<{ c: DevCase; query: AnalyzedQuery; chunks: RetrievedChunk[]; candidates: CandidateSentence[] }> = [];
for (const c of cases) {
  captured.chunks = captured.query = captured.candidates = undefined;
  await service.answerQuestion(c.q, c.history ?? []);
  const { chunks, query, candidates } = captured;
  if (chunks && query && candidates) inputs.push({ c, query, chunks, candidates });
}
const alone = (name: string, run: (x: (typeof inputs)[number]) => unknown) => {
  const out: number[] = [];
  for (let r = 0; r < WARMUP + rounds; r++) {
    for (const x of inputs) {
      const t = performance.now();
      run(x);
      if (r >= WARMUP) out.push(performance.now() - t);
    }
  }
  samples[name] = out;
};
alone('alone: resolveQuestion', (x) => resolveQuestion(x.c.q, x.c.history ?? [], stats));
alone('alone: buildCandidates', (x) => buildCandidates(index, x.chunks));
alone('alone: scoreEvidence', (x) => scoreEvidence(x.query, x.candidates));

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const mini = new MiniSearch<{ id: number; text: string }>({
  fields: ['text'],
  tokenize: (text) => [...segmenter.segment(text.toLowerCase())].filter((s) => s.isWordLike).map((s) => s.segment),
});
mini.addAll(index.sentences.map((_, i) => ({ id: i, text: sentenceText(index, i) })));
alone('bare MiniSearch search', (x) => mini.search(x.c.q));

console.log(`${corpus}: ${cases.length} questions × ${rounds} rounds (p50 / mean, ms)`);
for (const [name, values] of Object.entries(samples)) {
  const s = summarize(values);
  console.log(`${name.padEnd(26)} ${String(round(s.p50, 4)).padStart(8)} ${String(round(s.mean, 4)).padStart(8)}`);
}
