import { describe, expect, it } from 'vitest';
import { compact, compactWithMask, matchedIn, scoreEvidence } from '../../server/generators/extractive/sentence-evidence.js';
import { matcherOf } from '../../server/generators/extractive/term-matcher.js';
import { analyzeText } from '../../server/shared/text/tokenizer.js';
import type { AnalyzedQuery, CandidateSentence } from '../../server/core/types.js';
import { rankEvidence } from '../../server/generators/extractive/sentence-ranking-model.js';
import { absentEverywhere } from '../helpers/absent-everywhere.js';

describe('a two-character word matches the compound it abbreviates', () => {
  it('营收 ← 营业收入, 科研 ← 科学研究; not any four characters that happen to fit', () => {
    expect(matcherOf('营收')(compact('营业收入合计仅约 6 亿元'))).toBeGreaterThan(0.5);
    expect(matcherOf('科研')(compact('用于科学研究的芯片'))).toBeGreaterThan(0.5);
    expect(matcherOf('营收')(compact('营业外收入有所增加'))).toBe(0);
  });
});

describe('a number is matched as a whole number', () => {
  it('"3" of 这三年 is in "3 年累计", not in 2023, RTX3060 or 23.6; a decimal or a percent whole too', () => {
    const three = matcherOf('3');
    expect(three(compact('3 年累计亏损约 50 亿元'))).toBe(1);
    expect(three(compact('收入占比从 2023 年的 23.6% 降至 RTX3060 的水平'))).toBe(0);
    expect(matcherOf('50')(compact('约 150 亿元, 或 50.5 亿元'))).toBe(0);
    expect(matcherOf('50')(compact('约 50 亿元。'))).toBe(1);
    expect(matcherOf('23.6')(compact('从 2023 年的 23.6% 降至'))).toBe(1);
    expect(matcherOf('23.6')(compact('从 123.6 或 23.65'))).toBe(0);
    expect(matcherOf('77%')(compact('贡献超 77% 营收'))).toBe(1);
    expect(matcherOf('7%')(compact('贡献超 77% 营收'))).toBe(0);
    // Digits grouped by thousands are one number: "1,500" is 1500, and holds no 500.
    expect(matcherOf('1500')(compact('员工 1,500 人'))).toBe(1);
    expect(matcherOf('500')(compact('员工 1,500 人'))).toBe(0);
    expect(matcherOf('2023')(compact('2022,2023 年'))).toBe(1);
    // The mask spares the search only: the same credits with it.
    const { compact: text, mask } = compactWithMask('3 年累计亏损');
    expect(three(text, mask)).toBe(1);
    // A year still matches inside a range it falls in.
    expect(matcherOf('2023')(compact('2022 年至 2024 年累计亏损'))).toBe(1);
  });

  it('a number of several dotted parts (an address, a version) is one term, found in its own text and in no longer one', () => {
    const sentence = 'that permanent IP address should be used here instead of 127.0.1.1.';
    const [term] = analyzeText('127.0.1.1').words;
    expect(term).toBe('127.0.1.1');
    expect(matcherOf(term)(compact(sentence))).toBe(1);
    expect(matcherOf(term)(compact('use 127.0.1.10 or 127.0.1.1.5'))).toBe(0);
    expect(matcherOf('2.8.4')(compact('LinuxCNC 2.8.4 Buster'))).toBe(1);
    expect(matcherOf('2.8')(compact('LinuxCNC 2.8.4 Buster'))).toBe(0);
  });
});

describe('a count of years is one term, said as written or by a range that long', () => {
  it('这三年 → 3年: in "3 年累计" or "2022 年至 2024 年", not in "2025 年 3 月" or "2023 年"', () => {
    const years = matcherOf('3年');
    expect(years(compact('3 年累计亏损约 50 亿元'))).toBe(1);
    expect(years(compact('2022 年至 2024 年归母净利润'))).toBe(1);
    // A range ending at a quarter is a year longer on paper.
    expect(years(compact('2022 年至 2025 年第一季度累计亏损'))).toBe(1);
    expect(years(compact('截至 2025 年 3 月最后一轮融资'))).toBe(0);
    expect(years(compact('从 2023 年的 23.6% 降至'))).toBe(0);
    expect(years(compact('2015 年至 2024 年'))).toBe(0);
    // A range one year longer may end at a quarter; one year shorter is too short.
    expect(years(compact('2023 年至 2024 年'))).toBe(0);
  });
});

