import { readFile } from 'node:fs/promises';
import { writeFittedFile } from '../eval/fitted-output.js';
import { buildRetrieval } from '../build-services.js';
import { bankConfig, isAnswerableCase, loadBankSets, type BankSet } from '../eval/bank.js';
import { rankSentences } from '../eval/sentence-ranking.js';
import { holdsEvidence } from '../eval/score-cases.js';
import { loadIndex } from '../shared/index-format/load-index.js';
import { defaultContextWeight } from '../generators/extractive/sentence-ranking-model.js';
import { RANKING_CONTEXT_FILE, rankingContext, type RankingContext } from '../generators/extractive/ranking-context.js';
import { NO_CHUNK_FIELDS } from '../retrieval/chunk-fields.js';
import { BM25_PARAMS_FILE, defaultBm25Params, defaultSentenceSearchParams, type Bm25Params, type SentenceSearchParams } from '../retrieval/bm25-index.js';

/**
 * `npm run fit:bm25 [-- --dry-run] [--options-only]`: fits retrieval's parameters on the question bank. The objective is
 * the bank's retrieval recall@5: answerable questions whose supporting sentence is among the answerer's
 * top 5 sentences (the same ranking eval:all reports). Two grid searches, each reported
 * leave-one-corpus-out (choose on four corpora, count on the fifth):
 *  1. BM25's k1 and b (chunk BM25 and the sentence scorer alike), sentence scorer as committed;
 *  2. the sentence scorer's fusion weight (0 = off) and heading-field weight, with the k1 and b kept;
 *  3. reciprocal rank fusion's k;
 *  4. pseudo-relevance feedback's weight (words of the first keyword results added to the question);
 *  5. how much a sentence's retrieved neighbours lend it in the answerer's ranking (contextCoverage,
 *     ranking-context.json), with the retrieval of stages 1 and 2;
 *  6. the weight of a command-line option the question names ("-m", "--sort=inode"), matched as written in the
 *     sentence or the label over it (option-names.ts; ranking-context.json optionWeight), recall@1 breaking
 *     ties (`--options-only`: this stage alone, over the committed parameters);
 *  7. the weights of a chunk's section heading and document title as fields of the keyword search (chunk-fields.ts),
 *     run after stage 1 (`--first-stage-only`: this stage alone, over the committed parameters). Counting a term's
 *     alternatives by the best of the group instead of each adding was tried here too: held out 824/981 either way.
 *     It also reports the pool's depth (chunks retrieved), with the time the ranking takes, without writing it;
 *  8. (run after stage 4, before stage 5) the weight of an option or sigil name's index token in the keyword search
 *     ("-m" → -m, "%M" → m, RetrievalQuery.codeTokens), relative to a word's, recall@1 breaking ties (`--code-names-only`: this
 *     stage alone, over the committed parameters).
 * A stage's choice on all corpora is written to bm25-params.json only when its held-out recall beats the
 * current parameters': otherwise the difference is the bank's noise, not a better retriever.
 */
const K1 = [0.6, 0.9, 1.2, 1.5, 2];
const B = [0.1, 0.25, 0.4, 0.55, 0.75, 0.9];
const BM25_GRID: Bm25Params[] = K1.flatMap((k1) => B.map((b) => ({ k1, b })));
const SENTENCE_WEIGHTS = [0, 0.5, 1, 1.5];
const HEADING_WEIGHTS = [0, 0.25, 0.5, 1];
// (A separate weight for the sentence before and the one after was tried: 49 settings, held out 339/417 against 342 off.)
const RRF_KS = [5, 10, 20, 40, 60, 100];
const FEEDBACK_WEIGHTS = [0, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2];
const CONTEXT_WEIGHTS = [0, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2];
// 0: an option counts only through its words (the tokenizer's "sort", "inode"; nothing for "-m").
const OPTION_WEIGHTS = [0, 0.25, 0.5, 0.75, 1, 1.5];
// A chunk's heading and title fields in the keyword search (chunk-fields.ts).
const HEADING_FIELD_WEIGHTS = [0, 0.25, 0.5, 1, 2, 3, 4];
const TITLE_FIELD_WEIGHTS = [0, 0.5, 1, 2];
const POOL_DEPTHS = [6, 8, 10, 12, 14, 16, 20, 24];
// 0: a short option ("-m") is searched as a term, at its IDF weight; a sigil's lone letter ("%M" → m) not at all.
const CODE_NAME_WEIGHTS = [0, 0.25, 0.5, 1, 1.5, 2, 3];
const TOP = 5;
const hasFields = (p: Bm25Params) => (p.fields?.heading ?? 0) > 0 || (p.fields?.title ?? 0) > 0;

