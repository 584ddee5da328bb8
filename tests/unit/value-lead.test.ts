import { describe, expect, it } from 'vitest';
import { boundValue, valueLead } from '../../server/generators/extractive/value-lead.js';
import type { AnalyzedQuery, AnswerType, GenerateInput } from '../../server/core/types.js';

/** A question's analysis by hand: its own words with weights, the topic marked. */
function input(question: string, answerType: AnswerType, words: Array<[string, number, 'topic'?]>, measure?: string): GenerateInput {
  const query: AnalyzedQuery = {
    text: question,
    answerType,
    terms: words.map(([term, weight, role]) => ({ term, weight, origin: 'question' as const, ...(role ? { role } : {}) })),
    ...(measure ? { measure } : {}),
  };
  return { question, history: [], query, candidates: [] };
}

describe('a question that asks one value per item', () => {
  it('gets no single value in front of the quote (a total or one year would answer another question)', () => {
    const losses = '星河 2022 年至 2024 年归母净利润分别为 - 18.40 亿元、-16.73 亿元和 - 14.92 亿元,3 年累计亏损约 50 亿元';
    const each = input('星河2022、2023、2024年各亏损多少?', 'number', [['星河', 1, 'topic'], ['亏损', 2]]);
    expect(valueLead(each, losses)).toBe('');
    expect(valueLead(input('星河三年分别亏损多少?', 'number', [['星河', 1, 'topic'], ['亏损', 2]]), losses)).toBe('');
    // A follow-up that asks the same of another item ("那星河呢?") asks one value per item too.
    const again = { ...input('那星河呢?', 'number', [['星河', 1, 'topic'], ['亏损', 2]]), history: [{ role: 'user' as const, content: '银河2022、2023、2024年各亏损多少?' }] };
    expect(valueLead(again, losses)).toBe('');
    // The total asked: it leads.
    // (With its hedge: the text says "约 50 亿元", and a bare "50 亿元" would state more than it does.)
    expect(valueLead(input('星河三年累计亏损多少?', 'number', [['星河', 1, 'topic'], ['累计', 1], ['亏损', 2]]), losses)).toBe('星河:约 50 亿元。');
  });
});

describe('the subject an answer leads with', () => {
  it('is spelled as the documents spell it, a mistyped name too, even where the quoted clause does not name it', () => {
    const clause = '截至 2025 年 3 月最后一轮融资,其估值已达 210.71 亿元';
    const asked = (name: string, alternatives: string[]): GenerateInput => {
      const q = input(`${name}股份估值多少?`, 'number', [['股份', 1, 'topic'], ['估值', 2]]);
      q.query.terms.unshift({ term: name, weight: 1, origin: 'question', alternatives, role: 'topic' });
      const candidate = { id: 1, sentence: 0, docId: 'd', start: 0, end: 10, text: '成立于 2020 年的星河股份,累计经历 8 轮融资', chunkRank: 0 };
      return { ...q, candidates: [candidate] };
    };
    // 星合 (a slip: no retrieved sentence writes it) is said as 星河, which one does.
    expect(valueLead(asked('星合', ['星河']), clause)).toBe('星河股份:210.71 亿元。');
    // A word the sentences write stays the asker's: 星河 with an alternative nobody writes.
    expect(valueLead(asked('星河', ['银河']), clause)).toBe('星河股份:210.71 亿元。');
  });
});

