import { describe, expect, it } from 'vitest';
import { analyzeQuestion, contentTerms, type TermStats } from '../../server/core/query-analysis.js';
import { indefiniteOnes, withoutIndefiniteOnes } from '../../server/shared/text/chinese-numerals.js';
import { satisfiesAnswerType } from '../../server/core/answer-type.js';
import { normalizeForMatching } from '../../server/shared/text/tokenizer.js';
import { wordFacts } from '../../server/core/word-facts.js';

/** A Chinese corpus that writes 跟踪器 and 烧钱; "homophones" answers as the lexicon's pinyin index would. */
const df: Record<string, number> = { 软件包: 10, 跟踪器: 2, 烧钱: 3, debian: 50, 沐曦: 5, 贡献: 3, 收入: 8, 客户: 6, 沐浴: 2, 指向: 4, 想: 3, 张驰: 4, 说法: 3 };
const reads: Record<string, string> = { 跟综器: '跟踪器', 少钱: '烧钱', 只想: '指向' };
const idf = (n: number) => Math.log(1 + (100 - n + 0.5) / (n + 0.5));
const stats: TermStats = {
  chunkCount: 100,
  documentFrequency: (t) => df[t] ?? 0,
  idf: (t) => idf(df[t] ?? 0),
  alternatives: (w) => (reads[w] ? [reads[w]] : []),
  homophones: (w) => (reads[w] ? [reads[w]] : []),
};
const terms = (q: string) => contentTerms(q, stats, 'question');

describe('a corpus name the segmenter cut up in this question', () => {
  it('is read as the corpus writes it ("给沐曦贡献" cut 给 | 沐 | 曦 | 贡献)', () => {
    const t = terms('2024 年给沐曦贡献收入最多的客户是哪家?').map((x) => x.term);
    expect(t).toContain('沐曦');
    expect(t).not.toContain('沐');
    expect(t).not.toContain('曦');
  });

  it('is looked for after the words before it, not inside an earlier word (沐浴的沐曦: the second 沐)', () => {
    const t = terms('沐浴的沐曦贡献').map((x) => x.term);
    expect(t).toEqual(expect.arrayContaining(['沐浴', '沐曦', '贡献']));
    expect(t).not.toContain('曦');
  });
});

describe('a piece glued across the edge of a corpus word', () => {
  it('gives the corpus word and the rest ("张驰举了" → 张驰 | 举; "照张驰的" cut 照张 | 驰 → 照 | 张驰)', () => {
    const t1 = terms('张驰举了哪些例子?').map((x) => x.term);
    expect(t1).toContain('张驰');
    expect(t1).not.toContain('张驰举');
    const t2 = terms('照张驰的说法呢?').map((x) => x.term);
    expect(t2).toContain('张驰');
    expect(t2).not.toContain('照张');
    expect(t2).not.toContain('驰');
  });

  it('reads on to the end of the next piece, never into its middle (照张 | 驰举: no 驰举 left beside 张驰)', () => {
    // jieba cuts 照张驰举的例子 as 照张 | 驰举 | 例子: 张驰 ends inside 驰举, so it is not taken from 照张.
    const t = terms('照张驰举的例子').map((x) => x.term);
    expect(t).not.toContain('张驰');
  });
});

describe('a Chinese word written with a wrong homophone', () => {
  it('is read whole although the segmenter cut it, and matched as the corpus word it sounds like', () => {
    const t = terms('Debian 软件包跟综器是谁做的?');
    expect(t.find((x) => x.term === '跟综器')?.alternatives).toEqual(['跟踪器']);
    // Its pieces, before and after where the segmenter cut it, are not terms of their own.
    expect(t.map((x) => x.term)).not.toContain('综器');
    expect(t.map((x) => x.term)).not.toContain('跟');
  });

  it('is not made of a one-character piece the corpus lacks and its neighbour (多少钱 is no 烧钱)', () => {
    expect(terms('公司值多少钱?').map((x) => x.term)).not.toContain('少钱');
  });
});

