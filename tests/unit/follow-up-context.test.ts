import { describe, expect, it } from 'vitest';
import { resolveQuestion, topicOf, type TermStats } from '../../server/core/query-analysis.js';
import { scoreEvidence } from '../../server/generators/extractive/sentence-evidence.js';
import type { CandidateSentence } from '../../server/core/types.js';
import { anchorCloseness } from '../../server/generators/extractive/follow-up-anchor.js';
import { stemLatin } from '../../server/shared/text/tokenizer.js';
import { ELLIPSIS_EN } from '../../server/core/question-words.js';
import { DEMONSTRATIVE_ZH } from '../../server/core/reference-words.js';
import { historyFromTurns } from '../../server/core/conversation-service.js';

// Every word known and equally rare: what is tested is which words the follow-up carries, not their weights.
const stats: TermStats = {
  idf: () => 2,
  documentFrequency: () => 1,
  chunkCount: 50,
  alternatives: (w) => (w === '营收' ? ['收入'] : []),
};

const history = [
  { role: 'user' as const, content: '摩尔线程2022到2024年研发费用一共多少?' },
  { role: 'assistant' as const, content: '摩尔线程2022年至2024年研发费用累计达38.1亿元。' },
];

function candidate(id: number, text: string, chunkRank: number): CandidateSentence {
  return { id, sentence: id, docId: 'd', start: 0, end: text.length, text, chunkRank };
}

describe('"营收呢?" asks an attribute about the previous question\'s topic', () => {
  it('keeps the rest of the previous turn (its years, what it asked about) as context, not as words to answer', () => {
    const query = resolveQuestion('营收呢?', history, stats);
    const own = query.terms.filter((t) => t.origin === 'question' && !t.term.startsWith('~')).map((t) => t.term);
    const context = query.terms.filter((t) => t.origin === 'context').map((t) => t.term);
    expect(own).toEqual(expect.arrayContaining(['营收']));
    expect(own).not.toContain('研发');
    expect(context).toEqual(expect.arrayContaining(['2022', '2024', '研发']));
  });

  it('prefers the sentence that continues the conversation over one that merely names topic and attribute, whatever the retrieval order', () => {
    const query = resolveQuestion('营收呢?', history, stats);
    const elsewhere = candidate(1, '摩尔线程的收入中,2024 年 AI 智算产品贡献超 77% 营收。', 0);
    const same = candidate(2, '摩尔线程 2022 年至 2024 年研发费用累计达 38.1 亿元,而营业收入合计仅约 6 亿元。', 3);
    const [a, b] = scoreEvidence(query, [elsewhere, same]);
    expect(b.score).toBeGreaterThan(a.score);
    // The context only weighs: a sentence without the asked attribute still loses to one with it.
    const [without] = scoreEvidence(query, [candidate(3, '摩尔线程 2022 年至 2024 年研发费用累计达 38.1 亿元。', 0)]);
    expect(without.score).toBeLessThan(a.score);
  });
});

