import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreCases, type EvalCase } from '../../server/eval/score-cases.js';
import { buildTestServices, type TestServices } from '../helpers/build-test-services.js';

let t: TestServices;
beforeAll(async () => {
  t = await buildTestServices();
});
afterAll(() => t.cleanup());

const ask = (q: string, history: { role: 'user' | 'assistant'; content: string }[] = []) => t.services.answerService.answerQuestion(q, history);

describe('extractive answering on the real article', () => {
  it("passes the project's own question set (facts, refusals, follow-ups) with exact citations", async () => {
    const file = path.resolve(import.meta.dirname, '../fixtures/own-questions.json');
    const { cases } = JSON.parse(readFileSync(file, 'utf8')) as { cases: EvalCase[] };
    const results = await scoreCases(cases, t.services.answerService, t.services.index);
    const failures = results.filter((r) => !r.pass).map((r) => `${r.id}: ${r.problems.join('; ')}`);
    expect(failures).toEqual([]);
  });

  it('refuses when the asked entity is absent, even though the attribute exists for another company', async () => {
    for (const q of ['沐曦股份有多少名员工?', '壁仞科技的估值是多少?', '寒武纪的创始人是谁?']) {
      const r = await ask(q);
      expect(r, q).toMatchObject({ answered: false });
      expect(r.citations.every((c) => c.kind === 'passage'), q).toBe(true);
    }
  });

  it('refuses an English question about a name the article lacks, though the dictionary cannot translate it', async () => {
    // "CEO" translates (总经理 is in the article); "Apple" neither translates nor occurs: it is missing, not ignored.
    const r = await ask('Who is the CEO of Apple?');
    expect(r.answered).toBe(false);
    expect(r.citations.every((c) => c.kind === 'passage')).toBe(true);
  });

  it('refuses when a sentence has the words but not the asked kind of value', async () => {
    // The article gives a share of 寒武纪's revenue, never the revenue itself.
    expect((await ask('寒武纪2024年的营业收入是多少?')).answered).toBe(false);
  });

  it('answers a year inside a stated range', async () => {
    const r = await ask('摩尔线程2023年归母净利润是多少?');
    expect(r.answer).toContain('16.73');
  });

  it('resolves an ellipsis, a changed year and a pronoun from history', async () => {
    const ellipsis = await ask('寒武纪呢?', [
      { role: 'user', content: '摩尔线程2024年前5大客户收入占比是多少?' },
      { role: 'assistant', content: '98.16%[1]' },
    ]);
    expect(ellipsis.answer).toContain('80.74%');

    const year = await ask('那2023年呢?', [
      { role: 'user', content: '摩尔线程桌面级图形加速产品2024年收入占比是多少?' },
      { role: 'assistant', content: '2024 年该产品收入占比为 2.48%。' },
    ]);
    expect(year.answer).toContain('23.67%');

    // 他 is the person named in the previous answer. (The former phrasing "他之前在哪家公司干过?" relied on a
    // hand-written synonym table, 之前→曾, 干→任, removed with issue 10: CC-CEDICT does not pair those words.)
    const pronoun = await ask('他在英伟达担任过什么职务?', [
      { role: 'user', content: '摩尔线程的创始人是谁?' },
      { role: 'assistant', content: '摩尔线程的创始人是张建中。' },
    ]);
    // What is under test is the resolution: the sentence about 张建中 at 英伟达 is what the question found. Whether
    // it is answered or shown as the closest passage is the calibrated decision's call (measured on the bank; the
    // blended model of session 6 gives this one 0.7, just under its threshold).
    expect(pronoun.citations[0]?.quote).toContain('全球副总裁');
    if (pronoun.answered) expect(pronoun.answer).toContain('全球副总裁');
  });

  it('a follow-up without history is a plain question', async () => {
    expect((await ask('那沐曦呢?')).answered).toBe(false);
  });
});

describe('questions about the document itself', () => {
  it("answers the document's own date from its dated line, in either language, with the date first", async () => {
    for (const q of ['这篇文章是什么时候发布的?', 'When was this article published?']) {
      const r = await ask(q);
      expect(r.answered, q).toBe(true);
      expect(r.answer.startsWith('2025-07-12'), q).toBe(true);
      expect(r.citations[0].quote, q).toContain('日期:2025-07-12');
    }
  });

  it('answers the title and section headings from the document structure, with citations', async () => {
    const title = await ask('这篇文章的标题是什么?');
    expect(title.answered).toBe(true);
    expect(title.citations[0].quote).toBe('国产 GPU 厂商的 “烧钱与梦想”:在挑战中追寻突围之路');

    const second = await ask('文章第二部分的小标题是什么?');
    expect(second.citations[0].quote).toMatch(/^二、商业化困境/);

    const last = await ask('结语的标题是什么?');
    expect(last.citations[0].quote).toMatch(/^四、结语/);

    const all = await ask('文章有哪些小标题?');
    expect(all.citations.map((c) => c.quote.slice(0, 2))).toEqual(['一、', '二、', '三、', '四、']);
  });

  it('a question about what a section says is answered (or refused) from its sentences, never with its heading', async () => {
    for (const q of ['结语部分主要讲了什么?', '文章最后一部分认为国产 GPU 厂商该怎么走下去?']) {
      const r = await ask(q);
      // (A refusal may show the heading among its closest passages; an answer never quotes it as the answer.)
      expect(r.citations.filter((c) => c.kind !== 'passage').every((c) => !/^四、结语/.test(c.quote))).toBe(true);
      expect(r.answer).not.toMatch(/^四、结语/);
    }
  });
});

