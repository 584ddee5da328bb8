import { describe, expect, it } from 'vitest';
import { analyzeText, containsName, createTokenizer, degreeAdjectives, gluedContent, isDictionaryWord, isShortOption, phrasingWords, tokenize, BIGRAM_PREFIX } from '../../server/shared/text/tokenizer.js';
import { normalizeChineseNumerals } from '../../server/shared/text/chinese-numerals.js';

describe('tokenizer', () => {
  it('segments Chinese into dictionary words', () => {
    const { words } = analyzeText('摩尔线程归母净利润');
    expect(words).toContain('净利润');
    expect(words).toContain('线程');
  });

  it("drops the function words of the stopword package's Chinese list as well as the project's own (到 as in 从…到…), not its pronouns and numerals", () => {
    const { words } = analyzeText('沐曦从 2022 年到 2025 年一季度一共亏了多少?');
    expect(words).toEqual(expect.arrayContaining(['沐曦', '2022', '2025', '季度']));
    expect(words).not.toContain('到');
    expect(words).not.toContain('从');
    // Its pronouns and numerals stay: they say what is asked and counted.
    expect(analyzeText('摩尔线程创始人是谁?').words).toContain('谁');
    expect(analyzeText('沐曦是哪年成立的?').words).toEqual(expect.arrayContaining(['哪', '年']));
  });

  it('keeps decimals, percentages and thousands whole', () => {
    const { words } = analyzeText('亏损 - 18.40 亿元,占比达 74.94%,共 1,126 名');
    expect(words).toEqual(expect.arrayContaining(['18.40', '74.94%', '1126']));
    expect(words).not.toContain('18');
    expect(words).not.toContain('40');
    // A number of several dotted parts is one word (an address, a version, a date), not two decimals.
    expect(analyzeText('把 127.0.1.1 改成 192.168.0.1, 版本 2.8.4。').words).toEqual(expect.arrayContaining(['127.0.1.1', '192.168.0.1', '2.8.4']));
    expect(analyzeText('instead of 127.0.1.1.').words).toContain('127.0.1.1');
  });

  it('lower-cases Latin words and keeps letters with digits together', () => {
    const { words } = analyzeText('接近英伟达 RTX3060 与 H100,采用 Fabless 模式');
    expect(words).toEqual(expect.arrayContaining(['rtx3060', 'h100', 'fabless']));
  });

  it('keeps single letters joined by & as one word (R&D, M&A), not stray letters', () => {
    expect(analyzeText('How much went into R&D and M&A?').words).toEqual(expect.arrayContaining(['r&d', 'm&a']));
    expect(analyzeText('R&D').words).not.toContain('r');
    expect(analyzeText('AT&T x&yz').words).not.toContain('at&t'); // only single letters: "AT&T" stays as before
  });

  it('takes the content of a word jieba glued from phrasing, and leaves names and dictionary words whole', () => {
    // jieba's HMM makes one word of "涨得" in "为什么涨得那么厉害": the verb and its complement particle.
    expect(analyzeText('为什么涨得那么厉害').words).toContain('涨得');
    expect(gluedContent('涨得')).toBe('涨');
    expect(gluedContent('只想')).toBe('想');
    expect(gluedContent('我用')).toBe('我用'); // every piece grammatical: nothing else would remain
    expect(gluedContent('壁仞')).toBe('壁仞'); // a name: no piece is grammatical
    expect(gluedContent('潘和林')).toBe('潘和林'); // a grammatical piece inside a name, not at its edge
    expect(gluedContent('获得')).toBe('获得'); // a dictionary word
    expect(gluedContent('的了')).toBe('的了'); // nothing else would remain
  });

  it('adds CJK bigrams so names the dictionary lacks still match', () => {
    expect(tokenize('沐曦股份')).toContain(`${BIGRAM_PREFIX}沐曦`);
  });

  it('normalises full-width forms', () => {
    expect(analyzeText('ＲＴＸ３０６０ 占比７４．９４％').words).toEqual(expect.arrayContaining(['rtx3060', '74.94%']));
  });

  it('rewrites counting Chinese numerals but not names', () => {
    expect(normalizeChineseNumerals('前五大客户')).toBe('前5大客户');
    expect(normalizeChineseNumerals('第一大客户')).toBe('第1大客户');
    expect(normalizeChineseNumerals('三年累计')).toBe('3年累计');
    expect(normalizeChineseNumerals('新华三在')).toBe('新华三在');
    expect(normalizeChineseNumerals('统一')).toBe('统一');
  });

  it('keeps 一 after a determiner: 哪一年 asks which year, it does not count one', () => {
    expect(normalizeChineseNumerals('哪一年成立')).toBe('哪一年成立');
    expect(normalizeChineseNumerals('同一年')).toBe('同一年');
    expect(normalizeChineseNumerals('另一个')).toBe('另一个');
    expect(normalizeChineseNumerals('下一代芯片')).toBe('下一代芯片');
    expect(normalizeChineseNumerals('一年亏损')).toBe('1年亏损');
    expect(normalizeChineseNumerals('哪两年')).toBe('哪2年');
    expect(tokenize('摩尔线程是哪一年成立的?')).not.toContain('1');
  });

  it('cuts 第 before a number off the word before it: 排第一 is 排 | 第 | 1, as the text writes 位列第 3', () => {
    expect(analyzeText('排第一的又是谁?').words).toEqual(['排', '第', '1', '谁']);
    expect(analyzeText('退居第 3').words).toEqual(['退居', '第', '3']);
    expect(analyzeText('及第').words).toEqual(['及第']); // no number after it: a word of its own
  });

  it('keeps 一 after 前/后/近 when no measure word follows: it opens the next word (一共, 一直), it counts nothing', () => {
    expect(normalizeChineseNumerals('背后一共有几个股东')).toBe('背后一共有几个股东');
    expect(normalizeChineseNumerals('升级之后一切正常')).toBe('升级之后一切正常');
    expect(tokenize('摩尔线程背后一共有几个股东?')).not.toContain('1');
    // With a measure word it counts, and other numerals after 前/后/近 are counts as before.
    expect(normalizeChineseNumerals('最后一轮融资')).toBe('最后1轮融资');
    expect(normalizeChineseNumerals('前一年')).toBe('前1年');
    expect(normalizeChineseNumerals('前五大客户')).toBe('前5大客户');
    expect(normalizeChineseNumerals('近三年')).toBe('近3年');
  });

  it('is deterministic: a fresh tokenizer (its own jieba, no memo) agrees with the shared one, whatever came before', () => {
    const texts = [
      '沐曦股份 2022 年至 2025 年第一季度归母净利润累计亏损达 32.90 亿元。',
      '摩尔线程 1126 名员工中研发人员占比达 74.94%,接近英伟达 RTX3060。',
      '摩爾線程的員工有多少?',
      '寒武纪的董事长是谁?',
    ];
    const expected = texts.map((t) => tokenize(t));
    // Independent computations: a second instance with its own dictionary, fed the texts in reverse
    // order and one more time (its memo then answers; it must hold the same as computing afresh).
    const fresh = createTokenizer();
    const reversed = [...texts].reverse().map((t) => fresh.tokenize(t));
    expect(reversed.reverse()).toEqual(expected);
    expect(texts.map((t) => fresh.tokenize(t))).toEqual(expected);
    // The shared tokenizer's memo (the last few texts) must not change a result either: recomputed
    // after more texts than it holds, the first text gives the same tokens.
    for (let i = 0; i < 6; i++) tokenize(`第 ${i} 段文字`);
    expect(tokenize(texts[0])).toEqual(expected[0]);
    expect(expected[0]).toEqual(expect.arrayContaining(['沐曦', '32.90', '亿元', `${BIGRAM_PREFIX}沐曦`]));
  });

  it('gives a text with words appended to a recent text (a question and its translations) the tokens of analysing it whole', () => {
    const cases = [
      ['摩尔线程一共融了几轮?', '融资 轮次'],
      ['How many employees does Moore Threads have?', '员工 雇员'],
      ['沐曦股份的估值是多少', 'valuation 估值'],
      // Ends in a number or numeral: a unit after the space belongs to it, so the whole is analysed.
      ['研发投入在 2024', '年 亿元'],
      ['营收是二〇二四', '年 收入'],
      ['前五', '大 客户'],
    ];
    for (const [question, more] of cases) {
      const whole = createTokenizer().analyzeText(`${question} ${more}`);
      const shared = createTokenizer();
      shared.analyzeText(question);
      expect(shared.analyzeText(`${question} ${more}`)).toEqual(whole);
    }
  });

  it('remembers the words and phrasing tags of a short CJK run: read back, they are the ones jieba gives', () => {
    const fresh = createTokenizer();
    // Runs of one to four characters (remembered) and longer ones, between spaces, digits and punctuation.
    const texts = ['估值 营收 员工?', '2024年营收多少', '那估值呢?', '摩尔线程 股东人数一共有多少名'];
    const first = texts.map((t) => [fresh.analyzeText(t), [...fresh.phrasingWords(t)].sort()]);
    // Again after more texts than the recent-text memo holds: the runs now come from the run memo.
    for (let i = 0; i < 6; i++) fresh.analyzeText(`第 ${i} 段文字`);
    expect(texts.map((t) => [fresh.analyzeText(t), [...fresh.phrasingWords(t)].sort()])).toEqual(first);
    expect(first).toEqual(texts.map((t) => [analyzeText(t), [...phrasingWords(t)].sort()]));
  });

  it('tags words the same way in a fresh instance (names, dictionary words, phrasing words)', () => {
    const fresh = createTokenizer();
    for (const q of ['摩尔线程的董事长是谁?', '沐曦股份一共融了几轮?']) {
      expect([...fresh.phrasingWords(q)].sort()).toEqual([...phrasingWords(q)].sort());
    }
    for (const w of ['摩尔线程', '沐曦', '净利润', '业内资深人士']) {
      expect(fresh.containsName(w)).toBe(containsName(w));
      expect(fresh.isDictionaryWord(w)).toBe(isDictionaryWord(w));
    }
    expect(containsName('寒武纪')).toBe(true);
    expect(isDictionaryWord('净利润')).toBe(true);
  });
});