interface Stage<P> {
  name: string;
  grid: P[];
  current: P;
  same: (a: P, b: P) => boolean;
  /** Ties go to the setting closest to this one's distance 0 (the textbook or the simplest setting). */
  distance: (p: P) => number;
  show: (p: P) => string;
  /**
   * Recall@1 breaks ties of recall@5, in the choice and in adopting it: for a setting that re-orders the sentences of one
   * block (the label credit) rather than bringing new ones into the top 5.
   */
  recall1BreaksTies?: boolean;
  /** Print every setting's pooled figures and ranking time (for a setting with a cost, such as the pool's depth). */
  showEach?: boolean;
}

async function main(): Promise<void> {
  const dryRun = process.argv.includes('--dry-run');
  const sets = await loadBankSets();
  const byCorpus = new Map<string, BankSet[]>();
  for (const s of sets) byCorpus.set(s.corpus, [...(byCorpus.get(s.corpus) ?? []), s]);
  const corpora = [...byCorpus.keys()];
  const loaded = new Map<string, { config: Awaited<ReturnType<typeof bankConfig>>; index: Awaited<ReturnType<typeof loadIndex>> }>();
  for (const corpus of corpora) {
    const config = await bankConfig(corpus);
    loaded.set(corpus, { config, index: await loadIndex(config.indexDir) });
  }
  const cases = (corpus: string) => byCorpus.get(corpus)!.flatMap((s) => s.cases).filter((c) => isAnswerableCase(c) && c.evidence);
  const all = corpora.reduce((n, c) => n + cases(c).length, 0);

  /** Per corpus, per grid entry: questions with the supporting sentence in the top 5. Then the held-out choice. */
  async function run<P>(
    stage: Stage<P>,
    retrievalFor: (p: P) => (config: Awaited<ReturnType<typeof bankConfig>>, index: Awaited<ReturnType<typeof loadIndex>>) => ReturnType<typeof buildRetrieval>,
    rankingFor: (p: P) => { context?: number; optionWeight?: number; topK?: number } = () => ({}),
  ) {
    const hits = new Map<string, number[]>();
    // Recall@1 alongside, reported (not the objective): a ranking that only shuffles the top 5 can cost the quoted sentence.
    const firsts = new Map<string, number[]>();
    // And the pool's recall: the supporting sentence among the candidates at all (what the first stage decides).
    const pools = new Map<string, number[]>();
    // Milliseconds spent ranking, per setting (all corpora): the cost side of a deeper pool.
    const spent = stage.grid.map(() => 0);
    for (const corpus of corpora) {
      const { config, index } = loaded.get(corpus)!;
      const row: number[] = [];
      const firstRow: number[] = [];
      const poolRow: number[] = [];
      for (const [g, p] of stage.grid.entries()) {
        const retrieval = await retrievalFor(p)(config, index);
        const started = performance.now();
        let n = 0;
        let first = 0;
        let inPool = 0;
        for (const c of cases(corpus)) {
          const ranked = await rankSentences(index, retrieval, c.q, c.history ?? [], Infinity, rankingFor(p));
          const top = ranked.slice(0, TOP);
          if (top.some((s) => holdsEvidence(s, c.evidence!))) n++;
          if (ranked.some((s) => holdsEvidence(s, c.evidence!))) inPool++;
          if (top[0] !== undefined && holdsEvidence(top[0], c.evidence!)) first++;
        }
        spent[g] += performance.now() - started;
        row.push(n);
        firstRow.push(first);
        poolRow.push(inPool);
      }
      hits.set(corpus, row);
      firsts.set(corpus, firstRow);
      pools.set(corpus, poolRow);
    }
    const score = (use: string[], i: number) => use.reduce((n, c) => n + hits.get(c)![i] * (stage.recall1BreaksTies ? all + 1 : 1) + (stage.recall1BreaksTies ? firsts.get(c)![i] : 0), 0);
    const best = (use: string[]) =>
      stage.grid.map((_, g) => g).reduce((a, g) => (score(use, g) > score(use, a) || (score(use, g) === score(use, a) && stage.distance(stage.grid[g]) < stage.distance(stage.grid[a])) ? g : a), 0);
    const currentAt = stage.grid.findIndex((g) => stage.same(g, stage.current));
    console.log(`== ${stage.name}: leave-one-corpus-out recall@${TOP} (chosen on the other corpora; current ${stage.show(stage.current)})`);
    let held = 0;
    let base = 0;
    let heldFirst = 0;
    let baseFirst = 0;
    for (const c of corpora) {
      const g = best(corpora.filter((x) => x !== c));
      const now = currentAt >= 0 ? hits.get(c)![currentAt] : NaN;
      held += hits.get(c)![g];
      base += now;
      heldFirst += firsts.get(c)![g];
      baseFirst += currentAt >= 0 ? firsts.get(c)![currentAt] : NaN;
      console.log(
        `${c.padEnd(12)} ${hits.get(c)![g]}/${cases(c).length} with ${stage.show(stage.grid[g])}   (current: ${now}/${cases(c).length})   R@1 ${firsts.get(c)![g]} (current ${currentAt >= 0 ? firsts.get(c)![currentAt] : NaN})`,
      );
    }
    const heldPool = corpora.reduce((n, c) => n + pools.get(c)![best(corpora.filter((x) => x !== c))], 0);
    const basePool = currentAt >= 0 ? corpora.reduce((n, c) => n + pools.get(c)![currentAt], 0) : NaN;
    console.log(`pooled       ${held}/${all} held out   (current: ${base}/${all})   R@1 ${heldFirst}/${all} held out (current: ${baseFirst}/${all})   in the pool ${heldPool}/${all} (current: ${basePool}/${all})`);
    if (stage.showEach) {
      for (const [i, p] of stage.grid.entries()) {
        const sum = (m: Map<string, number[]>) => corpora.reduce((n, c) => n + m.get(c)![i], 0);
        console.log(`  ${stage.show(p).padEnd(28)} R@5 ${sum(hits)}/${all}  R@1 ${sum(firsts)}/${all}  in the pool ${sum(pools)}/${all}  ${(spent[i] / all).toFixed(2)} ms per question`);
      }
    }
    const g = best(corpora);
    console.log(`fitted on all corpora: ${stage.show(stage.grid[g])}: ${corpora.reduce((n, c) => n + hits.get(c)![g], 0)}/${all} (in-sample), R@1 ${corpora.reduce((n, c) => n + firsts.get(c)![g], 0)}/${all}`);
    const adopt = held > base || (stage.recall1BreaksTies === true && held === base && heldFirst > baseFirst);
    if (!adopt) console.log(`held-out recall not better than the current parameters: keeping ${stage.show(stage.current)}`);
    return { chosen: adopt ? stage.grid[g] : stage.current, record: { heldOut: `${held}/${all}`, current: `${base}/${all}`, inSample: stage.grid[g], recall1: { heldOut: `${heldFirst}/${all}`, current: `${baseFirst}/${all}` } } };
  }

  const currentBm25 = defaultBm25Params();
  const currentSentences = defaultSentenceSearchParams();
  // Stage 6, with the retrieval and the context weight of the stages before it.
  const optionStage = (bm25Params: Bm25Params, sentenceParams: SentenceSearchParams, context: number) =>
    run<number>(
      {
        name: 'option weight (a command-line option the question names, as a share of its heaviest word)',
        grid: OPTION_WEIGHTS,
        current: rankingContext().optionWeight ?? 0,
        same: (a, b) => a === b,
        distance: (p) => p,
        show: (p) => `option weight ${p}`,
        recall1BreaksTies: true,
      },
      () => (config, index) => buildRetrieval(config, index, bm25Params, sentenceParams),
      (p) => ({ context, optionWeight: p }),
    );
  const fieldStage = (bm25Params: Bm25Params, sentenceParams: SentenceSearchParams) =>
    run<Bm25Params>(
      {
        name: 'chunk fields (heading, title weights in the keyword search)',
        grid: HEADING_FIELD_WEIGHTS.flatMap((heading) => TITLE_FIELD_WEIGHTS.map((title) => ({ ...bm25Params, fields: { heading, title } }))),
        current: { ...bm25Params, fields: currentBm25.fields ?? NO_CHUNK_FIELDS },
        same: (a, b) => a.fields?.heading === b.fields?.heading && a.fields?.title === b.fields?.title,
        distance: (p) => (p.fields?.heading ?? 0) + (p.fields?.title ?? 0),
        show: (p) => `heading ${p.fields?.heading ?? 0} title ${p.fields?.title ?? 0}`,
      },
      (p) => (config, index) => buildRetrieval(config, index, p, sentenceParams),
    );
  // Stage 8, over the sentence search's parameters of the stages before it.
  const codeNameStage = (bm25Params: Bm25Params, sentenceParams: SentenceSearchParams, context: number) =>
    run<SentenceSearchParams>(
      {
        name: "code names (weight of an option or sigil name's token in the keyword search, relative to a word's)",
        grid: CODE_NAME_WEIGHTS.map((w) => ({ ...sentenceParams, codeNameWeight: w })),
        current: { ...sentenceParams, codeNameWeight: currentSentences.codeNameWeight ?? 0 },
        same: (a, b) => (a.codeNameWeight ?? 0) === (b.codeNameWeight ?? 0),
        distance: (p) => p.codeNameWeight ?? 0,
        show: (p) => `code-name weight ${p.codeNameWeight ?? 0}`,
        recall1BreaksTies: true,
      },
      (p) => (config, index) => buildRetrieval(config, index, bm25Params, p),
      () => ({ context }),
    );
  const date = new Date().toISOString().slice(0, 10);
  const objective = `bank recall@${TOP} of the supporting sentence, leave-one-corpus-out`;
  if (process.argv.includes('--code-names-only')) {
    const code = await codeNameStage(currentBm25, currentSentences, defaultContextWeight());
    if (dryRun) return;
    const previous = JSON.parse(await readFile(BM25_PARAMS_FILE, 'utf8')) as Record<string, unknown> & { sentences: SentenceSearchParams; fitted?: Record<string, unknown> };
    const { codeNameWeight: _old, ...sentences } = previous.sentences;
    const weight = code.chosen.codeNameWeight ?? 0;
    const out = { ...previous, sentences: { ...sentences, ...(weight ? { codeNameWeight: weight } : {}) }, fitted: { ...previous.fitted, codeNames: { ...code.record, date, objective: `${objective}, recall@1 breaking ties` } } };
    await writeFittedFile(BM25_PARAMS_FILE, out);
    return;
  }
  if (process.argv.includes('--options-only')) {
    // The option weight alone, over the committed retrieval and context weight (the other stages' records kept).
    const option = await optionStage(currentBm25, currentSentences, defaultContextWeight());
    if (dryRun) return;
    const previous = rankingContext() as RankingContext & { fitted?: Record<string, unknown> };
    const ranking = { ...previous, optionWeight: option.chosen, fitted: { ...previous.fitted, option: { ...option.record, date, objective: `${objective}, recall@1 breaking ties` } } };
    await writeFittedFile(RANKING_CONTEXT_FILE, ranking);
    return;
  }
  if (process.argv.includes('--first-stage-only')) {
    const fields = await fieldStage(currentBm25, currentSentences);
    // The pool's depth is configuration (RETRIEVAL_TOP_K, 12 by default), traded against time: reported, never written.
    await run<number>(
      {
        name: 'pool depth (chunks retrieved, RETRIEVAL_TOP_K; reported only)',
        grid: POOL_DEPTHS,
        current: Number(process.env.RETRIEVAL_TOP_K ?? 12),
        same: (a, b) => a === b,
        distance: (p) => p,
        show: (p) => `${p} chunks`,
        showEach: true,
      },
      () => (config, index) => buildRetrieval(config, index, fields.chosen, currentSentences),
      (p) => ({ topK: p }),
    );
    if (dryRun) return;
    const { fields: _previous, ...previous } = JSON.parse(await readFile(BM25_PARAMS_FILE, 'utf8')) as Record<string, unknown> & { fitted?: Record<string, unknown> };
    const out = { ...previous, ...(hasFields(fields.chosen) ? { fields: fields.chosen.fields } : {}), fitted: { ...previous.fitted, fields: { ...fields.record, date } } };
    await writeFittedFile(BM25_PARAMS_FILE, out);
    return;
  }
  const stage1 = await run<Bm25Params>(
    {
      name: 'BM25 k1, b',
      grid: BM25_GRID,
      current: currentBm25,
      same: (a, b) => a.k1 === b.k1 && a.b === b.b,
      distance: (p) => Math.abs(p.k1 - 1.2) + Math.abs(p.b - 0.75),
      show: (p) => `k1 ${p.k1} b ${p.b}`,
    },
    (p) => (config, index) => buildRetrieval(config, index, { ...p, ...(currentBm25.fields ? { fields: currentBm25.fields } : {}) }, currentSentences),
  );
  const bm25 = await fieldStage(stage1.chosen, currentSentences);
  // Stages 2-4 vary the sentence search's parameters over the k1 and b chosen in stage 1.
  const withSentenceParams = (p: SentenceSearchParams) => (config: Awaited<ReturnType<typeof bankConfig>>, index: Awaited<ReturnType<typeof loadIndex>>) =>
    buildRetrieval(config, index, bm25.chosen, p);
  const sentences = await run<SentenceSearchParams>(
    {
      name: 'sentence scorer (fusion weight, heading weight)',
      // The later stages' current settings (fusion k, feedback) kept while these two vary.
      grid: SENTENCE_WEIGHTS.flatMap((weight) => HEADING_WEIGHTS.map((headingWeight) => ({ ...currentSentences, weight, headingWeight }))),
      current: currentSentences,
      same: (a, b) => a.weight === b.weight && a.headingWeight === b.headingWeight,
      distance: (p) => p.weight + p.headingWeight,
      show: (p) => `weight ${p.weight} heading ${p.headingWeight}`,
    },
    withSentenceParams,
  );
  const fusion = await run<SentenceSearchParams>(
    {
      name: 'fusion (reciprocal rank fusion k)',
      grid: RRF_KS.map((rrfK) => ({ ...sentences.chosen, rrfK })),
      current: { ...sentences.chosen, rrfK: currentSentences.rrfK ?? 60 },
      same: (a, b) => a.rrfK === b.rrfK,
      distance: (p) => Math.abs((p.rrfK ?? 60) - 60),
      show: (p) => `rrf k ${p.rrfK}`,
    },
    withSentenceParams,
  );
  const feedback = await run<SentenceSearchParams>(
    {
      name: 'pseudo-relevance feedback (weight of the expansion words)',
      grid: FEEDBACK_WEIGHTS.map((w) => ({ ...fusion.chosen, feedback: w })),
      current: { ...fusion.chosen, feedback: currentSentences.feedback ?? 0 },
      same: (a, b) => a.feedback === b.feedback,
      distance: (p) => p.feedback ?? 0,
      show: (p) => `feedback ${p.feedback}`,
    },
    withSentenceParams,
  );
  const code = await codeNameStage(bm25.chosen, feedback.chosen, defaultContextWeight());
  const context = await run<number>(
    {
      name: 'ranking context (weight of the coverage counting the neighbour sentences)',
      grid: CONTEXT_WEIGHTS,
      current: defaultContextWeight(),
      same: (a, b) => a === b,
      distance: (p) => p,
      show: (p) => `context ${p}`,
    },
    () => (config, index) => buildRetrieval(config, index, bm25.chosen, code.chosen),
    (p) => ({ context: p }),
  );
  const option = await optionStage(bm25.chosen, code.chosen, context.chosen);
  if (dryRun) return;
  const out = {
    k1: bm25.chosen.k1,
    b: bm25.chosen.b,
    ...(hasFields(bm25.chosen) ? { fields: bm25.chosen.fields } : {}),
    sentences: { weight: sentences.chosen.weight, headingWeight: sentences.chosen.headingWeight, ...(fusion.chosen.rrfK !== 60 ? { rrfK: fusion.chosen.rrfK } : {}), ...(feedback.chosen.feedback ? { feedback: feedback.chosen.feedback } : {}), ...(code.chosen.codeNameWeight ? { codeNameWeight: code.chosen.codeNameWeight } : {}) },
    fitted: {
      by: 'npm run fit:bm25',
      objective,
      date,
      bm25: stage1.record,
      fields: bm25.record,
      sentences: sentences.record,
      fusion: fusion.record,
      feedback: feedback.record,
      codeNames: code.record,
    },
  };
  await writeFittedFile(BM25_PARAMS_FILE, out);
  const ranking = {
    weight: context.chosen,
    optionWeight: option.chosen,
    fitted: { by: 'npm run fit:bm25', objective, date, context: context.record, option: { ...option.record, objective: `${objective}, recall@1 breaking ties` } },
  };
  await writeFittedFile(RANKING_CONTEXT_FILE, ranking);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