describe('English follow-ups carry the previous turn as weaker context', () => {
  // Carry both turns, and carry them for any follow-up (the shape the fitted weights take).
  const carry = { question: 1, answer: 0.25, always: 1, proximity: 0, span: 1, after: 1 };
  const ttl = [
    { role: 'user' as const, content: 'What values can I pass to socket.setTTL() on a UDP socket?' },
    { role: 'assistant' as const, content: 'setTTL() sets the IP_TTL socket option; the ttl argument may be between 1 and 255. [7]' },
  ];
  const terms = (query: ReturnType<typeof resolveQuestion>, origin: 'question' | 'context') =>
    query.terms.filter((t) => t.origin === origin && !t.term.startsWith('~'));

  it('"it" is the previous turn\'s subject: its words come along, weaker than the new question\'s', () => {
    const query = resolveQuestion("What's it set to by default?", ttl, stats, carry);
    expect(terms(query, 'question').map((t) => t.term)).toEqual(expect.arrayContaining(['default']));
    const context = terms(query, 'context');
    expect(context.map((t) => t.term)).toEqual(expect.arrayContaining(['ttl', 'udp', 'socket']));
    // The answer's words weigh less than the previous question's, and both less than the new question's.
    const weight = (term: string) => query.terms.find((t) => t.term === stemLatin(term))!.weight;
    expect(weight('argument')).toBeLessThan(weight('udp'));
    expect(weight('udp')).toBeLessThanOrEqual(weight('default'));
    // No [1] marker of the stored answer becomes a word.
    expect(context.map((t) => t.term)).not.toContain('7');
  });

  it('ranks the sentence about the previous turn\'s subject above another sentence that only shares the new words', () => {
    const query = resolveQuestion("What's it set to by default?", ttl, stats, carry);
    const other = candidate(1, 'The default value of exclusive is false.', 0);
    const about = candidate(2, 'The default TTL of a UDP socket is 64.', 3);
    const [a, b] = scoreEvidence(query, [other, about]);
    expect(b.score).toBeGreaterThan(a.score);
  });

  it('the same follow-up without the weights stands alone, as before', () => {
    const query = resolveQuestion("What's it set to by default?", ttl, stats, { question: 0.5, answer: 0.5, always: 0, proximity: 0, span: 1, after: 1 });
    expect(terms(query, 'context')).toEqual([]);
  });

  it('"And MCAHTC?" asks the previous question about the new name', () => {
    const fonts = [
      { role: 'user' as const, content: 'What does MCMATC mean in the font table?' },
      { role: 'assistant' as const, content: 'It stands for metric compatible with fonts provided by Microsoft.' },
    ];
    const query = resolveQuestion('And MCAHTC?', fonts, stats, carry);
    expect(terms(query, 'question').map((t) => t.term)).toEqual(['mcahtc']);
    // ("in the font table" points into the documents: the table is a reference, the fonts what was asked about.)
    expect(terms(query, 'context').map((t) => t.term)).toEqual(expect.arrayContaining(['font']));
    expect(terms(query, 'context').map((t) => t.term)).not.toContain('tabl');
    const sentences = [candidate(1, '"MCMATC" stands for fonts metric compatible with Microsoft fonts.', 0), candidate(2, '"MCAHTC" stands for fonts compatible with Adobe Heisei.', 4)];
    const [first, second] = scoreEvidence(query, sentences);
    expect(second.score).toBeGreaterThan(first.score);
  });

  it('"its" stands for the thing the previous question named (a short English question names it too); "he" does not', () => {
    const founder = [
      { role: 'user' as const, content: 'Who founded 沐曦?' },
      { role: 'assistant' as const, content: '沐曦 was founded by 陈维良.' },
    ];
    const its = resolveQuestion('And which investment firms are among its shareholders?', founder, stats, carry);
    expect(its.required).toContain('沐曦');
    expect(terms(its, 'question').map((t) => t.term)).toEqual(expect.arrayContaining(['沐曦', stemLatin('shareholders')]));
    const he = resolveQuestion('Which company did he work for before that?', founder, stats, carry);
    expect(he.required ?? []).not.toContain('沐曦');
    // "they" may be the founders or the investors an answer listed; "IT" is the acronym; a question with a topic of its own keeps it.
    expect(resolveQuestion('Where did they work before starting out?', founder, stats, carry).required ?? []).not.toContain('沐曦');
    // …but "the company" in it is 沐曦.
    expect(resolveQuestion('Where did they work before starting the company?', founder, stats, carry).required).toContain('沐曦');
    // "the company" stands for the previous question's topic as "its" does (as 该公司 does in Chinese).
    const company = resolveQuestion('And when was the company founded?', founder, stats, carry);
    expect(company.required).toContain('沐曦');
    expect(terms(company, 'question').map((t) => t.term)).not.toContain(stemLatin('company'));
    const it = resolveQuestion('What does the IT department of 寒武纪 do?', founder, stats, carry);
    expect(it.terms.filter((t) => t.origin === 'question').map((t) => t.term)).not.toContain('沐曦');
    // A short question that opens with an English question word is English (its Chinese name is its topic); one that opens
    // with an acronym spelled like one is Chinese.
    expect(topicOf('Who founded 沐曦?', stats)).toBe('沐曦');
    expect(topicOf('CAN 总线是什么?', stats)).toBeUndefined();
    const own = resolveQuestion('摩尔线程的IT投入是多少?', founder, stats, carry);
    expect(own.terms.filter((t) => t.origin === 'question').map((t) => t.term)).not.toContain('沐曦');
  });

  it('a question of its own after "and" is no ellipsis', () => {
    for (const q of ['And how do I undo that?', 'and when was that Debian release itself out?', 'And if the PR has been open for a week?']) {
      expect(ELLIPSIS_EN.test(q)).toBe(false);
    }
    for (const [q, x] of [['and strikethrough?', 'strikethrough'], ['What about the capital Q?', 'the capital Q'], ['And for Japanese text encoded in UTF-8?', 'Japanese text encoded in UTF-8']]) {
      expect(ELLIPSIS_EN.exec(q)?.[1]).toBe(x);
    }
  });
});

