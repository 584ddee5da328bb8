import { createHash, type Hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { runIngest, PIPELINE_VERSION } from '../../ingest/ingest.js';
import { loadConfig, type Config } from '../config.js';
import { indexExists } from '../shared/index-format/load-index.js';
import { buildRetrieval, buildServices } from '../build-services.js';
import type { Services } from '../core/services.js';
import { checkCase, holdsEvidence, valueCitedElsewhere, type EvalCase } from './score-cases.js';
import { rankSentences } from './sentence-ranking.js';
import type { AskResult } from '../core/types.js';
import type { Generator } from '../core/generator.js';

/**
 * The question bank: tests/bank/corpora/<corpus>/… documents, tests/bank/sets/<corpus>-<wave>.json
 * question sets (format of shared/eval/qa-dev.json). Each corpus is ingested once into a cached index
 * under data/bank-index/, keyed by the corpus's content hash and the pipeline version.
 */
export const BANK_DIR = path.resolve(import.meta.dirname, '../../tests/bank');

/** Per set, the figures recorded as "score now" (npm run eval:all -- --write-baseline). */
export const BASELINE_FILE = path.join(BANK_DIR, 'baseline.json');

export type Outcome = 'correct' | 'refused-correctly' | 'confidently-wrong' | 'refused-answerable';

export interface BankCaseResult {
  set: string;
  corpus: string;
  id: string;
  kind: string;
  answerable: boolean;
  outcome: Outcome;
  problems: string[];
  /** 1-based rank of the first sentence containing the evidence in the method's sentence ranking (0 = not in the top 20). */
  evidenceRank: number;
  /** The evidence is quoted by one of the response's citations or closest passages. */
  evidenceShown: boolean;
  /** Confidently wrong only for citing another sentence that states an expected value (score-cases.ts valueCitedElsewhere). */
  valueElsewhere: boolean;
  result: AskResult;
}

export interface Tally {
  answerable: number;
  unanswerable: number;
  correct: number;
  refusedCorrectly: number;
  confidentlyWrong: number;
  refusedAnswerable: number;
  recall1: number;
  recall5: number;
  evidenceShown: number;
  /** Of the confidently wrong: those citing another sentence that states an expected value. */
  valueElsewhere: number;
}

export const isAnswerableCase = (c: EvalCase & { answerable?: boolean }): boolean =>
  c.answerable !== undefined ? c.answerable : c.kind !== 'refuse' && (c.expect?.length ?? 0) > 0;

async function corpusHash(dir: string): Promise<string> {
  const h = createHash('sha256').update(`pipeline ${PIPELINE_VERSION}\ncode ${await ingestCodeHash()}\n`);
  await hashTree(h, dir, dir);
  return h.digest('hex').slice(0, 16);
}

async function hashTree(h: Hash, root: string, d: string): Promise<void> {
  for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(d, e.name);
    if (e.isDirectory()) await hashTree(h, root, full);
    else h.update(`${path.relative(root, full)}\n`).update(await readFile(full));
  }
}

/**
 * The code that builds an index (ingest/ and the shared bottom layer), hashed into each bank index's key: a
 * PIPELINE_VERSION number reused after a reverted ingest change would otherwise serve the reverted code's index
 * (session 22 read a false −44 that way). Costs a re-ingest of the bank after any edit there, comments included.
 */
let codeHash: Promise<string> | undefined;
function ingestCodeHash(): Promise<string> {
  codeHash ??= (async () => {
    const h = createHash('sha256');
    for (const d of ['../../ingest', '../shared']) {
      const dir = path.resolve(import.meta.dirname, d);
      if (existsSync(dir)) await hashTree(h, dir, dir);
    }
    return h.digest('hex');
  })();
  return codeHash;
}

/** Services over one bank corpus, ingesting it first when its cached index is missing or stale. */
export interface BankCorpus {
  services: Services;
  retrieval: Awaited<ReturnType<typeof buildRetrieval>>;
}

/** The configuration of one bank corpus, its cached index built first when missing or stale. */
export async function bankConfig(corpus: string, bankDir = BANK_DIR): Promise<Config> {
  const corpusDir = path.join(bankDir, 'corpora', corpus);
  const indexDir = path.resolve(import.meta.dirname, '../../data/bank-index', `${corpus}-${await corpusHash(corpusDir)}`);
  const config = loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, LOG_LEVEL: 'silent', ANSWER_CACHE_SIZE: '0', ...(process.env.RETRIEVAL_TOP_K ? { RETRIEVAL_TOP_K: process.env.RETRIEVAL_TOP_K } : {}) });
  if (!indexExists(indexDir)) await runIngest({ config, full: true });
  return config;
}

export async function bankServices(corpus: string, bankDir = BANK_DIR, generator?: Generator): Promise<BankCorpus> {
  const config = await bankConfig(corpus, bankDir);
  const services = await buildServices({ config, generator });
  return { services, retrieval: await buildRetrieval(config, services.index) };
}