describe('short command-line options', () => {
  it('keep their dash where a word could start ("git commit -a" is not "git commit"); long options and hyphenated words do not', () => {
    expect(analyzeText('git commit -a meaning').words).toEqual(['git', 'commit', '-a', 'mean']);
    expect(analyzeText('ls -la; tar -xzf x.tgz; ssh -X').words).toEqual(['ls', '-la', 'tar', '-xzf', 'x', 'tgz', 'ssh', '-x']);
    expect(analyzeText('加了 -t 之后, 用-u参数').words).toEqual(expect.arrayContaining(['-t', '-u']));
    // The name of a long option, a long single-dash option and a hyphenated word stay words; a negative number a number.
    expect(analyzeText('rm --force; find -name; git-add; x-a; -1').words).toEqual(['rm', 'forc', 'find', 'name', 'git-add', 'x-a', '1']);
    expect(isShortOption('-a')).toBe(true);
    expect(isShortOption('a')).toBe(false);
    expect(isShortOption('-name')).toBe(false);
  });
});

describe('traditional characters', () => {
  it('match their simplified forms', async () => {
    expect(analyzeText('摩爾線程的員工').words).toEqual(analyzeText('摩尔线程的员工').words);
  });
});

describe('Chinese numeral years', () => {
  it('are read digit by digit', () => {
    expect(normalizeChineseNumerals('二〇二四年')).toBe('2024年');
    expect(normalizeChineseNumerals('二零二二年至今')).toBe('2022年至今');
  });
});

describe('degree words', () => {
  it("mark the adjective of a verb's complement of degree (跌得这么厉害) as how much, not what", () => {
    expect([...degreeAdjectives('为什么会跌得这么厉害?')]).toEqual(['厉害']);
    expect([...degreeAdjectives('亏钱亏得如此厉害')]).toEqual(['厉害']);
    // A predicate is what is asked: "为什么 Btrfs 这么慢?" asks about 慢.
    expect(degreeAdjectives('为什么 Btrfs 这么慢?').size).toBe(0);
    expect(degreeAdjectives('为什么亏损如此巨大?').size).toBe(0);
    // Not a word after 那么 that opens a follow-up ("那么摩尔线程呢?"), nor a verb after 这样.
    expect(degreeAdjectives('那么摩尔线程呢?').size).toBe(0);
    expect(degreeAdjectives('为什么要这样做?').size).toBe(0);
    expect(degreeAdjectives('摩尔线程的营收是多少?').size).toBe(0);
  });
});