describe('a stored conversation and a client-sent history resolve the same', () => {
  it('historyFromTurns gives the turns a client would send, so the analysis is identical', () => {
    const stored = historyFromTurns([{ question: history[0].content, answer: `${history[1].content}[1]` }]);
    const sent = [history[0], { role: 'assistant' as const, content: `${history[1].content}[1]` }];
    expect(resolveQuestion('他们的营收呢?', stored, stats)).toEqual(resolveQuestion('他们的营收呢?', sent, stats));
  });
});

describe('a follow-up is asked near where the conversation was (anchor proximity)', () => {
  const masking = [
    { role: 'user' as const, content: 'How can I completely prevent a unit from being started, even manually?' },
    { role: 'assistant' as const, content: 'Mask it: "systemctl mask $unit" adds a symlink from the unit to /dev/null.' },
  ];
  // Sentences of one manual: the table row the previous answer quoted, the row after it, and a far-away sentence
  // that says the follow-up's own words just as well.
  const sentences = [
    candidate(10, 'systemctl mask "$unit" | mask to prevent any start of "$unit" (create symlink to /dev/null)', 0),
    candidate(11, 'systemctl unmask "$unit" | unmask "$unit" (remove the link again)', 0),
    candidate(40, 'To undo a change to the configuration, restore the file from its backup.', 1),
  ];
  const weights = { question: 1, answer: 0.25, always: 1, proximity: 0.3, span: 2, after: 2 };

  it('the anchor is the sentence that says most of the previous turn; its neighbours gain, farther ones less, other places nothing', () => {
    const query = resolveQuestion('And how do I undo that?', masking, stats, weights);
    const evidence = scoreEvidence(query, sentences);
    expect(evidence[0].previousTurnShare).toBeGreaterThan(evidence[2].previousTurnShare);
    const near = anchorCloseness(evidence, { weight: weights.proximity, span: weights.span });
    expect(near.get(evidence[0])).toBeCloseTo(0.3);
    expect(near.get(evidence[1])).toBeCloseTo(0.2);
    expect(near.has(evidence[2])).toBe(false);
  });

  it('the reach after the anchor is its own: a sentence two after still gains, one two before does not', () => {
    const query = resolveQuestion('And how do I undo that?', masking, stats, weights);
    const around = [candidate(8, 'Units can be started, stopped and masked.', 0), ...sentences, candidate(12, 'Units can be listed as well.', 0)];
    const evidence = scoreEvidence(query, around);
    // The anchor is sentence 10: sentence 8 is two before it, 11 one after, 12 two after.
    const near = anchorCloseness(evidence, { weight: 0.3, span: 1, after: 3 });
    expect(evidence[1].previousTurnShare).toBeGreaterThan(evidence[4].previousTurnShare);
    expect(near.get(evidence[1])).toBeCloseTo(0.3);
    expect(near.get(evidence[2])).toBeCloseTo(0.3 * (1 - 1 / 4));
    expect(near.get(evidence[4])).toBeCloseTo(0.3 * (1 - 2 / 4));
    expect(near.has(evidence[0])).toBe(false);
    // Without `after`, the reach after is the one before: two after gains nothing either.
    const symmetric = anchorCloseness(evidence, { weight: 0.3, span: 1 });
    expect(symmetric.get(evidence[2])).toBeCloseTo(0.15);
    expect(symmetric.has(evidence[4])).toBe(false);
  });

  it('nothing carried over (a first question), or the weight 0: no anchor', () => {
    const first = scoreEvidence(resolveQuestion('How do I undo a change?', [], stats, weights), sentences);
    expect(anchorCloseness(first, { weight: 0.3, span: 2 }).size).toBe(0);
    const carried = scoreEvidence(resolveQuestion('And how do I undo that?', masking, stats, weights), sentences);
    expect(anchorCloseness(carried, { weight: 0, span: 2 }).size).toBe(0);
  });
});