export interface BankSet {
  name: string;
  corpus: string;
  cases: Array<EvalCase & { answerable?: boolean }>;
}

export async function loadBankSets(bankDir = BANK_DIR, only?: string[]): Promise<BankSet[]> {
  const dir = path.join(bankDir, 'sets');
  if (!existsSync(dir)) return [];
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const corpora = existsSync(path.join(bankDir, 'corpora')) ? await readdir(path.join(bankDir, 'corpora')) : [];
  const sets: BankSet[] = [];
  for (const f of files) {
    const name = f.replace(/\.json$/, '');
    if (only?.length && !only.some((o) => name === o || name.startsWith(`${o}-`))) continue;
    // "<corpus>-<wave>": the longest corpus name that prefixes the set name.
    const corpus = corpora.filter((c) => name.startsWith(`${c}-`)).sort((a, b) => b.length - a.length)[0];
    if (!corpus) throw new Error(`question set ${f} names no corpus under ${bankDir}/corpora`);
    const { cases } = JSON.parse(await readFile(path.join(dir, f), 'utf8')) as { cases: BankSet['cases'] };
    sets.push({ name, corpus, cases });
  }
  return sets;
}

export async function runBankSet(set: BankSet, { services, retrieval }: BankCorpus): Promise<BankCaseResult[]> {
  const out: BankCaseResult[] = [];
  for (const c of set.cases) {
    const history = c.history ?? [];
    const result = await services.answerService.answerQuestion(c.q, history);
    const problems = checkCase(c, result, services.index, { foldCase: true });
    const answerable = isAnswerableCase(c);
    const pass = problems.length === 0;
    const outcome: Outcome = answerable
      ? pass
        ? 'correct'
        : result.answered
          ? 'confidently-wrong'
          : 'refused-answerable'
      : result.answered
        ? 'confidently-wrong'
        : 'refused-correctly';
    let evidenceRank = 0;
    if (answerable && c.evidence) {
      const ranked = await rankSentences(services.index, retrieval, c.q, history, 20);
      evidenceRank = ranked.findIndex((s) => holdsEvidence(s, c.evidence)) + 1;
    }
    const evidenceShown = Boolean(c.evidence) && result.citations.some((cit) => holdsEvidence(cit.quote, c.evidence));
    const valueElsewhere = outcome === 'confidently-wrong' && answerable && valueCitedElsewhere(problems, c, result);
    out.push({ set: set.name, corpus: set.corpus, id: c.id, kind: c.kind, answerable, outcome, problems, evidenceRank, evidenceShown, valueElsewhere, result });
  }
  return out;
}

export function tally(results: BankCaseResult[]): Tally {
  const t: Tally = { answerable: 0, unanswerable: 0, correct: 0, refusedCorrectly: 0, confidentlyWrong: 0, refusedAnswerable: 0, recall1: 0, recall5: 0, evidenceShown: 0, valueElsewhere: 0 };
  for (const r of results) {
    if (r.answerable) t.answerable++;
    else t.unanswerable++;
    if (r.outcome === 'correct') t.correct++;
    if (r.outcome === 'refused-correctly') t.refusedCorrectly++;
    if (r.outcome === 'confidently-wrong') t.confidentlyWrong++;
    if (r.outcome === 'refused-answerable') t.refusedAnswerable++;
    if (r.answerable && r.evidenceRank === 1) t.recall1++;
    if (r.answerable && r.evidenceRank >= 1 && r.evidenceRank <= 5) t.recall5++;
    if (r.answerable && r.evidenceShown) t.evidenceShown++;
    if (r.valueElsewhere) t.valueElsewhere++;
  }
  return t;
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(0)}%` : '–');

/** One line of the report: answerable-correct, refusals, confidently wrong (over all cases), recall, evidence shown. */
export function formatTally(label: string, t: Tally): string {
  const all = t.answerable + t.unanswerable;
  return [
    label.padEnd(28),
    `correct ${t.correct}/${t.answerable} (${pct(t.correct, t.answerable)})`.padEnd(22),
    `refused ${t.refusedCorrectly}/${t.unanswerable} (${pct(t.refusedCorrectly, t.unanswerable)})`.padEnd(20),
    `conf.wrong ${t.confidentlyWrong}/${all} (${pct(t.confidentlyWrong, all)})`.padEnd(24),
    `refused-answerable ${t.refusedAnswerable}`.padEnd(22),
    `R@1 ${pct(t.recall1, t.answerable)} R@5 ${pct(t.recall5, t.answerable)}`.padEnd(18),
    `shown ${pct(t.evidenceShown, t.answerable)}`,
    ...(t.valueElsewhere ? [` (of the wrong, ${t.valueElsewhere} cite another sentence stating the value)`] : []),
  ].join(' ');
}
