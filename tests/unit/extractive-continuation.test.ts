import { describe, expect, it } from 'vitest';
import { createExtractiveGenerator } from '../../server/generators/extractive/extractive-generator.js';
import type { AnalyzedQuery, CandidateSentence } from '../../server/core/types.js';
import { ALWAYS_ANSWER } from '../helpers/candidates.js';

const sentence = (n: number, text: string): CandidateSentence => ({ id: n, sentence: 100 + n, docId: 'd', start: n * 100, end: n * 100 + text.length, text, chunkRank: 0 });

const query: AnalyzedQuery = {
  text: 'Why make a rescue USB stick from grub-rescue-pc before playing with the boot loader?',
  answerType: 'other',
  terms: ['rescue', 'grub-rescue-pc', 'boot', 'loader'].map((term) => ({ term, weight: 2, origin: 'question' as const })),
};

describe('a "why?" answered by a sentence without a reason quotes the sentence that goes on about it', () => {
  const first = sentence(1, 'Do not play with boot loaders without rescue media created from images in the grub-rescue-pc package.');
  it('appends the next sentence when it refers back', async () => {
    const generator = createExtractiveGenerator({ model: ALWAYS_ANSWER });
    const next = sentence(2, 'It makes you boot your system even without a functioning bootloader.');
    const r = await generator.generate({ question: query.text, history: [], query, candidates: [first, next] });
    expect(r.answer).toContain('It makes you boot your system');
    expect(r.citations[0].candidateIds).toEqual([1, 2]);
  });
  it('does not when the next sentence starts something else', async () => {
    const generator = createExtractiveGenerator({ model: ALWAYS_ANSWER });
    const other = sentence(2, 'The kernel is loaded by the boot loader.');
    const r = await generator.generate({ question: query.text, history: [], query, candidates: [first, other] });
    expect(r.citations[0].candidateIds).toEqual([1]);
  });
});

describe('a list question answered by the sentence that counts the things quotes what follows it', () => {
  const q: AnalyzedQuery = {
    text: 'GNU/Linux 下可以用的 BOOTP 服务器有哪两种',
    answerType: 'entity',
    terms: ['GNU/Linux', 'BOOTP', '服务器'].map((term) => ({ term, weight: 2, origin: 'question' as const })),
  };
  const ask = (candidates: CandidateSentence[]) => createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question: q.text, history: [], query: q, candidates });
  it('goes through an enumeration of sentences ("首先是…", "另外一种…")', async () => {
    const r = await ask([
      sentence(1, '在 GNU/Linux 下面可以使用两种 BOOTP 服务器。'),
      sentence(2, '首先是 CMU bootpd，另外一种实际上是 DHCP 服务器：ISC dhcpd。'),
      sentence(3, '另一个是 dnsmasq。'),
      sentence(4, 'BOOTP 服务器还要知道客户端的硬件地址。'),
    ]);
    // (The first item may be quoted as a sentence of its own: what matters is that the enumeration is, and no more.)
    expect(r.citations.flatMap((c) => c.candidateIds).sort()).toEqual([1, 2, 3]);
    expect(r.answer).toContain('CMU bootpd');
  });
  it('quotes the list items after it', async () => {
    const r = await ask([sentence(1, '在 GNU/Linux 下面可以使用两种 BOOTP 服务器。'), sentence(2, '• CMU bootpd'), sentence(3, '• ISC dhcpd'), sentence(4, 'BOOTP 很老了。')]);
    expect(r.citations[0].candidateIds).toEqual([1, 2, 3]);
  });
  it('not when the sentence names the things itself, nor when nothing enumerates them next', async () => {
    const named = await ask([sentence(1, 'BOOTP 服务器有两种，CMU bootpd 和 ISC dhcpd。'), sentence(2, '• 另一个列表项')]);
    expect(named.citations[0].candidateIds).toEqual([1]);
    const plain = await ask([sentence(1, '在 GNU/Linux 下面可以使用两种 BOOTP 服务器。'), sentence(2, 'BOOTP 是一个老协议。')]);
    expect(plain.citations[0].candidateIds).toEqual([1]);
  });
});

