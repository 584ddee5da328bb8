import { describe, expect, it } from 'vitest';
import { kindOf } from '../../server/generators/extractive/kinds/index.js';
import { asksForSeveral } from '../../server/generators/extractive/kinds/list.js';
import { asksHowManyWithJi } from '../../server/core/answer-type.js';
import { analyzeQuestion, topicOf, type TermStats } from '../../server/core/query-analysis.js';

describe('question kinds: "how" + a degree word asks for a measure or a time, not for steps', () => {
  it.each([
    ['How often is DNS updated from LDAP?', 'when'],
    ['How wide is the Unicode code point range?', 'quantity'],
    ['How old is the oldest supported release?', 'quantity'],
    ['How do I rebuild the diskless workstation image?', 'how-to'],
  ])('%s → %s', (q, kind) => {
    expect(kindOf(q)?.name).toBe(kind);
  });
});

describe('question kinds: a conjunction or an indefinite is not the question word', () => {
  it.each([
    ['What option does mount need when the root filesystem is read-only?', 'which'],
    ['When is the index rebuilt?', 'when'],
    ['When running aptitude through sudo, how do I make it use root\'s configuration?', 'how-to'],
    ['每次开机后,哪几个目录里的临时文件会被清掉?', 'list'],
    ['GNU/Linux 下可以用的 BOOTP 服务器有哪两种', 'list'],
    // 几 is not its question word; 用什么快捷键 asks how to do it.
    ['装好以后用什么快捷键在几个输入法之间切换?', 'how-to'],
    ['摩尔线程一共融了几轮?', 'quantity'],
    // A request for a list: its 几 means "a few" (and the answer type is no count).
    ['请列出沐曦股份股东里提到的几家投资机构。', 'list'],
    ['那它排到第几了?', undefined],
  ])('%s → %s', (q, kind) => {
    expect(kindOf(q)?.name).toBe(kind);
  });
});

describe("a kind's English answer cue is a whole word, not a piece of any word", () => {
  const cue = (q: string, sentence: string) => kindOf(q)?.answerCue?.test(sentence) ?? false;
  it.each([
    // "is" inside "This", "and" inside "command", "use" inside "user", "since" inside "sincerely", "may" inside "dismay".
    ['What is PolicyKit?', 'This daemon talks to privileged processes.', false],
    ['What is PolicyKit?', 'PolicyKit is an application-level toolkit.', true],
    ['Which tools are included in the package?', 'The command prints its version.', false],
    ['Which tools are included in the package?', 'It ships ls, cp and mv.', true],
    ['How do I add a user?', 'A user account has a home directory.', false],
    ['How do I add a user?', 'Use adduser to create the account.', true],
    ['Why is the root login disabled?', 'Yours sincerely, the maintainers.', false],
    ['Why is the root login disabled?', 'It is disabled because passwords leak.', true],
  ])('%s | %s → %s', (q, sentence, expected) => {
    expect(cue(q, sentence)).toBe(expected);
  });
});

describe('a request for a list', () => {
  it('asks for items, not a count, and its topic follows the request', () => {
    expect(asksHowManyWithJi('请列出沐曦股份股东里提到的几家投资机构。')).toBe(false);
    expect(asksHowManyWithJi('摩尔线程一共融了几轮?')).toBe(true);
    const stats: TermStats = { idf: () => 3, documentFrequency: (t) => (['~沐曦', '~曦股', '~股份'].includes(t) ? 1 : 0), chunkCount: 10 };
    expect(topicOf('请列出沐曦股份股东里的投资机构', stats)).toBe('沐曦股份');
  });
});

describe('a question that asks for several things', () => {
  const several = (q: string) => asksForSeveral(q, kindOf(q));
  it('is a list question, or which/what with a plural noun at the head of its phrase', () => {
    expect(several('Debian 里有哪些解析器生成器?')).toBe(true);
    expect(several('Which packages in Debian provide a Yacc-compatible LALR parser generator?')).toBe(true);
    expect(several('What memory leak detection tools are available in Debian?')).toBe(true);
    expect(several('Which packages, in Debian, provide a parser generator ?')).toBe(true);
    expect(several('Which two installed packages provide a parser generator?')).toBe(true);
    // A head the lexicon lacks is read by its ending.
    expect(several('Which GUI toolkits does Debian ship?')).toBe(true);
    expect(several('Which package(s) provide a parser generator?')).toBe(true);
  });

  it('is not one thing asked, nor a reason or a count about things', () => {
    expect(several('Which package provides the GNU parser generator?')).toBe(false);
    expect(several('What is the size of bison?')).toBe(false);
    expect(several('What does the second field mean?')).toBe(false);
    expect(several('Which daemon process starts first?')).toBe(false);
    // which/what with a plural, in a question of another kind.
    expect(several('Why do what tools fail?')).toBe(false);
    expect(several('How many of what packages are installed?')).toBe(false);
  });
});

describe('几 beside another question word', () => {
  it('is "several" ("这几年…投了多少钱?"): the question asks with 多少, and the attribute is not the word before 几年', () => {
    expect(asksHowManyWithJi('沐曦股份这几年研发一共投了多少钱?')).toBe(false);
    const df: Record<string, number> = { 沐曦: 2, 股份: 2, 股东: 3, '~沐曦': 2, '~曦股': 2, '~股份': 2 };
    const stats: TermStats = { idf: (t) => 5 - (df[t] ?? 0), documentFrequency: (t) => df[t] ?? 0, chunkCount: 10 };
    // (Read at 几年, the word before it, 股东, was the attribute asked.)
    expect(analyzeQuestion('沐曦股份的股东这几年投了多少钱?', stats).focus).toBeUndefined();
    expect(analyzeQuestion('沐曦股份的股东有几个?', stats).focus).toBe('股东');
    // 几乎 ("almost") never asks, even where a 几 of the question does.
    expect(analyzeQuestion('几乎所有的股东有几个?', stats).focus).toBe('股东');
  });
});
