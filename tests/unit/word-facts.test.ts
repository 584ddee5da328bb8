import { describe, expect, it } from 'vitest';
import { computeWordFacts, computeWordMeaning, unknownFactor, UNKNOWN_GENERAL_WEIGHT, wordFacts, wordMeaning } from '../../server/core/word-facts.js';
import { contentTerms, analyzeQuestion, topicOf, type TermStats } from '../../server/core/query-analysis.js';
import { irregularBase } from '../../server/shared/text/english-irregular.js';
import { capitalisedWords, isEverydayEnglish } from '../../server/shared/text/english-everyday-words.js';
import { stemLatin } from '../../server/shared/text/tokenizer.js';

// A small corpus's statistics: document frequencies, a lexicon, its characters.
function stats(): TermStats {
  const df: Record<string, number> = { 摩尔线程: 3, 融资: 2, 估值: 1, 员工: 1, 股东: 2, 人数: 1, 亏损: 2, 轮: 1, 名: 2, gpu: 4, shareholder: 1 };
  const chunkCount = 10;
  const chars = new Set(Object.keys(df).join(''));
  const alternatives: Record<string, string[]> = { 赔: ['亏损'], 股东: ['shareholder'], 营收: ['收入'] };
  return {
    idf: (t) => Math.log(1 + (chunkCount - (df[t] ?? 0) + 0.5) / ((df[t] ?? 0) + 0.5)),
    documentFrequency: (t) => df[t] ?? 0,
    chunkCount,
    knowsChar: (c) => chars.has(c),
    alternatives: (w) => alternatives[w] ?? [],
    translates: (w) => w in alternatives,
  };
}

const QUESTIONS = ['摩尔线程一共融了几轮资?', '摩尔线程有多少名员工?', '摩尔线程股东人数是多少?', '沐曦赔了多少钱?', '壁仞的营收是多少?', 'How many GPU shareholders?', '摩尔线程的估值担任什么职务'];

describe('question words\' corpus facts, kept per word', () => {
  it('are the facts worked out afresh, and the same object when asked again', () => {
    const s = stats();
    for (const raw of ['几轮', '多少名', '亏了', '股东人数', '赔', '壁仞', '员工', 'gpu', '的', '担任']) {
      const kept = wordFacts(raw, s);
      expect(wordFacts(raw, s)).toBe(kept);
      const meaning = wordMeaning(kept, s);
      expect(wordMeaning(kept, s)).toBe(meaning);
      expect(meaning).toEqual(computeWordMeaning(kept, s));
      expect({ ...kept, meaning: undefined, unknownFactor: undefined }).toEqual(computeWordFacts(raw, s));
    }
    expect(wordFacts('几轮', s).word).toBe('轮');
    expect(wordMeaning(wordFacts('股东人数', s), s).partsIdf).toBeCloseTo((s.idf('股东') + s.idf('人数')) / 2);
    expect(wordMeaning(wordFacts('赔', s), s).viaSynonym).toBe(s.idf('亏损'));
  });

  it('look up a word\'s alternatives only when contentTerms keeps the word (a dropped question word costs no lexicon look-up)', () => {
    const asked: string[] = [];
    const s = stats();
    const counting = { ...s, alternatives: (w: string) => (asked.push(w), s.alternatives!(w)) };
    contentTerms('摩尔线程有多少名员工?', counting, 'question');
    expect(asked).toContain('员工');
    expect(asked).not.toContain('多少');
    expect(asked).not.toContain('有');
  });

  it('give every question the same terms with a fresh memo and a warm one (another statistics object has its own)', () => {
    const warm = stats();
    for (const q of QUESTIONS) contentTerms(q, warm, 'question');
    for (const q of QUESTIONS) {
      expect(contentTerms(q, warm, 'question')).toEqual(contentTerms(q, stats(), 'question'));
      expect(analyzeQuestion(q, warm)).toEqual(analyzeQuestion(q, stats()));
    }
    // Another corpus where 员工 is unknown: its own facts, not the ones kept for the first.
    const other = { ...stats(), documentFrequency: (t: string) => (t === '员工' ? 0 : stats().documentFrequency(t)) };
    expect(wordFacts('员工', other).known).toBe(false);
    expect(wordFacts('员工', warm).known).toBe(true);
  });

  it("an unknown word's factor: a glued non-word of known characters is phrasing, a name keeps its weight", () => {
    const s = stats();
    // 壁仞: characters the corpus never uses, a name.
    expect(unknownFactor(wordFacts('壁仞', s), s)).toBe(1);
    // 估融: not a dictionary word, characters the corpus uses (an HMM artefact).
    expect(unknownFactor(wordFacts('估融', s), s)).toBe(0.1);
    // 股员: a dictionary word the corpus lacks, no name: said another way.
    expect(unknownFactor(wordFacts('股员', s), s)).toBe(0.5);
  });
});