describe('"那 2024 年呢?" asks the previous question for another year', () => {
  const previous = [
    { role: 'user' as const, content: '摩尔线程 2022 年亏了多少钱?' },
    { role: 'assistant' as const, content: '摩尔线程 2022 年归母净利润为 -18.40 亿元。' },
  ];
  it('replaces the year, written with or without spaces (as the article writes it)', () => {
    for (const q of ['那 2024 年呢?', '那2024年呢?', '那 2024 呢?']) {
      const query = resolveQuestion(q, previous, stats);
      expect(query.required, q).toContain('2024');
      expect(query.required, q).not.toContain('2022');
    }
  });
  it('asks the last full question again when the previous turn was itself another year', () => {
    const chained = [...previous, { role: 'user' as const, content: '那 2023 年呢?' }, { role: 'assistant' as const, content: '-16.73 亿元。' }];
    const query = resolveQuestion('那 2024 年呢?', chained, stats);
    expect(query.required).toContain('2024');
    expect(query.required).not.toContain('2023');
    expect(query.required).not.toContain('2022');
    expect(query.terms.map((t) => t.term)).toContain('亏');
  });
});

describe('"那X呢?" naming another attribute', () => {
  it('asks that attribute, and says when the corpus never names it', () => {
    const known = { ...stats, documentFrequency: (t: string) => (t === '市盈率' ? 0 : 1) };
    const query = resolveQuestion('那市盈率呢?', history, known);
    expect(query.absentAsked).toBe('市盈率');
    expect(resolveQuestion('营收呢?', history, stats).absentAsked).toBeUndefined();
  });
});

describe('a follow-up that points back at the previous question\'s time span ("同一时期", "over those three years")', () => {
  const own = (query: ReturnType<typeof resolveQuestion>) => query.terms.filter((t) => t.origin === 'question' && !t.term.startsWith('~')).map((t) => t.term);
  const context = (query: ReturnType<typeof resolveQuestion>) => query.terms.filter((t) => t.origin === 'context').map((t) => t.term);
  it('takes the years from the previous question, not its own words for them', () => {
    const query = resolveQuestion('同一时期它的营收一共有多少?', history, stats);
    expect(own(query)).not.toEqual(expect.arrayContaining(['时期']));
    expect(own(query)).not.toContain('同一');
    expect(context(query)).toEqual(expect.arrayContaining(['2022', '2024']));
    expect(query.asked).toBe('同一时期它的营收一共有多少?');
  });
  it('in English, with a count ("those three years"): "three" is no word the answer must say', () => {
    const query = resolveQuestion('And how much did it spend on R&D over those three years?', history, stats);
    expect(own(query)).not.toContain(stemLatin('three'));
    expect(own(query)).not.toContain(stemLatin('years'));
  });
  it('keeps a year the follow-up names itself, and the phrase when nothing else would be left', () => {
    expect(own(resolveQuestion('那2024年的营收呢?', history, stats))).toContain('2024');
    for (const q of ['那同期呢?', '那么同期呢?', '那么同一时期的呢?']) expect(resolveQuestion(q, history, stats).text).toMatch(/同期|同一时期/);
    expect(resolveQuestion('What about that year?', history, stats).text).toContain('that year');
  });
  it('is not stripped from a first question', () => {
    expect(own(resolveQuestion('同一时期摩尔线程的营收一共有多少?', [], stats))).toContain('时期');
  });
});

