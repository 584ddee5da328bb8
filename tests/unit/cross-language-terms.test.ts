import { describe, expect, it } from 'vitest';
import { analyzeQuestion, contentTerms, expandShortYears, resolveQuestion, singularAcronyms, type TermStats } from '../../server/core/query-analysis.js';
import { translatedQuery } from '../../server/core/translated-query.js';

/** A Chinese corpus of 100 chunks whose lexicon translates a few English words and one phrase. */
const df: Record<string, number> = { 净利润: 2, 股东: 5, 使用: 40, 需要: 30, 用户: 20, 明星: 3 };
const lexicon: Record<string, string[]> = { 'net profit': ['净利润'], shareholder: ['股东'], use: ['使用'], 用: ['use', 'need'], star: ['明星'] };
const idf = (n: number) => Math.log(1 + (100 - n + 0.5) / (n + 0.5));
const stats: TermStats = {
  chunkCount: 100,
  documentFrequency: (t) => df[t] ?? 0,
  idf: (t) => idf(df[t] ?? 0),
  alternatives: (w) => lexicon[w] ?? [],
  translates: (w) => Object.hasOwn(lexicon, w),
};

describe('an everyday English word written in capitals', () => {
  it('is an acronym or a name, matched as written: the STAR Market is no 明星 (celebrity)', () => {
    const star = (q: string) => contentTerms(q, stats, 'question').find((t) => t.term === 'star');
    expect(star('Is it listed on the STAR Market?')?.alternatives).toBeUndefined();
    expect(star('Is it listed on the STAR Market?')!.weight).toBeCloseTo(idf(0));
    expect(star('Which star founded it?')?.alternatives).toEqual(['明星']);
    // First in its sentence too, at its full weight (an everyday word the corpus lacks is otherwise weighed down).
    expect(star('STAR Market: is it listed?')!.weight).toBeCloseTo(idf(0));
    // A question all in capitals shouts: its words are words.
    expect(star('WHICH STAR FOUNDED IT?')?.alternatives).toEqual(['明星']);
  });
});

describe('a count of years', () => {
  it('is one term, weighing what its number weighs; a year stays a year', () => {
    const terms = analyzeQuestion('摩尔线程这三年亏了多少?', stats).terms.map((t) => t.term);
    expect(terms).toContain('3年');
    expect(terms).not.toContain('3');
    expect(analyzeQuestion('2024年亏了多少?', stats).terms.map((t) => t.term)).toContain('2024');
    // Its number is its alternative: what retrieval searches, what a translation keeps.
    expect(analyzeQuestion('这三年亏了多少?', stats).terms.find((t) => t.term === '3年')?.alternatives).toEqual(['3']);
  });

  it('is not the end of a range of short years, a decade or a school year', () => {
    const terms = (q: string) => analyzeQuestion(q, stats).terms.map((t) => t.term);
    expect(terms('从22年到24年营收多少?')).not.toContain('24年');
    expect(terms('摩尔线程2022到2024年这三年亏了多少?')).toContain('3年');
    expect(terms('90年代的显卡')).not.toContain('90年');
    expect(terms('3年级的学生')).not.toContain('3年');
  });
});

describe('short years', () => {
  const written = new Set(['2022', '2023', '2024']);
  const isYear = (y: string) => written.has(y);

  it('are years before 年, and not after a word that makes them a span', () => {
    expect(expandShortYears('摩尔线程24年亏了多少?')).toBe('摩尔线程2024年亏了多少?');
    expect(expandShortYears('近20年的发展')).toBe('近20年的发展');
    expect(expandShortYears('90年代的显卡')).toBe('90年代的显卡');
  });

  it('listed or ranged before one 年 are all years when the corpus writes each in full', () => {
    expect(expandShortYears('摩尔线程22、23、24这三年亏了多少?', isYear)).toBe('摩尔线程2022、2023、2024这三年亏了多少?');
    expect(expandShortYears('22到24年研发花了多少', isYear)).toBe('2022到2024年研发花了多少');
    expect(expandShortYears('22和23年的营收', isYear)).toBe('2022和2023年的营收');
    // A span of years the corpus does not write as years stays a span; so does a run without the corpus's word on it.
    expect(expandShortYears('保修10到20年', isYear)).toBe('保修10到20年');
    expect(expandShortYears('22到24年研发花了多少')).toBe('22到24年研发花了多少');
    // Not a run of numbers that ends elsewhere ("第22、23条").
    expect(expandShortYears('第22、23条规定', isYear)).toBe('第22、23条规定');
    // Full-width digits and punctuation, traditional characters.
    expect(expandShortYears('２２～２４年研发花了多少', isYear)).toBe('2022~2024年研发花了多少');
    expect(expandShortYears('22、23、24這三年营收多少', isYear)).toBe('2022、2023、2024這三年营收多少');
  });

  it('in a run stay spans where the words around them say duration, even when the corpus writes those years', () => {
    const everyYear = (y: string) => /^20[12]\d$/.test(y);
    for (const q of ['显卡保修10到20年吗', '需要10到20年的时间', '大约10到20年左右', '持续10至15年', '近10、15、20年', '第22、23年营收', '10到15年以内']) {
      expect(expandShortYears(q, everyYear), q).not.toMatch(/20(?:10|15|20|22|23)/);
    }
    expect(expandShortYears('22到24年研发花了多少', everyYear)).toBe('2022到2024年研发花了多少');
  });
});