describe('the attribute a question asks about (focus)', () => {
  it('is what 多少 counts, across a verb\'s one-character particles', () => {
    expect(analyzeQuestion('摩尔线程的估值到了多少?', stats()).focus).toBe('估值');
    expect(analyzeQuestion('摩尔线程估值到多少了?', stats()).focus).toBe('估值');
  });
  it('is what 多少 counts across the asker\'s hedges', () => {
    expect(analyzeQuestion('摩尔线程的估值大概多少?', stats()).focus).toBe('估值');
    expect(analyzeQuestion('摩尔线程的估值现在是多少?', stats()).focus).toBe('估值');
  });
  it('is never a year or a count', () => {
    expect(analyzeQuestion('摩尔线程2024年亏了多少?', stats()).focus).toBeUndefined();
  });
  it('is only the word right before another question word (哪家 asks for what follows it)', () => {
    expect(analyzeQuestion('摩尔线程的估值是从哪家来的?', stats()).focus).toBeUndefined();
  });
});

describe('the attribute asked when the corpus never says it (absentAsked)', () => {
  it('is the word focusOf would take, when neither it nor an alternative is in the corpus', () => {
    expect(analyzeQuestion('摩尔线程的市盈率是多少?', stats()).absentAsked).toBe('市盈率');
    expect(analyzeQuestion('摩尔线程有多少名工程师?', stats()).absentAsked).toBe('工程师');
    // Known to the corpus, or through an alternative (营收 → 收入): the documents may answer it.
    expect(analyzeQuestion('摩尔线程的估值是多少?', stats()).absentAsked).toBeUndefined();
    expect(analyzeQuestion('摩尔线程的营收是多少?', stats()).absentAsked).toBeUndefined();
  });
  it('is no verb and its complement that jieba tags as two pieces of phrasing ("涨到了多少", "花了多少")', () => {
    expect(analyzeQuestion('摩尔线程的估值到2024年涨到了多少?', stats()).absentAsked).toBeUndefined();
    expect(analyzeQuestion('摩尔线程一共花了多少?', stats()).absentAsked).toBeUndefined();
  });
  it('is no count word, no compound whose parts the corpus says, and is found across the asker\'s hedges', () => {
    expect(analyzeQuestion('摩尔线程的员工人数是多少?', stats()).absentAsked).toBeUndefined();
    expect(analyzeQuestion('摩尔线程的融资轮数是多少?', stats()).absentAsked).toBeUndefined();
    expect(analyzeQuestion('摩尔线程的亏损额是多少?', stats()).absentAsked).toBeUndefined();
    expect(analyzeQuestion('摩尔线程的股东数目是多少?', stats()).absentAsked).toBeUndefined();
    // A word that merely starts with 数 is no count word.
    expect(analyzeQuestion('摩尔线程的数字证书是多少?', stats()).absentAsked).toBe('数字证书');
    expect(analyzeQuestion('摩尔线程的市盈率大概是多少?', stats()).absentAsked).toBe('市盈率');
    // A frame noun asks about what follows it.
    expect(analyzeQuestion('What is the purpose of the GPU?', stats()).absentAsked).toBeUndefined();
  });
  it('is the noun a which-word asks for (哪所大学) when a Chinese corpus never writes it, not even inside a word', () => {
    // (A corpus that writes 大, in 大会 say.)
    const chinese: TermStats = { ...stats(), knowsChar: (c) => c === '大' || stats().knowsChar!(c) };
    expect(analyzeQuestion('摩尔线程是哪所大学的?', chinese).absentAsked).toBe('大学');
    // Written inside a longer word (马里兰大学: its bigram), the answer may be one.
    const withBigram: TermStats = { ...chinese, documentFrequency: (t) => (t === '~大学' ? 1 : stats().documentFrequency(t)) };
    expect(analyzeQuestion('摩尔线程是哪所大学的?', withBigram).absentAsked).toBeUndefined();
    // A corpus that writes none of its characters (an English manual) names the thing without the word.
    const english: TermStats = { ...chinese, knowsChar: () => false };
    expect(analyzeQuestion('摩尔线程是哪所大学的?', english).absentAsked).toBeUndefined();
    // Not the noun after 什么: 什么观点 asks a view, which the text states without the word.
    expect(analyzeQuestion('摩尔线程的员工持什么观点?', chinese).absentAsked).toBeUndefined();
    // Read on the question's words, traditional characters as simplified; not a noun glued to a modal verb (键 | 能).
    expect(analyzeQuestion('摩尔线程是哪所大學的?', chinese).absentAsked).toBe('大学');
    const keys: TermStats = { ...chinese, knowsChar: (c) => c === '键' || chinese.knowsChar!(c) };
    expect(analyzeQuestion('摩尔线程按哪个键能跳过?', keys).absentAsked).toBeUndefined();
    // A dictionary word that ends in a modal's character (思想, 功能) is a noun, not a glued one.
    const ideas: TermStats = { ...chinese, knowsChar: (c) => c === '思' || chinese.knowsChar!(c) };
    expect(analyzeQuestion('摩尔线程提到了哪种思想?', ideas).absentAsked).toBe('思想');
  });
  it('is a noun of the phrase an English "what is the … of" asks for', () => {
    expect(analyzeQuestion('What is the retail price of the GPU?', stats()).absentAsked).toBe('pric');
    expect(analyzeQuestion('What is the shareholder count of the GPU?', stats()).absentAsked).toBe('count');
    expect(analyzeQuestion('Who is the shareholder of the GPU?', stats()).absentAsked).toBeUndefined();
  });
});