describe('a pronoun after a question that asked which one stands for the name the answer gave', () => {
  const own = (query: ReturnType<typeof resolveQuestion>) => query.terms.filter((t) => t.origin === 'question' && !t.term.startsWith('~')).map((t) => t.term);
  const which = (user: string, assistant: string) => [
    { role: 'user' as const, content: user },
    { role: 'assistant' as const, content: assistant },
  ];
  // (A corpus that does not write 哪个 or 怎么: those questions name no topic.)
  const corpus: TermStats = { ...stats, documentFrequency: (t) => (/[哪怎]/.test(t) ? 0 : 1) };

  it('takes the name in the pronoun\'s place, in Chinese and in English', () => {
    const zh = resolveQuestion('那它的流行度呢?', which('哪个软件包被称为 vim 的语法检查利器?', '是 vim-syntastic。'), corpus);
    expect(own(zh).sort()).toEqual(['vim-syntastic', '度', '流行'].sort());
    const en = resolveQuestion('How large is it?', which('Which package in the list is the full screen FTP client?', 'That is ncftp.'), stats);
    expect(own(en).sort()).toEqual([stemLatin('large'), 'ncftp'].sort());
  });

  it('also after a question that asked whether there is one of a kind ("Is there a tool for that?", 有没有…工具)', () => {
    const en = resolveQuestion('Which package do I install to get it?', which('The maintainer field is not the uploader. Is there a tool for that?', 'Yes: who-uploads(1) identifies the uploader.'), stats);
    expect(own(en)).toContain('who-uploads');
    const zh = resolveQuestion('它在哪个软件包里?', which('有没有查看上传者的工具?', '有 who-uploads(1)，它可以查出上传者。'), corpus);
    expect(own(zh)).toContain('who-uploads');
    // Asking whether there is a way (even with a kind named later), several tools, or a difference is not asking for one
    // named thing.
    const later = resolveQuestion('Which package do I install to get it?', which('Is there a way to list what changed in a package?', 'Yes: apt-listchanges(1) shows it.'), stats);
    expect(own(later)).not.toContain('apt-listchanges');
    const and = resolveQuestion('Which package do I install to get it?', which('And is there a tool for that?', 'Yes: who-uploads(1) identifies the uploader.'), stats);
    expect(own(and)).toContain('who-uploads');
    const banfa = resolveQuestion('它在哪个软件包里?', which('有没有办法查看某个软件包是谁上传的?', '有 who-uploads(1)，它可以查出上传者。'), corpus);
    expect(own(banfa)).not.toContain('who-uploads');
    const way = resolveQuestion('Which package do I install to get it?', which('Is there a way to see the uploader?', 'Yes: who-uploads(1) identifies the uploader.'), stats);
    expect(own(way)).not.toContain('who-uploads');
  });

  it('not when the answer names only what the question said, nor when the question had a topic, nor after a how-question', () => {
    const said = resolveQuestion('How large is it?', which('Which package provides the FTP client?', 'The ftp package.'), stats);
    const plain = resolveQuestion('How large is it?', which('Which package provides the FTP client?', 'Yes.'), stats);
    expect(own(said)).toEqual(own(plain));
    const topic = resolveQuestion('它的大小呢?', which('ncftp 依赖哪个软件包?', '是 libncurses6。'), corpus);
    expect(own(topic)).toContain('ncftp');
    expect(own(topic)).not.toContain('libncurses6');
    const how = resolveQuestion('它处理的是哪个端口?', which('怎么查出是哪个进程在用 smtp/tcp 套接字?', '可以运行 sudo fuser -v smtp/tcp。'), corpus);
    expect(own(how)).not.toContain('sudo');
    expect(own(how)).not.toContain('fuser');
  });
});

describe('"那X呢?" after a question with no topic', () => {
  // Word pairs unknown: the previous question names no topic (topicOf finds no known leading pair).
  const noTopic: TermStats = { idf: () => 2, documentFrequency: (t) => (t.startsWith('~') ? 0 : 1), chunkCount: 50, alternatives: () => [] };
  const carry = { question: 0.25, answer: 1, always: 1, proximity: 0, span: 1, after: 1 };
  const sudo = [
    { role: 'user' as const, content: '怎么让普通用户用 sudo 获得管理员权限？' },
    { role: 'assistant' as const, content: '在 sudoers 里加一行,输入自己的密码就能获得管理员权限。' },
  ];
  it('carries the previous turn as history context, judged on its own words, as any follow-up that names no reference', () => {
    expect(topicOf(sudo[0].content, noTopic)).toBeUndefined();
    const query = resolveQuestion('那要是连密码都不想输呢？', sudo, noTopic, carry);
    const own = query.terms.filter((t) => t.origin === 'question' && !t.term.startsWith('~')).map((t) => t.term);
    const carried = query.terms.filter((t) => t.origin === 'history').map((t) => t.term);
    expect(own).toContain('密码');
    expect(own).not.toContain('sudo');
    expect(carried).toEqual(expect.arrayContaining(['sudo', '管理员', '权限']));
    // A bare noun is read alone: judged on its own words, the previous turn would let any sentence about it answer.
    expect(resolveQuestion('那等宽版呢？', sudo, noTopic, carry).terms.some((t) => t.origin === 'history')).toBe(false);
    // Fitted not to carry: the question alone.
    expect(resolveQuestion('那要是连密码都不想输呢？', sudo, noTopic, { ...carry, always: 0 }).terms.some((t) => t.origin === 'history')).toBe(false);
  });
});