describe('code names a question asks', () => {
  it('carries the index tokens of its options and sigil names, for retrieval; a short option is a term too, a lone letter not', () => {
    const q = analyzeQuestion('touch 的 -m 参数和 %M 是什么？', stats);
    expect(q.codeTokens).toEqual(['-m', 'm']);
    // The option, kept with its dash, is matched as a term (standing alone: term-matcher.ts); the sigil's letter is not.
    expect(q.terms.map((t) => t.term)).toContain('-m');
    expect(q.terms.map((t) => t.term)).not.toContain('m');
    // A name the analysis keeps as a word ("sort" of --sort, "lang" of $LANG) is searched as that word, not twice.
    const named = analyzeQuestion('What does --sort=inode do with $LANG set?', stats);
    expect(named.terms.map((t) => t.term)).toEqual(expect.arrayContaining(['sort', 'lang']));
    expect(named.codeTokens).toBeUndefined();
    expect(analyzeQuestion('What does touch -m do?', stats).codeTokens).toEqual(['-m']);
    expect(analyzeQuestion('What does gzip -N keep?', stats).codeTokens).toEqual(['-n']);
    // No option, no code tokens; a hyphenated word or a negative number is no option.
    expect(analyzeQuestion('Who is the second-largest shareholder at -5 degrees?', stats).codeTokens).toBeUndefined();
  });

  it('in a follow-up read with the previous question, only the options it asks itself', () => {
    const history = [
      { role: 'user' as const, content: 'What does touch -m do?' },
      { role: 'assistant' as const, content: 'It changes only the modification time.' },
    ];
    expect(resolveQuestion('what is -i?', history, stats).codeTokens).toEqual(['-i']);
  });
});