describe('a dollar sign with its country letters', () => {
  it('is how an amount is written, not a word of the question ("US$4 trillion": no "us" to find)', () => {
    const words = (q: string) => contentTerms(q, stats(), 'question').map((t) => t.term);
    expect(words('When did the GPU pass US$4 trillion?')).not.toContain('us');
    expect(words('What did HK$3 buy?')).not.toContain('hk');
    expect(words('Which GPU is made in the US?')).toContain('us');
    expect(words('Did the US market pass US$4 trillion?')).toContain('us');
    expect(words('Is A$5 enough?')).not.toContain('a');
  });
});

describe('an irregular English form', () => {
  const english = (df: Record<string, number>): TermStats => ({ idf: () => 1, documentFrequency: (t) => df[t] ?? 0, chunkCount: 10 });
  it('stands for its base form when the corpus uses that (undid → undo), as WordNet\'s exception lists say', () => {
    expect(irregularBase('undid')).toBe('undo');
    expect(irregularBase('lost')).toBe('lose');
    expect(irregularBase('install')).toBeUndefined();
    expect(computeWordFacts('undid', english({ undo: 3 })).word).toBe('undo');
  });
  it('stays itself when the corpus uses it, or does not use the base either', () => {
    expect(computeWordFacts('found', english({ found: 2, find: 1 })).word).toBe('found');
    expect(computeWordFacts('undid', english({})).word).toBe('undid');
    expect(computeWordFacts('rod', english({ ride: 2 })).word).toBe('rod'); // an unstemmed short word gets no e: not "rode"
  });
  it('stays a function word: "would" is no form of a corpus\'s "will" (the noun, the verb)', () => {
    const facts = computeWordFacts('would', english({ will: 4 }));
    expect(facts.word).toBe('would');
    expect(facts.notContent).toBe(true);
  });
});