describe('a question that opens with a time', () => {
  it('has the topic after it: "截至2025年3月沐曦的估值是多少?" is about 沐曦, not 截至', () => {
    const known: TermStats = { idf: () => 2, documentFrequency: () => 1, chunkCount: 50, alternatives: () => [] };
    expect(topicOf('截至2025年3月沐曦的估值是多少?', known)).toBe('沐曦');
    expect(topicOf('2024年沐曦的营收是多少?', known)).toBe('沐曦');
    expect(topicOf('2025年一季度末沐曦的预付账款是多少?', known)).toBe('沐曦');
    expect(topicOf('沐曦2024年营收多少?', known)).toBe('沐曦');
  });
  it('skips a clause the time opens, a range, a quarter written Q1, and a verb\'s clause describing the topic', () => {
    // Only the names' own character pairs known: the lead stops where a real corpus would stop it.
    const pairs = new Set(['~沐曦', '~摩尔', '~尔线', '~线程', '~最后']);
    const names: TermStats = { idf: () => 2, documentFrequency: (t) => (t.startsWith('~') ? (pairs.has(t) ? 1 : 0) : 1), chunkCount: 50, alternatives: () => [] };
    expect(topicOf('截至2025年3月最后一次融资,沐曦的估值达到多少?', names)).toBe('沐曦');
    expect(topicOf('2022 年至 2024 年摩尔线程的研发投入累计多少?', names)).toBe('摩尔线程');
    expect(topicOf('2025年Q1沐曦最大的客户是谁?', names)).toBe('沐曦');
    expect(topicOf('2020年成立的沐曦有多少股东?', names)).toBe('沐曦');
  });
});

describe('a Chinese demonstrative with a classifier ("这类产品") points back as "this" does', () => {
  const carry = { question: 0.25, answer: 1, always: 1, proximity: 0, span: 1, after: 1 };
  const card = [
    { role: 'user' as const, content: '摩尔线程出过桌面显卡吗?' },
    { role: 'assistant' as const, content: '出过,叫 MTTS80,算在桌面级图形加速产品里。' },
  ];
  const carried = (q: string) => resolveQuestion(q, card, stats, carry).terms.filter((t) => !t.term.startsWith('~'));
  it('carries the previous turn as context the sentence must say, not only as history', () => {
    // (No 那…呢: the ellipsis branch would take it first.)
    const terms = carried('这类产品的收入占比后来跌到多少了?');
    expect(terms.filter((t) => t.origin === 'context').map((t) => t.term)).toEqual(expect.arrayContaining(['mtts80']));
    expect(terms.some((t) => t.origin === 'history')).toBe(false);
  });
  it('not in apposition to what the question writes just before it, nor a time or a filler', () => {
    for (const q of ['表里的 getent、passwd 这些命令还管用吗?', '“自动保存”这个选项还起作用吗?', '在控制台里显示中文这类文字用什么程序?', '那个时候英伟达的市值冲破了多少?', '那个,摩尔线程成立于哪一年?']) {
      const terms = carried(q);
      expect(terms.some((t) => t.origin === 'context'), q).toBe(false);
      expect(terms.some((t) => t.origin === 'history'), q).toBe(true);
    }
    for (const q of ['为什么这样配置以后无法启动?', '这么多参数都要设置吗?', '该怎么设置?', '这些年营收涨了多少?']) expect(DEMONSTRATIVE_ZH.test(q), q).toBe(false);
    // A verb or a locative before it is no apposition: the demonstrative points back.
    for (const q of ['管理员为什么要定期去读这些日志?', '怎么取消这个限制?']) expect(carried(q).some((t) => t.origin === 'context'), q).toBe(true);
  });
});
