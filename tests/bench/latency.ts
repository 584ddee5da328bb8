/**
 * In-process answer latency on the real article: answerQuestion over the dev questions, against a
 * bare MiniSearch keyword search over the same sentences (Intl.Segmenter words), in the same run.
 */
import { readFile } from 'node:fs/promises';
import MiniSearch from 'minisearch';
import type { Config } from '../../server/config.js';
import { buildServices } from '../../server/build-services.js';
import type { HistoryTurn } from '../../server/core/types.js';
import { sentenceText } from '../../server/shared/index-format/loaded-index.js';
import { round, summarize } from './stats.js';

export interface DevCase {
  id: string;
  q: string;
  history?: HistoryTurn[];
}

export async function loadDevCases(file: string): Promise<DevCase[]> {
  return (JSON.parse(await readFile(file, 'utf8')) as { cases: DevCase[] }).cases;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
/** Per sentence only: Intl.Segmenter is superlinear on long strings. */
const segmenterTokenize = (text: string) => [...segmenter.segment(text.toLowerCase())].filter((s) => s.isWordLike).map((s) => s.segment);

export async function benchLatency(config: Config, cases: DevCase[], rounds: number) {
  const services = await buildServices({ config });
  const { index } = services;
  const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], tokenize: segmenterTokenize });
  mini.addAll(index.sentences.map((_, i) => ({ id: i, text: sentenceText(index, i) })));

  const answer: number[] = [];
  /** Process CPU time of all threads (GC helper threads included, so it can exceed wall time): in the JSON only. */
  const answerCpu: number[] = [];
  const keyword: number[] = [];
  const warmup = Math.max(2, Math.ceil(rounds / 5));
  for (let r = 0; r < warmup + rounds; r++) {
    for (const c of cases) {
      // Interleaved, so both see the same machine state.
      const cpu0 = process.cpuUsage();
      let t = performance.now();
      await services.answerService.answerQuestion(c.q, c.history ?? []);
      const a = performance.now() - t;
      const cpu = process.cpuUsage(cpu0);
      t = performance.now();
      mini.search(c.q);
      const k = performance.now() - t;
      if (r >= warmup) {
        answer.push(a);
        answerCpu.push((cpu.user + cpu.system) / 1000);
        keyword.push(k);
      }
    }
  }
  const a = summarize(answer);
  const k = summarize(keyword);
  return {
    sentences: index.sentences.length,
    questions: cases.length,
    samples: a.n,
    answerP50Ms: round(a.p50, 4),
    answerP99Ms: round(a.p99, 4),
    answerCpuP99Ms: round(summarize(answerCpu).p99, 4),
    miniSearchP50Ms: round(k.p50, 4),
    miniSearchP99Ms: round(k.p99, 4),
    p50Ratio: round(a.p50 / k.p50, 2),
  };
}