describe("a question about one year of a sentence's per-year list", () => {
  it('leads with that year\'s item, whatever character pairs the query carries', async () => {
    const q: AnalyzedQuery = {
      text: '星河2023年亏了多少?',
      answerType: 'number',
      required: ['2023'],
      // The question's words and, as analysis adds them, its character pairs ("~星河"): no sentence says a pair as such.
      terms: [
        { term: '星河', weight: 2, origin: 'question', role: 'topic' },
        { term: '2023', weight: 1.7, origin: 'question' },
        { term: '亏', weight: 0.2, origin: 'question' },
        { term: '~星河', weight: 0.3, origin: 'question' },
        { term: '~亏了', weight: 0.3, origin: 'question' },
      ],
    };
    const losses = sentence(1, '星河 2022 年至 2024 年归母净利润分别为 - 18.40 亿元、-16.73 亿元和 - 14.92 亿元,3 年累计亏损约 50 亿元。');
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question: q.text, history: [], query: q, candidates: [losses] });
    expect(r.answer.startsWith('2023 年:-16.73 亿元。')).toBe(true);
  });
});

describe('a list question answered by a sentence that speaks of the things without naming them', () => {
  const q: AnalyzedQuery = {
    text: 'What are the output formats of compiling?',
    answerType: 'entity',
    terms: ['output', 'format', 'compil'].map((term) => ({ term, weight: 2, origin: 'question' as const })),
  };
  const ask = (candidates: CandidateSentence[]) => createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question: q.text, history: [], query: q, candidates });
  const first = sentence(1, 'Compiling is processing an input score to produce output in several formats.');
  it('quotes the next sentence when it names several', async () => {
    const r = await ask([first, sentence(2, 'Generally PDF (for printing), MIDI (for playing), and PNG (for online use) are made.')]);
    expect(r.citations[0].candidateIds).toEqual([1, 2]);
    expect(r.answer).toContain('MIDI');
  });
  it('not when the next sentence names no more than one thing', async () => {
    const r = await ask([first, sentence(2, 'The input score is plain text.')]);
    expect(r.citations[0].candidateIds).toEqual([1]);
  });
});

describe('an answer that leads with a value quotes a list item without its bullet', () => {
  it('reads "Debian Edu:2013 年 09 月 28 日。发布于…", not "DebianEdu:…。- 发布于…", and still cites the whole item', async () => {
    const q: AnalyzedQuery = {
      text: 'Debian Edu 7.1 是哪天发布的?',
      answerType: 'date',
      terms: [
        { term: 'debian', weight: 1, origin: 'question', role: 'topic' },
        { term: 'edu', weight: 1, origin: 'question', role: 'topic' },
        { term: '7.1', weight: 2, origin: 'question' },
        { term: '发布', weight: 2, origin: 'question' },
      ],
    };
    const item = sentence(1, '- 发布于 2013 年 09 月 28 日的 Debian Edu 7.1。');
    const r = await createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question: q.text, history: [], query: q, candidates: [item] });
    expect(r.answer).toBe('Debian Edu:2013 年 09 月 28 日。发布于 2013 年 09 月 28 日的 Debian Edu 7.1。[1]');
    expect(r.citations[0].candidateIds).toEqual([1]);
  });
});

describe('a sentence whose subject is a pronoun is quoted with the sentence that says whom it means', () => {
  const q: AnalyzedQuery = {
    text: '在 ext4 之后，哪个文件系统被看好成为下一个默认文件系统？',
    answerType: 'entity',
    terms: ['ext4', '之后', '文件系统', '下一个', '默认'].map((term) => ({ term, weight: 2, origin: 'question' as const })),
  };
  const ask = (candidates: CandidateSentence[]) => createExtractiveGenerator({ model: ALWAYS_ANSWER }).generate({ question: q.text, history: [], query: q, candidates });
  const before = sentence(1, 'Btrfs 状态能够在 Debian wiki on btrfs 和 kernel.org wiki on btrfs 发现。');
  const it_ = sentence(2, '它被期望作为 ext4 文件系统之后的下一个默认文件系统。');
  it('quotes the sentence before in front of it, in one citation', async () => {
    const r = await ask([before, it_]);
    expect(r.answer).toMatch(/^Btrfs 状态.*它被期望/);
    expect(r.citations[0].candidateIds).toEqual([1, 2]);
  });
  it('not a heading, and not another document\'s sentence', async () => {
    expect((await ask([{ ...before, isHeading: true }, it_])).citations[0].candidateIds).toEqual([2]);
    expect((await ask([{ ...before, docId: 'other' }, it_])).citations[0].candidateIds).toEqual([2]);
  });
  it('not when the sentence names its own subject', async () => {
    const r = await ask([before, sentence(2, 'Btrfs 被期望作为 ext4 文件系统之后的下一个默认文件系统。')]);
    expect(r.citations[0].candidateIds).toEqual([2]);
  });
});