describe('ranks and quoted phrases', () => {
  it('answers "排第几" with the sentence that states the rank, kept next to whose rank it is', async () => {
    const r = await ask('私募大佬葛卫东在沐曦股份的股东里排第几?');
    expect(r.answered).toBe(true);
    expect(r.answer).toMatch(/葛卫东.*第二大股东/);
  });

  it('requires a quoted phrase verbatim', async () => {
    const found = await ask('被称作“彻底的功利主义者”的是哪类客户?');
    expect(found.answered).toBe(true);
    expect(found.citations[0].quote).toContain('彻底的功利主义者');
    expect((await ask('被称作“彻底的理想主义者”的是哪类客户?')).answered).toBe(false);
  });
});

describe('time and ellipsis', () => {
  it('"同年…" takes its year from the sentence before, and shows it', async () => {
    const r = await ask('摩尔线程是哪一年成立的?');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('2020');
    expect(r.citations[0].quote).toMatch(/成立于 2020 年的沐曦股份[\s\S]*同年成立的摩尔线程/);
  });

  it('"那X呢?" swaps in a name, but asks an attribute about the same topic', async () => {
    const name = await ask('那摩尔线程呢?', [
      { role: 'user', content: '沐曦是哪一年成立的?' },
      { role: 'assistant', content: '沐曦股份成立于 2020 年。' },
    ]);
    expect(name.answer).toContain('同年成立的摩尔线程');
    const attribute = await ask('估值呢?', [
      { role: 'user', content: '沐曦股份有多少个股东?' },
      { role: 'assistant', content: '文档中没有提到这一点。' },
    ]);
    expect(attribute.answer).toContain('210.71');
    // 营收 is vocabulary (the dictionary relates it to 收入), not a name: it is asked about 摩尔线程, and
    // matches the 营业收入 it abbreviates.
    const abbreviated = await ask('营收呢?', [
      { role: 'user', content: '摩尔线程2022到2024年研发费用一共多少?' },
      { role: 'assistant', content: '摩尔线程2022年至2024年研发费用累计达38.1亿元。' },
    ]);
    expect(abbreviated.answer).toContain('营业收入合计仅约 6 亿元');
  });

  it('a swapped-in name must be named by the answering sentence, not only by the sentence after it', async () => {
    // "…其估值已达 210.71 亿元。" is 沐曦's (其); the next sentence opens "同年成立的摩尔线程": no valuation of 摩尔线程.
    const valuation = await ask('那摩尔线程呢?', [
      { role: 'user', content: '截至2025年3月沐曦的估值是多少?' },
      { role: 'assistant', content: '截至 2025 年 3 月，沐曦的估值为 210.71 亿元。' },
    ]);
    expect(valuation.answered).toBe(false);
    expect(valuation.answer).not.toContain('210.71');
    expect(valuation.citations.length).toBeGreaterThan(0);
    expect(valuation.citations.every((c) => c.kind === 'passage')).toBe(true);
    // The loss the article states for 摩尔线程 is about 50 亿元; 寒武纪's own sentence is no answer for it.
    const loss = await ask('那摩尔线程呢?', [
      { role: 'user', content: '2020年上市的寒武纪累计亏损多少?' },
      { role: 'assistant', content: '寒武纪自 2020 年上市以来累计亏损超 33 亿元。' },
    ]);
    expect(loss.answer).not.toMatch(/^摩尔线程:超 33 亿元/);
    // A name after a year ("那2024年的寒武纪呢?") is the name swapped in, not the year: 摩尔线程's 74.94% is no answer.
    const afterYear = await ask('那2024年的寒武纪呢?', [
      { role: 'user', content: '摩尔线程的研发人员占比是多少?' },
      { role: 'assistant', content: '摩尔线程 1126 名员工中研发人员占比达 74.94%。' },
    ]);
    expect(afterYear.answer).not.toContain('74.94%');
    // A swap whose sentence names the new name still answers.
    const named = await ask('那沐曦呢?', [
      { role: 'user', content: '摩尔线程2022年到2024年累计亏损多少?' },
      { role: 'assistant', content: '约 50 亿元。' },
    ]);
    expect(named.answered).toBe(true);
    expect(named.answer).toContain('32.90');
  });
});

describe('what is asked', () => {
  it('needs the asked attribute itself, not just the named entity', async () => {
    // The article names 新鼎资本 and 张驰 often, but never a valuation of 新鼎资本.
    expect((await ask('张驰的新鼎资本估值多少?')).answered).toBe(false);
    expect((await ask('沐曦股份的估值是多少?')).answer).toContain('210.71');
  });

  it('quotes both halves of an enumeration split across sentences', async () => {
    const r = await ask('张驰把国产GPU的客户分成哪两类?');
    expect(r.answer).toContain('大型互联网公司');
    expect(r.answer).toContain('智算中心');
    expect(r.citations[0].quote).toMatch(/一类是[\s\S]*另一类是/);
  });
});