describe('the value an answer leads with', () => {
  const funding = '成立于 2020 年的星河股份,累计经历 8 轮融资,截至 2025 年 3 月最后一轮融资,其估值已达 210.71 亿元';

  it('keeps the word that says the number is not exact (约, 近, 超过…), in either language', () => {
    const revenue = '同期研发费用累计达 38.1 亿元,而营业收入合计仅约 6 亿元';
    const q = input('星河同期营业收入合计多少?', 'number', [['星河', 1, 'topic'], ['营业收入', 2], ['合计', 1]]);
    expect(boundValue(q, revenue)).toBe('约 6 亿元');
    expect(boundValue(input('星河的研发人员占比多少?', 'percent', [['星河', 1, 'topic'], ['研发', 2]]), '研发人员占比超过 70%')).toBe('超过 70%');
    // Not a hedge: a character of the word before it (签约, 最近, 节约), 近 of "the past three months", 远超 comparing.
    const count = input('星河签了多少家客户?', 'number', [['星河', 1, 'topic'], ['客户', 2]]);
    expect(boundValue(count, '星河签约 120 家客户')).toBe('120 家');
    expect(boundValue(count, '星河最近 3 家客户')).toBe('3 家');
    expect(boundValue(count, '星河近 3 个月新增客户')).toBe('3 个');
    expect(boundValue(count, '星河近 300 家客户')).toBe('近 300 家');
    expect(boundValue(input('营收总和多少?', 'number', [['营收', 2]]), '研发投入远超 11.16 亿元的营收总和')).toBe('11.16 亿元');
  });

  it('is the value stated together with what the question asks about, not the first value of the clause', () => {
    const q = input('星河最近一轮融资之后估值到了多少?', 'number', [['星河', 1, 'topic'], ['融资', 1], ['估值', 3]]);
    expect(boundValue(q, funding)).toBe('210.71 亿元');
    expect(valueLead(q, funding)).toBe('星河:210.71 亿元。');
  });

  it('is the one stated with the asked attribute (the focus), however much the other statement shares with the question', () => {
    const q = { ...input('星河最近一轮融资之后估值到了多少?', 'number', [['星河', 1.9, 'topic'], ['经历', 1], ['融资', 1.2], ['估值', 2]]) };
    expect(boundValue(q, funding)).toBe('8 轮');
    q.query = { ...q.query, focus: '估值' };
    expect(boundValue(q, funding)).toBe('210.71 亿元');
  });

  it('of a follow-up that names only whose it is, is the one the previous question asked about', () => {
    const q = input('那星河呢?', 'number', [['星河', 1.9, 'topic']]);
    q.query.terms.push({ term: '估值', weight: 0.6, origin: 'context' });
    expect(boundValue(q, funding)).toBe('210.71 亿元');
  });

  it("is not picked by the question's year, which sets the period of the whole sentence; a year only breaks a tie", () => {
    const totals = '星河 2022 年至 2025 年第一季度累计亏损达 32.90 亿元,研发投入合计 24.66 亿元';
    const q = input('星河 2022 年到 2025 年研发一共投了多少钱?', 'number', [['星河', 1.9, 'topic'], ['2022', 1.7], ['2025', 1.2], ['研发', 1.5], ['投', 0.3]]);
    expect(boundValue(q, totals)).toBe('24.66 亿元');
    // Nor by the unit its period is said with ("一季度" → 1, 季度): the period is one expression, number and unit.
    const revenue = input('从 2022 年到 2025 年一季度,星河的营收一共多少?', 'number', [['星河', 1.9, 'topic'], ['2022', 1.7], ['季度', 1.7], ['营收', 1.2]]);
    expect(boundValue(revenue, `${totals},远超 11.16 亿元的营收总和`)).toBe('11.16 亿元');
    // Only a unit: the word after a version number is asked ("GIMP 2.10 新增了多少个滤镜?" → 新增).
    const filters = input('GIMP 2.10 新增了多少个滤镜?', 'number', [['gimp', 1.5, 'topic'], ['2.10', 1.5], ['新增', 1.2], ['滤镜', 1]]);
    expect(boundValue(filters, 'GIMP 2.10 共提供 150 个滤镜,新增 30 个滤镜')).toBe('30 个');
    const yearly = '星河 2023 年营收 5 亿元,2024 年营收 8 亿元';
    expect(boundValue(input('星河 2024 年营收多少?', 'number', [['星河', 1.9, 'topic'], ['2024', 1.2], ['营收', 1.5]]), yearly)).toBe('8 亿元');
  });

  it('of a follow-up whose own words are its topic, is the one stated with the topic — unless the sentence opens with it', () => {
    // "营收总和呢?" after a question about the loss: the carried-over period points at the loss, the topic at the revenue.
    const totals = '星河 2022 年至 2025 年第一季度累计亏损达 32.90 亿元,研发投入合计 24.66 亿元,远超 11.16 亿元的营收总和';
    const q = input('营收总和呢?', 'number', [['营收', 3, 'topic'], ['总和', 3.8, 'topic'], ['2022', 1.7], ['季度', 1.7], ['亏', 0.2]]);
    expect(boundValue(q, totals)).toBe('11.16 亿元');
    // A topic the sentence opens with is the subject of all its statements: it points at none of them.
    const opening = input('星河 2022 年到 2025 年研发一共投了多少钱?', 'number', [['星河', 1.9, 'topic'], ['2022', 1.7], ['研发', 1.5], ['投', 0.3]]);
    expect(boundValue(opening, totals)).toBe('24.66 亿元');
  });

  it("of an English question is said the English way, and a value a colon follows is labelled by what comes after it", () => {
    const decisions = 'Two decisions were involved: Bug #727708 2014-02-11: "The committee decided that jessie should default to systemd." Bug #746715 2014-08-01: "Maintainers are expected to support other init systems."';
    const q = input('When did the committee decide that jessie should default to systemd?', 'date', [['committe', 2], ['decid', 1], ['jessi', 2], ['default', 1], ['systemd', 2]]);
    expect(boundValue(q, decisions)).toBe('2014-02-11');
    expect(valueLead(q, decisions)).toBe('2014-02-11 — ');
  });

  it('is the one that carries the asked measure word', () => {
    const q = input('星河融了几轮资?', 'number', [['融资', 1]], '轮');
    expect(boundValue(q, funding)).toBe('8 轮');
  });

  it('is a count, not the share beside it', () => {
    const q = input('星河有多少名员工?', 'number', [['员工', 2]], '名');
    expect(boundValue(q, '星河 1126 名员工中研发人员占比达 74.94%')).toBe('1126 名');
    // …and when the count is written in a way no pattern reads, the share beside it does not lead in its place.
    const requests = 'it handles about 400K to 500K HTTP requests per day, about 15-20% of which are dynamic';
    expect(boundValue(input('Roughly how many HTTP requests a day?', 'number', [['http', 2], ['request', 2], ['day', 1]]), requests)).toBeUndefined();
  });

  it('over an English clause, is no piece of an address or a version: 192.0.2.1 holds no amount 192.0', () => {
    const q = { ...input('地址 192.0.2.1 转换成整数是多少?', 'number', [['地址', 2], ['整数', 2], ['192.0.2.1', 2]]) };
    q.query = { ...q.query, translated: true };
    expect(valueLead(q, ">>> addr4 = ipaddress.ip_address('192.0.2.1')")).toBe('');
    // A decimal amount is still one.
    expect(valueLead(q, 'The image is about 7.5 GB large.')).toBe('7.5 GB — ');
  });

  it('is left to the quote when two statements say the asked words equally, or one statement holds two values', () => {
    const pay = '核心技术人员薪酬总额从 769.28 万元增长至 1310.11 万元,高级管理人员薪酬总额从 1192.88 万元激增至 2991.73 万元';
    const q = input('星河高管的薪酬总额涨到了多少?', 'number', [['薪酬总额', 2], ['涨到', 1]]);
    expect(boundValue(q, pay)).toBeUndefined();
    expect(valueLead(q, pay)).toBe('');
  });

  it('is the only value when there is one', () => {
    const q = input('星河哪一年成立?', 'date', [['成立', 1]]);
    expect(boundValue(q, '星河成立于 2015 年')).toBe('2015 年');
    expect(boundValue(q, '星河总部位于成都')).toBeUndefined();
  });

  it('keeps a month and day written in Chinese numerals with the year', () => {
    const q = input('0.60 版是哪年哪月出来的?', 'date', [['0.60', 2], ['版', 0.5]]);
    expect(boundValue(q, '当 0.60 版在 1996 年七月发布的时候')).toBe('1996 年七月');
    expect(boundValue(q, '0.60 版在 1996 年十二月三日发布')).toBe('1996 年十二月三日');
    expect(boundValue(q, '0.60 版于十二月三日发布')).toBe('十二月三日');
  });
});