describe("a sentence's character mask only spares substring searches", () => {
  it('gives every term the credit it has without the mask: alternatives, abbreviations, compounds, year ranges, English stems', () => {
    const sentences = ['营业收入合计仅约 6 亿元', '用于科学研究的芯片', '股东人数与持股比例', '2022 年至 2024 年累计亏损', 'Run dpkg-reconfigure to change the configuration.', 'The installer asks for a hostname.'];
    const terms: Array<[string, string[]]> = [['营收', []], ['科研', []], ['股东人数', []], ['2023', []], ['configur', []], ['install', []], ['hostnam', ['主机名']], ['亏损', ['赔钱']], ['芯片', []], ['wheel', []]];
    for (const s of sentences) {
      const form = compactWithMask(s);
      for (const [term, alternatives] of terms) {
        expect(matcherOf(term, alternatives)(form.compact, form.mask), `${term} in ${s}`).toBe(matcherOf(term, alternatives)(form.compact));
      }
    }
    expect(matcherOf('营收')(compactWithMask('营业收入合计仅约 6 亿元').compact, compactWithMask('营业收入合计仅约 6 亿元').mask)).toBeGreaterThan(0.5);
  });
});

describe('a quoted phrase may be the section heading', () => {
  const query: AnalyzedQuery = {
    text: '“为什么 GNU su 不支持 wheel 组”这句名言是谁说的?',
    answerType: 'person',
    terms: [{ term: '为什么gnusu不支持wheel组', weight: 5, origin: 'question', role: 'topic' }, { term: '名言', weight: 3, origin: 'question' }],
    verbatim: ['为什么gnusu不支持wheel组'],
  };
  const sentence: CandidateSentence = {
    id: 1,
    sentence: 20,
    docId: 'd',
    start: 0,
    end: 30,
    text: '这是在旧的 “info su” 底部 Richard M. Stallman 所说的一句名言。',
    chunkRank: 0,
    heading: '4.5.3. “为什么 GNU su 不支持 wheel 组”',
  };
  it('the sentence under that heading is not missing the quote', () => {
    expect(scoreEvidence(query, [sentence])[0].verbatimMissing).toBe(false);
    expect(scoreEvidence(query, [{ ...sentence, heading: '4.5.2. 其他' }])[0].verbatimMissing).toBe(true);
  });
});

describe('a long quotation may be from memory; a short one must be as quoted', () => {
  const ask = (phrase: string, text: string) => {
    const query: AnalyzedQuery = { text: `“${phrase}”是谁说的?`, answerType: 'person', terms: [{ term: phrase, weight: 5, origin: 'question', role: 'topic' }], verbatim: [phrase] };
    return scoreEvidence(query, [{ id: 1, sentence: 1, docId: 'd', start: 0, end: text.length, text, chunkRank: 0 }])[0];
  };
  const said = '黄仁勋所强调的 “每个国家都需要拥有自己的 AI,即‘主权 AI’” 的理念';
  it('a long one is there when most of its character pairs are, Latin letters and all', () => {
    expect(ask('每个国家都该有自己的ai', said).verbatimMissing).toBe(false);
    expect(ask('每个国家都该有自己的ai', said).coverage).toBeGreaterThan(0.5);
    expect(ask('每个国家都该有自己的ai', '英伟达市值首次突破 4 万亿美元').verbatimMissing).toBe(true);
  });
  it('a short one is not found by its pairs in other words', () => {
    expect(ask('词的组成字符', '匹配的子字符串必须在一个不可能是词的组成的字符之后').verbatimMissing).toBe(true);
    expect(ask('词的组成字符', '词的组成字符是字母,数字,还有下划线').verbatimMissing).toBe(false);
  });
});