describe('question grammar', () => {
  const corpus = (df: Record<string, number>): TermStats => ({ idf: () => 4, documentFrequency: (t) => df[t] ?? 0, chunkCount: 10 });
  it('a Chinese modal verb standing alone (要, 能, 该) frames the question as an English auxiliary does: no content', () => {
    for (const w of ['要', '能', '该', '会', '想']) expect(computeWordFacts(w, corpus({ [w]: 1 })).notContent, w).toBe(true);
    // Inside a word it is content: 需要 as a noun-like verb, 性能 (performance).
    for (const w of ['性能', '需要']) expect(computeWordFacts(w, corpus({ [w]: 1 })).notContent, w).toBe(false);
  });
  it('a modal glued to the one-character verb after it (想建, 要装, 该用) stands for the verb when neither corpus nor dictionary holds the pair', () => {
    for (const [glued, verb] of [['想建', '建'], ['要装', '装'], ['该用', '用'], ['能查', '查']]) expect(computeWordFacts(glued, corpus({ [verb]: 1 })).word, glued).toBe(verb);
    // A dictionary word or one the corpus uses stays whole; so does a pair joined on purpose (whole).
    for (const w of ['需要', '应用', '会计', '想法']) expect(computeWordFacts(w, corpus({})).word, w).toBe(w);
    expect(computeWordFacts('要装', corpus({ 要装: 1 })).word).toBe('要装');
    expect(computeWordFacts('想建', corpus({}), true).word).toBe('想建');
    // Nor a pair the lexicon translates (会话 "session", a word jieba's dictionary lacks).
    expect(computeWordFacts('会话', { ...corpus({ 话: 1 }), alternatives: (w) => (w === '会话' ? ['session'] : []) }).word).toBe('会话');
    // The question reads the verb: "想建一个用户账号" asks about creating one.
    expect(contentTerms('想建一个用户账号', corpus({ 建: 2, 用户: 3, 账号: 3 }), 'question').map((t) => t.term)).toContain('建');
  });
  it('哪些东西 asks for things as "which things" does: 东西 and 事情 name no attribute the answer repeats', () => {
    for (const w of ['东西', '事情']) expect(computeWordFacts(w, corpus({})).notContent, w).toBe(true);
  });
});

describe('an English word the corpus lacks', () => {
  const corpus: TermStats = { idf: (t) => (t === 'maximum' ? 2 : 5), documentFrequency: (t) => (t === 'maximum' ? 1 : 0), chunkCount: 10 };
  const weightOf = (question: string, word: string) => contentTerms(question, corpus, 'question').find((t) => t.term === word)?.weight;
  it('is everyday vocabulary in wink-lexicon\'s word list (largest, write), a name or a term is not', () => {
    expect(isEverydayEnglish('largest')).toBe(true);
    expect(isEverydayEnglish(stemLatin('writes'))).toBe(true);
    expect(isEverydayEnglish('bloom')).toBe(false);
    expect(isEverydayEnglish('subtotal')).toBe(false);
    expect(isEverydayEnglish('zhang')).toBe(false);
  });
  it('weighs as a general Chinese word the corpus lacks does when it is everyday English, fully when it is a name', () => {
    expect(weightOf('the largest bloom index', 'largest')).toBeCloseTo(5 * UNKNOWN_GENERAL_WEIGHT);
    expect(weightOf('the largest bloom index', 'bloom')).toBeCloseTo(5);
    expect(weightOf('the maximum', 'maximum')).toBeCloseTo(2);
  });
  it('keeps its full weight when the question writes it as a name (capitalised inside the sentence)', () => {
    expect(capitalisedWords('Apple pie? Who is the CEO of Apple. the Row input')).toEqual(new Set(['ceo', stemLatin('apple'), 'row']));
    expect(weightOf('Who is the CEO of Apple?', stemLatin('apple'))).toBeCloseTo(5);
    expect(weightOf('Apple pie recipes', stemLatin('apple'))).toBeCloseTo(5 * UNKNOWN_GENERAL_WEIGHT);
  });
});