describe('cross-language question terms', () => {
  it('looks adjacent English words up as one dictionary phrase, and matches them only as the phrase', () => {
    const terms = contentTerms('What was the net profit in 2024?', stats, 'question');
    const phrase = terms.find((t) => t.term === 'net profit');
    expect(phrase?.alternatives).toEqual(['净利润']);
    expect(phrase?.weight).toBeCloseTo(idf(2));
    expect(terms.map((t) => t.term)).not.toContain('net');
    expect(terms.map((t) => t.term)).not.toContain('profit');
  });

  it('reads a dotted Latin abbreviation ("e.g.", "i.e.") as phrasing, not as the letters e and g', () => {
    const t = contentTerms('How can I print the entry for one user, e.g. alice, a.k.a. her passwd line?', stats, 'question').map((x) => x.term);
    for (const letter of ['e', 'g', 'a', 'k']) expect(t).not.toContain(letter);
    expect(t).toEqual(expect.arrayContaining(['alic', 'passwd']));
    expect(contentTerms('E.g. which file holds it?', stats, 'question').map((x) => x.term)).not.toContain('g');
    // A capitalised abbreviation is a name: "U.S." keeps its letters.
    expect(contentTerms('Which U.S. rules apply?', stats, 'question').map((x) => x.term)).toContain('u');
  });

  it('matches an unknown hyphenated word by its parts, a known or translatable one whole', () => {
    const split = contentTerms("Who is the company's second-largest shareholder?", stats, 'question').map((t) => t.term);
    expect(split).toEqual(expect.arrayContaining(['second', 'largest', 'shareholder']));
    expect(split).not.toContain('second-largest');
    const stats2: TermStats = { ...stats, documentFrequency: (t) => (t === 'per-thread' ? 1 : (df[t] ?? 0)) };
    expect(contentTerms('Is it a per-thread attribute?', stats2, 'question').map((t) => t.term)).toContain('per-thread');
  });

  it('weighs a word by its translations taken as one group: summed document frequencies, not the rarest', () => {
    const stats2: TermStats = { ...stats, documentFrequency: (t) => ({ use: 40, need: 30 })[t] ?? 0, idf: (t) => idf(({ use: 40, need: 30 } as Record<string, number>)[t] ?? 0) };
    const [term] = contentTerms('用', stats2, 'question');
    // A one-character word also keeps its discount (0.4).
    expect(term.weight).toBeCloseTo(idf(70) * 0.4);
  });

  it('reads an acronym\'s plural as the acronym (GPUs → GPU), and leaves other words alone', () => {
    expect(singularAcronyms('Why do firms use imported GPUs and APIs?')).toBe('Why do firms use imported GPU and API?');
    expect(singularAcronyms('Does it have bugs? Is it Xs or SOS?')).toBe('Does it have bugs? Is it Xs or SOS?');
    const stats2: TermStats = { ...stats, documentFrequency: (t) => (t === 'gpu' ? 10 : (df[t] ?? 0)) };
    expect(analyzeQuestion('Who makes GPUs?', stats2).terms.map((t) => t.term)).toContain('gpu');
  });

  it('leaves out of a translated question the words nothing translates, keeping names and what the corpus writes as is', () => {
    const stats2: TermStats = { ...stats, documentFrequency: (t) => (t === 'gpu' ? 10 : (df[t] ?? 0)) };
    const question = 'Does the GPU shareholder of Apple report a net profit?';
    const query = translatedQuery(question, analyzeQuestion(question, stats2), stats2, 'Chinese');
    expect(query.translated).toBe(true);
    const terms = query.terms.map((t) => t.term);
    expect(terms).toEqual(expect.arrayContaining(['gpu', 'shareholder', 'net profit', 'appl']));
    expect(terms).not.toContain('report');
    // A question in the corpus's language is not touched.
    const same = analyzeQuestion('股东是谁?', stats2);
    expect(translatedQuery('股东是谁?', same, stats2, 'Chinese')).toBe(same);
  });

  it('keeps the attribute a "what is the X of" question asks for, though nothing translates it: its absence is evidence', () => {
    const q = 'What is the retail price of the shareholder report?';
    const terms = translatedQuery(q, analyzeQuestion(q, stats), stats, 'Chinese').terms.map((t) => t.term);
    expect(terms).toContain('pric'); // the asked noun
    expect(terms).not.toContain('retail'); // an adjective first: phrasing
    expect(terms).not.toContain('report'); // not in the asked phrase
    // "which X" and "what X did…" name the kind of the answer, which the text need not say; a value kind is no attribute.
    for (const other of ['Which library does the shareholder use?', 'What library did the shareholder use?']) {
      expect(translatedQuery(other, analyzeQuestion(other, stats), stats, 'Chinese').terms.map((t) => t.term)).not.toContain('library');
    }
    const reasons = 'What were the reasons of the shareholder?';
    expect(translatedQuery(reasons, analyzeQuestion(reasons, stats), stats, 'Chinese').terms.map((t) => t.term)).not.toContain('reason');
    // A curly apostrophe and a lower-case possessive are read as well.
    // "the price of the shareholder's card" asks a price, not a card.
    const of = "What is the price of the shareholder's card?";
    const ofTerms = translatedQuery(of, analyzeQuestion(of, stats), stats, 'Chinese').terms.map((t) => t.term);
    expect(ofTerms).toContain('pric');
    expect(ofTerms).not.toContain('card');
    const curly = 'What’s the shareholder’s ticker?';
    expect(translatedQuery(curly, analyzeQuestion(curly, stats), stats, 'Chinese').terms.map((t) => t.term)).toContain('ticker');
  });

  it('keeps a lower-case command name with one slip: its corpus spelling is what the question is about', () => {
    // An English question over a Chinese manual writes commands in lower case: "lsmdo" is lsmod mistyped.
    const stats2: TermStats = {
      ...stats,
      documentFrequency: (t) => (t === 'lsmod' ? 3 : (df[t] ?? 0)),
      alternatives: (w) => (w === 'lsmdo' ? ['lsmod'] : (lexicon[w] ?? [])),
    };
    const q = 'What does lsmdo print for a shareholder?';
    const terms = translatedQuery(q, analyzeQuestion(q, stats2), stats2, 'Chinese').terms;
    expect(terms.find((t) => t.term === 'lsmdo')?.alternatives).toContain('lsmod');
  });
});