describe('a sentence borrows its retrieved neighbours\' words for its rank (contextCoverage)', () => {
  const query: AnalyzedQuery = {
    text: 'What does the netgroup file configure for diskless workstations?',
    answerType: 'other',
    terms: [
      { term: 'netgroup', weight: 3, origin: 'question' },
      { term: 'diskless', weight: 2, origin: 'question' },
      { term: 'workstat', weight: 1, origin: 'question' },
    ],
  };
  const at = (sentence: number, text: string, docId = 'd'): CandidateSentence => ({ id: sentence, sentence, docId, start: 0, end: text.length, text, chunkRank: 0 });
  const topic = at(10, 'The netgroup file lists the hosts.');
  const answer = at(11, 'Diskless workstations read the list at boot.');
  const unrelated = at(40, 'Diskless workstations need a fast network.');

  it('counts words the sentence before or after says; the sentence\'s own coverage is unchanged', () => {
    const [t, a, u] = scoreEvidence(query, [topic, answer, unrelated]);
    expect(a.coverage).toBeCloseTo(3 / 6);
    expect(a.contextCoverage).toBeCloseTo(1);
    expect(t.contextCoverage).toBeCloseTo(1);
    // Not adjacent: nothing to borrow.
    expect(u.contextCoverage).toBeCloseTo(u.coverage);
  });

  it('only from the same document and only from sentences that were retrieved', () => {
    expect(scoreEvidence(query, [answer])[0].contextCoverage).toBeCloseTo(3 / 6);
    expect(scoreEvidence(query, [{ ...topic, docId: 'other' }, answer])[1].contextCoverage).toBeCloseTo(3 / 6);
  });

  it('ranks the answer next to its topic above an equally covering stray sentence when weighted', () => {
    const evidence = scoreEvidence(query, [unrelated, topic, answer]);
    expect(rankEvidence(evidence, query, undefined, null, 0)[0].candidate).toBe(unrelated);
    expect(rankEvidence(scoreEvidence(query, [unrelated, topic, answer]), query, undefined, null, 0.8)[0].candidate).not.toBe(unrelated);
  });
});

describe('the ranking-only features are worked out only when asked for', () => {
  const query: AnalyzedQuery = {
    text: '摩尔线程的研发费用是多少?',
    answerType: 'number',
    terms: [
      { term: '摩尔线程', weight: 4, origin: 'question', role: 'topic' },
      { term: '研发', weight: 2, origin: 'question' },
      { term: '费用', weight: 1.5, origin: 'question' },
    ],
    required: ['摩尔线程'],
  };
  const at = (sentence: number, text: string, extra: Partial<CandidateSentence> = {}): CandidateSentence => ({ id: sentence, sentence, docId: 'd', start: 0, end: text.length, text, chunkRank: 0, ...extra });
  const candidates = [
    at(3, '摩尔线程成立于 2020 年。'),
    at(4, '其研发费用累计达 38.1 亿元。'),
    at(9, '研发投入占营收的比例很高。', { heading: '摩尔线程的研发' }),
    at(12, '公司的费用主要是研发费用。'),
  ];
  const RANKING_ONLY = ['ownCoverage', 'matchedWords', 'headingCoverage', 'leadCoverage', 'docCoverage'] as const;

  it('without them every other field is the same, and they are 0', () => {
    const all = scoreEvidence(query, candidates);
    const decisionOnly = scoreEvidence(query, candidates, { rankingFeatures: false });
    expect(all.some((e) => e.ownCoverage > 0 && e.matchedWords > 0 && e.docCoverage > 0)).toBe(true);
    expect(all.some((e) => e.headingCoverage > 0)).toBe(true);
    const withoutRanking = (e: (typeof all)[number]) => Object.fromEntries(Object.entries(e).filter(([k]) => !(RANKING_ONLY as readonly string[]).includes(k)));
    for (let i = 0; i < all.length; i++) {
      expect(withoutRanking(decisionOnly[i])).toEqual(withoutRanking(all[i]));
      for (const name of RANKING_ONLY) expect(decisionOnly[i][name]).toBe(0);
    }
  });
});

describe('absentEverywhere is read from the credits scoreEvidence works out', () => {
  const at = (sentence: number, text: string, extra: Partial<CandidateSentence> = {}): CandidateSentence => ({ id: sentence, sentence, docId: 'd', start: 0, end: text.length, text, chunkRank: 0, ...extra });
  // One word said in a sentence, one only in a heading, one only in a list's lead, one in a sentence under a heading
  // that also says it (the heading's credit is then never asked for), and the heaviest missing word each time different.
  const candidates = [
    at(3, '摩尔线程成立于 2020 年。', { heading: '摩尔线程的融资' }),
    at(4, '其研发费用累计达 38.1 亿元。'),
    at(9, '投入占营收的比例很高。', { heading: '股东与估值' }),
    at(12, '第一轮。', { lead: '融资轮次如下:' }),
    at(13, 'A 股上市。'),
  ];
  const queries: Array<Array<[string, number, 'question' | 'context']>> = [
    [['摩尔线程', 4, 'question'], ['研发', 2, 'question'], ['寒武纪', 3, 'question']],
    [['估值', 5, 'question'], ['轮次', 2, 'question'], ['员工', 1, 'question'], ['沐曦', 0.5, 'context']],
    [['融资', 1, 'question'], ['上市', 1, 'question']],
    [['壁仞', 2, 'context'], ['股东人数', 2, 'question'], ['营收', 1, 'question']],
    [],
  ];
  it('gives absentEverywhere by its definition over every candidate, heading and lead, whatever the ranking order', () => {
    const values = new Set<number>();
    for (const words of queries) {
      const query: AnalyzedQuery = { text: words.map(([t]) => t).join(''), answerType: 'other', terms: words.map(([term, weight, origin]) => ({ term, weight, origin })) };
      const evidence = scoreEvidence(query, candidates, { rankingFeatures: false });
      const ranked = rankEvidence(evidence, query, undefined, null, 0);
      const expected = absentEverywhere(query, ranked);
      for (const e of evidence) expect(e.absentEverywhere).toBe(expected);
      values.add(expected);
    }
    // The cases differ: some with a word missing everywhere, some with none.
    expect(values.size).toBeGreaterThanOrEqual(3);
  });
});