describe('a range is one value', () => {
  it('"3到4位" leads as the range, "从 500 到 1126 名" as where it went', () => {
    const q = input('chmod 数字模式几位八进制?', 'number', [['八进制', 2]], '位');
    expect(boundValue(q, '这种数字模式使用3到4位八进制（底为8）数')).toBe('3到4位');
    expect(boundValue(input('员工有多少名?', 'number', [['员工', 2]], '名'), '公司员工从 500 到 1126 名')).toBe('1126 名');
  });

  it('"60-70%" leads as the range, not as a negative share', () => {
    const q = input('文本一般能压缩多少?', 'percent', [['压缩', 2], ['文本', 1]]);
    expect(boundValue(q, '通常文本能压缩 60-70%')).toBe('60-70%');
  });

  it('a minus sign after a space is still a negative number', () => {
    const q = input('星河 2023 年亏了多少?', 'number', [['星河', 1, 'topic'], ['亏', 2]]);
    expect(boundValue(q, '星河 2023 年归母净利润为 - 16.73 亿元')).toBe('- 16.73 亿元');
  });
});

describe('the subject a lead names', () => {
  it('is spelled as the quote spells it, and a mistyped name as the corpus names it', () => {
    const q = input('skolelinux 项目哪天启动的?', 'date', [['skolelinux', 2, 'topic'], ['启动', 1]]);
    expect(valueLead(q, 'Skolelinux 项目在 2001 年 7 月 2 日启动于挪威')).toBe('Skolelinux:2001 年 7 月 2 日。');
    const typo = input('寒武的收入是多少?', 'number', [['寒武', 2, 'topic'], ['收入', 1]]);
    typo.query.terms[0].alternatives = ['寒武纪'];
    expect(valueLead(typo, '寒武纪 2024 年收入 11.74 亿元')).toBe('寒武纪:11.74 亿元。');
  });

  it("is the question's word when the quote says it otherwise", () => {
    const q = input('星河的员工有多少?', 'number', [['星河', 2, 'topic'], ['员工', 1]]);
    expect(valueLead(q, '公司共有 1126 名员工')).toBe('星河:1126 名。');
  });
});