describe('English grammar that frames a question', () => {
  const corpus: TermStats = { idf: () => 3, documentFrequency: (t) => (['will', 'may', 'having', 'report', 'call', 'happen', 'sale', 'seed', 'john'].includes(t) ? 2 : 0), chunkCount: 10 };
  const words = (question: string) => contentTerms(question, corpus, 'question').map((t) => t.term).filter((t) => !t.startsWith('~'));
  it('drops will and may where the question inverts them before a subject (the stopword list keeps both as nouns)', () => {
    expect(words('Will it report all cycles?')).not.toContain('will');
    expect(words('May I call it twice?')).not.toContain('may');
    expect(words('If I run it twice, what will the output file be called?')).not.toContain('will');
  });
  it('keeps the month and the noun: after a preposition or a determiner, or not where a question inverts', () => {
    expect(words('What were sales in May this year?')).toContain('may');
    expect(words('Is May the busiest month?')).toContain('may');
    expect(words('What does the will that John signed say?')).toContain('will');
    expect(words('Is the will I signed valid?')).toContain('will');
    expect(words('Which report covers May 2024?')).toContain('may');
  });
  it('drops "having" before a past participle (VBN in the lexicon, never a noun), keeps it as "possessing"', () => {
    expect(words('What happens if I report before having called prepare()?')).not.toContain('having');
    expect(words('Which firms are cited as having a big backer?')).toContain('having');
    expect(words('Which firms are cited as having seed money?')).toContain('having');
  });
  it('drops the verb of "what happens": a consequence is asked; not "happens-before", a term', () => {
    expect(words('What happens if I call done twice?')).not.toContain(stemLatin('happens'));
    expect(words('What happens if I call done twice?')).toContain('call');
    expect(words('What happens-before edges does a volatile write create?')).toContain(stemLatin('happens'));
  });
});

describe('the topic of an English question', () => {
  const corpus: TermStats = { idf: () => 3, documentFrequency: (t) => (['semver', 'zhang'].includes(t) ? 1 : 0), chunkCount: 10, translates: () => false };
  it('is a leading name, not a leading everyday word ("According to…", "Starting from which…")', () => {
    expect(topicOf('semver ranges: what does ^ mean?', corpus)).toBe('semver');
    expect(topicOf('According to Zhang, what is good?', corpus)).toBeUndefined();
    expect(topicOf('Starting from which release is it allowed?', corpus)).toBeUndefined();
  });
  it('is the Chinese name an English question writes (the asker or the glossary), as a Chinese question\'s leading one', () => {
    const chinese: TermStats = { ...corpus, documentFrequency: (t) => (['~沐曦', '~曦股', '~股份'].includes(t) ? 1 : 0) };
    expect(topicOf('How many employees does 沐曦股份 have?', chinese)).toBe('沐曦股份');
    expect(topicOf('How many employees does MetaX have?', chinese)).toBeUndefined();
    // A Chinese question that opens with an English word keeps to its own rules: no topic taken from inside it.
    expect(topicOf('staff 前缀对应什么文件类型', chinese)).toBeUndefined();
  });
});