describe('the answer type is checked on the sentence as written', () => {
  // Its compact form glues "default 80" into "default80", which reads like a name (H100), not a value.
  it('"default 80" answers how many; "H100" does not', () => {
    const query: AnalyzedQuery = {
      text: 'How many characters per line does it aim for?',
      answerType: 'number',
      terms: [{ term: 'character', weight: 2, origin: 'question' }, { term: 'line', weight: 2, origin: 'question' }],
    };
    const sentence = (text: string): CandidateSentence => ({ id: 1, sentence: 3, docId: 'd', start: 0, end: text.length, text, chunkRank: 0 });
    expect(scoreEvidence(query, [sentence('width (default 80) specifies the maximum number of characters per line.')])[0].typeOk).toBe(true);
    expect(scoreEvidence(query, [sentence('It prints as many characters per line as an H100.')])[0].typeOk).toBe(false);
  });

  it('as the matchers read it: Chinese numerals as digits, traditional characters as simplified', () => {
    const count = (text: string, measureQuestion: string, measure: string): AnalyzedQuery => ({
      text: measureQuestion,
      answerType: 'number',
      measure,
      terms: [{ term: '方法', weight: 2, origin: 'question' }, { term: '用户', weight: 2, origin: 'question' }],
    });
    const sentence = (text: string): CandidateSentence => ({ id: 1, sentence: 3, docId: 'd', start: 0, end: text.length, text, chunkRank: 0 });
    expect(scoreEvidence(count('', '有几种方法?', '种'), [sentence('一共有三种方法可用于预置。')])[0].typeOk).toBe(true);
    expect(scoreEvidence(count('', '有多少个用户?', '个'), [sentence('系統有 300 個用戶。')])[0].typeOk).toBe(true);
  });
});