describe('value-lead edge cases (review of session 9)', () => {
  it('percent ranges are one value; a model number is no range; a Unicode minus is a sign', () => {
    const pct = input('占比多少?', 'percent', [['占比', 2]]);
    expect(boundValue(pct, '占比 30%-40%')).toBe('30%-40%');
    const num = input('星河亏了多少?', 'number', [['星河', 1, 'topic'], ['亏', 2]]);
    expect(boundValue(num, '星河净利润为−18.40亿元')).toBe('−18.40亿元');
    expect(boundValue(input('多少个?', 'number', [['型号', 1]]), '型号 S4000-48 个')).toBe('48 个');
  });

  it('a Latin subject is matched as a whole word, not inside another one', () => {
    const q = input('apt 有几个?', 'number', [['apt', 2, 'topic']]);
    expect(valueLead(q, 'Aptitude 是 apt 的前端,共 3 个')).toBe('apt:3 个。');
    const d = input('debian 有几个?', 'number', [['debian', 2, 'topic']]);
    expect(valueLead(d, 'DEBIAN_FRONTEND 之外,Debian 共有 3 个')).toBe('Debian:3 个。');
  });
});

describe('an abbreviation asked', () => {
  it('leads with what it stands for as the clause writes it, in the asker’s language, across languages too', () => {
    const clause = '即使你运行 Secure Shell (SSH) 和 Point-to-point tunneling protocol (PPTP) 这样的安全服务';
    expect(valueLead(input('PPTP 全称', 'expansion', [['pptp', 1, 'topic']]), clause)).toBe('PPTP:Point-to-point tunneling protocol。');
    const english = input('What does PPTP stand for?', 'expansion', [['pptp', 1, 'topic']]);
    english.query.translated = true;
    expect(valueLead(english, clause)).toBe('PPTP: Point-to-point tunneling protocol — ');
    // A clause that only names it leads with nothing.
    expect(valueLead(input('PPTP 全称', 'expansion', [['pptp', 1, 'topic']]), 'PPTP 这样的安全服务')).toBe('');
  });
});

describe('an English number a value leads with (a Chinese question over English text)', () => {
  it('ends at its last digit: the comma after it is the sentence\'s ("Samba 4, smbd and nmbd"), one inside it is the number\'s', () => {
    const asked = (question: string) => ({ ...input(question, 'number', [['smbd', 3, 'topic']]), query: { ...input(question, 'number', [['smbd', 3, 'topic']]).query, translated: true } });
    expect(valueLead(asked('smbd 默认监听哪个端口？'), 'The samba package contains the main two servers of Samba 4, smbd and nmbd.')).toBe('4 — ');
    expect(valueLead(asked('一共有多少个软件包？'), 'There are 1,234, more or less.')).toBe('1,234 — ');
    // Digit groups of three after a comma only ("3,5" is no English number); a function word after it is no unit.
    expect(valueLead(asked('sshd 默认监听哪个端口？'), 'sshd listens on port 22 by default.')).toBe('22 — ');
    expect(valueLead(asked('一共多少钱？'), 'It costs 3,5 euro.')).toBe('');
  });
});