describe('a name asked with a slip', () => {
  it('is the topic its corpus spelling would be ("木曦股份…" as 沐曦股份…), not a word of what is asked', () => {
    const named: TermStats = {
      ...stats,
      documentFrequency: (t) => ({ 沐曦: 5, 股份: 5, 研发: 3, '~沐曦': 5, '~曦股': 5, '~股份': 5 })[t] ?? 0,
      alternatives: (w) => (w === '木曦' ? ['沐曦'] : []),
      homophones: (w) => (w === '木曦' ? ['沐曦'] : []),
    };
    const roles = (q: string) => Object.fromEntries(analyzeQuestion(q, named).terms.map((t) => [t.term, t.role]));
    expect(roles('沐曦股份研发投了多少?')).toMatchObject({ 沐曦: 'topic', 股份: 'topic' });
    expect(roles('木曦股份研发投了多少?')).toMatchObject({ 木曦: 'topic', 股份: 'topic' });
    expect(roles('木曦股份研发投了多少?').研发).toBeUndefined();
    // Written in traditional characters, as the terms are read (simplified).
    expect(roles('木曦股份研發投了多少?')).toMatchObject({ 木曦: 'topic', 股份: 'topic' });
  });
});

describe('a glued question word that merely sounds like a corpus word', () => {
  it('still stands for its content piece (只想 → 想), unless question analysis joined it as a slip', () => {
    expect(wordFacts('只想', stats).word).toBe('想');
    expect(wordFacts('只想', stats, true).word).toBe('只想');
  });
});

describe('the indefinite 一 before a classifier (一个, 一条, 一种)', () => {
  it('asks no number 1: "新建一个虚拟磁盘" asks how to make a disk, not one of them', () => {
    expect(indefiniteOnes('怎样新建一个 5G 大小的虚拟磁盘文件？')).toBe(1);
    expect(terms('怎样新建一个软件包?').map((x) => x.term)).not.toContain('1');
    // Traditional characters are read before conversion.
    expect(indefiniteOnes('怎樣新建一個軟體包?')).toBe(1);
  });

  it('keeps a 1 the question counts with: after 只/仅/第, a digit, or more 1s than indefinite 一', () => {
    expect(indefiniteOnes('摩尔线程只有一个客户吗?')).toBe(0);
    expect(indefiniteOnes('第一个客户是谁?')).toBe(0);
    expect(indefiniteOnes('十一个客户')).toBe(0);
    expect(terms('摩尔线程只有一个客户吗?').map((x) => x.term)).toContain('1');
    expect(terms('给 1 号客户发一个软件包').map((x) => x.term)).toContain('1');
    // A word that counts up to three characters before it; traditional 隻; a classifier the rewriting does not count
    // with (一条 stays 一条), which must not cost a 1 the question writes.
    expect(indefiniteOnes('每个卷只能有一个快照吗?')).toBe(0);
    expect(indefiniteOnes('至少需要一个节点吗?')).toBe(0);
    expect(indefiniteOnes('隻有一個客戶嗎?')).toBe(0);
    expect(terms('保留 1 天并新建一条规则?').map((x) => x.term)).toContain('1');
  });

  it('is not a length of time: 一个月 and 一个小时 count', () => {
    expect(indefiniteOnes('默认值是一个月')).toBe(0);
    expect(indefiniteOnes('大概一个小时后')).toBe(0);
    expect(indefiniteOnes('备份需要一个半小时吗?')).toBe(0);
    expect(indefiniteOnes('一个多星期')).toBe(0);
  });

  it('is no value a sentence holds: "分配一个单独的分区" does not answer how big (多大)', () => {
    const q = { answerType: 'number' as const, measure: undefined, text: '分多大空间合适?', terms: [] };
    const read = (s: string) => satisfiesAnswerType(q, normalizeForMatching(withoutIndefiniteOnes(s)));
    expect(read('给 /var/backups/ 分配一个单独的分区是一个好习惯。')).toBe(false);
    // A count stays one: 只需要一个分区 answers how many partitions.
    expect(read('只需要一个分区。')).toBe(true);
    expect(read('每个卷只能有一个快照。')).toBe(true);
  });
});