describe('a one- or two-letter Latin word counts only standing alone, a three-letter one at a word start', () => {
  it('the matcher, given the spaced form: "f" is not in "of", "ls" not in "tools"; a word it is, by pipes, dashes or Chinese', () => {
    const f = matcherOf('f');
    const ls = matcherOf('ls');
    // (matchedIn: the matcher given the text's compact and spaced forms, as scoreEvidence gives them.)
    const at = (m: ReturnType<typeof matcherOf>, text: string) => matchedIn(m, text, true);
    expect(at(f, 'Here is the meaning of the trust code.')).toBe(0);
    expect(at(f, '|f   |fully trusted   |')).toBe(1);
    expect(at(f, 'Use tar -f archive.tar')).toBe(1);
    expect(at(ls, 'Use the tools listed here.')).toBe(0);
    // (Compact, "run ls -l" is "runls-l": only the spaced form shows the word.)
    expect(at(ls, 'Then run ls -l in it.')).toBe(1);
    expect(at(matcherOf('ai'), '每个国家都需要拥有自己的AI芯片')).toBe(1);
    expect(at(matcherOf('ai'), 'Maintain the list.')).toBe(0);
    // Three letters: at a word's start, with or without an ending.
    expect(at(matcherOf('tar'), 'Start the engine.')).toBe(0);
    expect(at(matcherOf('tar'), 'Use tar or tarballs.')).toBe(1);
    expect(at(matcherOf('apt'), 'Run apt-get update.')).toBe(1);
    expect(at(matcherOf('ian'), 'Debian is free.')).toBe(0);
    // In the plural (the question's acronym was made singular), with a version, in full width and capitals; not inside a
    // word of another script's letters.
    expect(at(matcherOf('vm'), 'Start all VMs at boot.')).toBe(1);
    expect(at(matcherOf('os'), 'Both OSes boot.')).toBe(1);
    expect(at(matcherOf('qt'), 'Built with Qt5.')).toBe(1);
    expect(at(matcherOf('x'), 'The X11 server.')).toBe(1);
    expect(at(ls, '用ＬＳ命令')).toBe(1);
    expect(at(matcherOf('sum'), 'Send your résumé.')).toBe(0);
  });
  it('a short option ("-a", "-la") counts standing alone, not inside a longer option or a hyphenated word', () => {
    const at = (m: ReturnType<typeof matcherOf>, text: string) => matchedIn(m, text, true);
    const a = matcherOf('-a');
    expect(at(a, '|git commit -a |add all changes and commit them |')).toBe(1);
    expect(at(a, 'Run git add -A. to stage removals too.')).toBe(1);
    expect(at(a, 'Use git add --all instead.')).toBe(0);
    expect(at(a, 'Non-ASCII names and git-add are words.')).toBe(0);
    expect(at(a, 'Then git commit -am "msg".')).toBe(0);
    expect(at(matcherOf('-i'), 'perl -i.bak -pe s/a/b/ file')).toBe(1);
    expect(at(matcherOf('-t'), '加了-t之后优先级会变')).toBe(1);
  });
  it('a short option the question names is credited once, as an option written in its case, not again as a word', () => {
    const sentence = (id: number, text: string): CandidateSentence => ({ id, sentence: id, docId: 'd', start: 0, end: text.length, text, chunkRank: 0 });
    const base: AnalyzedQuery = { text: 'What does git add -A do?', answerType: 'other', terms: [{ term: 'git', weight: 1, origin: 'question' }, { term: 'add', weight: 2, origin: 'question' }] };
    const withOption: AnalyzedQuery = { ...base, terms: [...base.terms, { term: '-a', weight: 4, origin: 'question' }] };
    const candidates = [sentence(1, 'Run git add -A to stage removals too.'), sentence(2, 'Run git add with git commit -a to commit all.')];
    const coverage = (q: AnalyzedQuery) => scoreEvidence(q, candidates).map((e) => e.coverage);
    expect(coverage(withOption)).toEqual(coverage(base));
    const [upper, lower] = coverage(withOption);
    expect(upper).toBeGreaterThan(lower);
  });
  it('a sentence that says "of" but not the code asked gets no credit for it', () => {
    const query: AnalyzedQuery = { text: 'What does trust code f mean?', answerType: 'other', terms: [{ term: 'trust', weight: 2.6, origin: 'question' }, { term: 'code', weight: 3.9, origin: 'question' }, { term: 'f', weight: 3.9, origin: 'question' }] };
    const sentence = (id: number, text: string): CandidateSentence => ({ id, sentence: id, docId: 'd', start: 0, end: text.length, text, chunkRank: 0 });
    const [caption, row] = scoreEvidence(query, [sentence(1, 'Here is the meaning of the trust code.'), sentence(2, '|f   |fully trusted — code f   |')]);
    expect(caption.coverage).toBeLessThan(0.7);
    expect(row.coverage).toBeGreaterThan(caption.coverage);
  });
});

describe('a choice the question offers ("exim4 or postfix?")', () => {
  const at = (sentence: number, text: string, extra: Partial<CandidateSentence> = {}): CandidateSentence => ({ id: sentence, sentence, docId: 'd', start: 0, end: text.length, text, chunkRank: 0, ...extra });
  const query: AnalyzedQuery = {
    text: 'Which MTA, exim4 or postfix, does Debian install by default?',
    answerType: 'entity',
    terms: [
      { term: 'mta', weight: 3, origin: 'question' },
      { term: 'exim4', weight: 3, origin: 'question' },
      { term: 'postfix', weight: 3, origin: 'question' },
      { term: 'default', weight: 1, origin: 'question' },
    ],
    offered: ['exim4', 'postfix'],
  };
  it('is answered only by a sentence (or its heading, lead, previous sentence) that names one of them', () => {
    const [none, one, under] = scoreEvidence(query, [
      at(1, 'Some programs expect the /usr/sbin/sendmail command by default from the MTA.'),
      at(5, 'Debian installs exim4 as the default MTA.'),
      at(9, 'It is the default MTA.', { heading: 'Postfix' }),
    ]);
    expect(none.requiredMissing).toBe(true);
    expect(one.requiredMissing).toBe(false);
    expect(under.requiredMissing).toBe(false);
  });
});
