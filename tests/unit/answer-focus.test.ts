import { describe, expect, it } from 'vitest';
import { focusSentence } from '../../server/generators/extractive/answer-focus.js';
import { askedMeasure, detectAnswerType } from '../../server/core/answer-type.js';
import type { AnalyzedQuery, WeightedTerm } from '../../server/core/types.js';

const query = (text: string, terms: Array<[string, WeightedTerm['role']?]>): AnalyzedQuery => ({
  text,
  answerType: detectAnswerType(text),
  measure: askedMeasure(text),
  terms: terms.map(([term, role]) => ({ term, weight: 1, origin: 'question', ...(role ? { role } : {}) })),
});

const VALUATION =
  '成立于 2020 年的沐曦股份,在不到 5 年的发展历程中累计经历 8 轮融资,股东名单中红杉资本、经纬中国、国调基金等机构云集,私募大佬葛卫东也以第二大股东身份位列其中,截至 2025 年 3 月最后一轮融资,其估值已达 210.71 亿元。';

describe('answer focus', () => {
  it('keeps the clauses holding the asked value and words, marking cuts', () => {
    const q = query('沐曦股份最后一轮融资后的估值是多少?', [['沐曦', 'topic'], ['最后'], ['融资'], ['估值']]);
    expect(focusSentence(q, VALUATION)).toBe('…截至 2025 年 3 月最后一轮融资,其估值已达 210.71 亿元。');
  });

  it('of a follow-up whose own words are all its topic, keeps the clause naming the topic, not the shortest with a number', () => {
    const losses = '星河 2022 年至 2024 年归母净利润分别为 - 18.40 亿元、-16.73 亿元和 - 14.92 亿元,3 年累计亏损约 50 亿元,同期研发费用累计达 38.1 亿元,而营业收入合计仅约 6 亿元。';
    const q = query('那同期研发费用一共花了多少?', [['同期', 'topic'], ['研发', 'topic'], ['费用', 'topic'], ['花']]);
    expect(focusSentence(q, losses)).toBe('…同期研发费用累计达 38.1 亿元…');
  });

  it('keeps a topic the sentence names only after it has moved on from its first subject, not when it opens the statements', () => {
    // Text written for this test, shaped like the article's customer sentence: the asked customer comes last.
    const customers = '星河股份客户结构变动剧烈,2023 年前 5 大客户在 2024 年全部更换,2024 年第 1 大客户北辰在 2025 年第一季度退居第 3,当季第 1 大客户南岭通信此前从未进入前 5;';
    const q = query('南岭通信是从什么时候开始成了星河的头号客户?', [['南岭', 'topic'], ['通信', 'topic'], ['星河'], ['头号'], ['客户']]);
    // (The asked company's clause is out of a three-clause window's reach of 星河's: the whole sentence is quoted.)
    expect(focusSentence(q, customers)).toBe(customers);
    // A topic said before the first value is the subject already: a piece of it later (通信 in 通信设备) is no mention.
    const revenue = '南岭 2024 年营收 20.5 亿元,较上一年的 18.3 亿元同比增长 12%,其中来自海外市场的收入为 3.1 亿元,通信设备业务收入 12.2 亿元。';
    const own = query('南岭通信2024年营收是多少?', [['南岭', 'topic'], ['通信', 'topic'], ['2024'], ['营收']]);
    expect(focusSentence(own, revenue)).toBe('南岭 2024 年营收 20.5 亿元…');
    // A topic said before the first value is the subject of what follows: the window need not reach back for it.
    const staff = '人力成本方面,星河 1126 名员工中研发人员占比达 74.94%,2022 年至 2024 年核心技术人员薪酬总额从 769.28 万元增长至 1310.11 万元,董事及高级管理人员薪酬总额从 1192.88 万元激增至 2991.73 万元。';
    const pay = query('星河核心技术人员的薪酬总额在2024年达到了多少?', [['星河', 'topic'], ['核心'], ['技术人员'], ['薪酬'], ['总额'], ['2024']]);
    expect(focusSentence(pay, staff)).toBe('…2022 年至 2024 年核心技术人员薪酬总额从 769.28 万元增长至 1310.11 万元…');
  });

  it('keeps the clause that says a short Latin word asked, not one that has its letters inside another word', () => {
    // "dd" is inside "add": the clause after the colon must not stand in for the one that names the command.
    const sentence = 'This applies to dd as well: when you add a disk image, the default block size is 4096 bytes.';
    const q = query('How many bytes is the default block size of dd?', [['dd'], ['default'], ['block'], ['size']]);
    expect(focusSentence(q, sentence)).toBe(sentence);
  });

  it('never cuts a clause that holds a word the question asks about', () => {
    const q = query('沐曦经历了几轮融资,估值是多少?', [['沐曦', 'topic'], ['经历'], ['融资'], ['估值']]);
    const focused = focusSentence(q, VALUATION);
    expect(focused).toBe(VALUATION);
  });

  it('quotes whole sentences for person and entity questions, whose value it cannot check', () => {
    const q = query('沐曦的第二大股东是谁?', [['沐曦', 'topic'], ['股东']]);
    expect(focusSentence(q, VALUATION)).toBe(VALUATION);
  });

  it('never cuts inside a value: the comma of a date or of thousands ends no clause', () => {
    const q = query('The last password change counts days from which date?', [['last'], ['password'], ['change'], ['days']]);
    const shadow = 'Date of the last password change, expressed as the number of days since Jan 1, 1970, as shadow(5) explains it';
    expect(focusSentence(q, shadow)).toBe('Date of the last password change, expressed as the number of days since Jan 1, 1970…');
    // Justified text spaces a date twice.
    expect(focusSentence(q, shadow.replace('Jan 1, 1970', 'Jan 1,  1970'))).toBe('Date of the last password change, expressed as the number of days since Jan 1,  1970…');
    // An ordinal day, the month at the end of a hard-wrapped line (an HTML source's line break inside the date).
    expect(focusSentence(q, shadow.replace('Jan 1, 1970', 'August\n16th, 1993'))).toBe('Date of the last password change, expressed as the number of days since August\n16th, 1993…');
    // Nor a clock time's colon.
    const clock = query('shutdown-at-night 每天从几点开始尝试关机？', [['shutdown-at-night'], ['turn'], ['machine']]);
    const night = 'The package shutdown-at-night will try to turn off the machine every hour on the hour from 16:00 in the afternoon, unless somebody seems to be logged in';
    expect(focusSentence(clock, night)).toBe('The package shutdown-at-night will try to turn off the machine every hour on the hour from 16:00 in the afternoon…');
    const q2 = query('How many packages does the archive hold?', [['archive']]);
    const big = 'Counted in the last release of the distribution, the archive holds 59,551 binary packages for ten architectures';
    expect(focusSentence(q2, big)).toBe('…the archive holds 59,551 binary packages for ten architectures');
    // A year opening a clause and the count after it are two values: the comma between them still ends a clause.
    const q3 = query('How many developers voted in the general resolution on the init system?', [['developers'], ['voted']]);
    const vote = 'The project held a general resolution on the init system in 2023, 350 developers voted in it and the result was published';
    expect(focusSentence(q3, vote)).toBe('…350 developers voted in it and the result was published');
  });

  it('leaves short sentences alone', () => {
    const q = query('寒武纪累计亏损多少?', [['寒武纪', 'topic'], ['亏损']]);
    const s = '已上市的寒武纪同样深陷亏损泥潭,自 2020 年上市至 2023 年累计亏损超 33 亿元。';
    expect(focusSentence(q, s)).toBe(s);
  });
});
