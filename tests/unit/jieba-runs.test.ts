import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Jieba } from '@node-rs/jieba';
import { createJiebaRuns } from '../../server/shared/text/jieba-runs.js';

const require = createRequire(import.meta.url);
const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
const jieba: Jieba = JiebaClass.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
const PHRASING = /^(v|vd|d|ad|f|t|p|c|u|r|m|q|j|vn|y|e|o|a|z|i|l|b)/;
const isPhrasing = (tag: string) => PHRASING.test(tag);

/** A jieba that counts its calls, for checking which ones the runs spare. */
function counted(): { jieba: () => Jieba; calls: { cut: number; tag: number } } {
  const calls = { cut: 0, tag: 0 };
  const wrapped = {
    cut: (text: string, hmm?: boolean) => (calls.cut++, jieba.cut(text, hmm)),
    tag: (text: string, hmm?: boolean) => (calls.tag++, jieba.tag(text, hmm)),
  } as unknown as Jieba;
  return { jieba: () => wrapped, calls };
}

const RUNS = ['摩尔线程的创始人以前在英伟达担任什么职务', '沐曦成立到现在一共融了几轮资', '轮融资之后估值到了多少', '估值', '那', '大股东是哪位私募人士', '营收的多少', '摩尔线程员工里搞研发的占多大比例'];
const tagged = (run: string) => jieba.tag(run, true).filter((t) => isPhrasing(t.tag)).map((t) => t.word);

describe('jieba runs', () => {
  it("gives jieba's own cut and phrasing words, whatever was asked before and in which order", () => {
    const orders = [RUNS, [...RUNS].reverse(), RUNS.flatMap((r) => [r, r])];
    for (const order of orders) {
      const runs = createJiebaRuns(counted().jieba, isPhrasing);
      for (const run of order) {
        expect(runs.phrasing(run)).toEqual(tagged(run));
        expect(runs.cut(run)).toEqual(jieba.cut(run, true));
        expect(runs.phrasing(run)).toEqual(tagged(run));
      }
    }
  });

  it('tags a run it has just cut without jieba once its words are known, and never calls more than cut then tag would', () => {
    const { jieba: factory, calls } = counted();
    const runs = createJiebaRuns(factory, isPhrasing);
    // Every word of the second run is in the first: its tag comes from the first run's tag call.
    runs.cut('摩尔线程的创始人是谁');
    expect(runs.phrasing('摩尔线程的创始人是谁')).toEqual(tagged('摩尔线程的创始人是谁'));
    expect(calls).toEqual({ cut: 1, tag: 1 });
    runs.cut('创始人是谁');
    expect(runs.phrasing('创始人是谁')).toEqual(tagged('创始人是谁'));
    expect(calls).toEqual({ cut: 2, tag: 1 });
    // A run not cut here is tagged as before (one call).
    expect(runs.phrasing('谁是摩尔线程的创始人')).toEqual(tagged('谁是摩尔线程的创始人'));
    expect(calls).toEqual({ cut: 2, tag: 2 });
  });
});
