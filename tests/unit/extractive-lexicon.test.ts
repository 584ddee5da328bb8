import { ELLIPSIS_EN } from '../../server/core/question-words.js';
import { ASKS_WHEN } from '../../server/core/answer-type.js';
import { describe, expect, it } from 'vitest';
import { createGlossary } from '../../server/core/glossary.js';
import { buildLexiconFile, measuresAfterNumbers } from '../../ingest/lexicon/build-lexicon.js';
import { ampersandAbbreviation, classifierNouns, glossAcronyms, glossHeads, nameParts, phraseKey, readCedictText } from '../../ingest/lexicon/cedict.js';
import { matcherOf } from '../../server/generators/extractive/term-matcher.js';
import { charMaskOf } from '../../server/generators/extractive/char-mask.js';
import { compact } from '../../server/generators/extractive/sentence-evidence.js';
import { valueInEnglish } from '../../server/generators/extractive/language/english-values.js';
import { createLexicon } from '../../server/generators/extractive/lexicon/lexicon.js';
import { createNearNames } from '../../server/generators/extractive/lexicon/near-names.js';
import { withinOneEdit } from '../../server/shared/text/edit-distance.js';
import { kindOf } from '../../server/generators/extractive/kinds/index.js';
import { fitLogistic, predict } from '../../server/eval/logistic-fit.js';
import { stemLatin } from '../../server/shared/text/tokenizer.js';
import { derivationalBases } from '../../server/shared/text/english-derivation.js';

/** The real CC-CEDICT data file (~9 MB), read once for the file as ingest reads it once per build: each build below still parses it. */
const CEDICT = readCedictText();
/** What ingest writes and the server reads, over the real CC-CEDICT. */
const lexiconOver = (words: string[]) => createLexicon(buildLexiconFile(words, CEDICT), words, words);

describe('lexicon (CC-CEDICT, restricted to the corpus vocabulary)', () => {
  const lexicon = lexiconOver(['企业', '雇员', '安装', 'install', 'employe', '坚定', '员工']);

  it('gives synonyms that share a sense, not a stray gloss', () => {
    expect(lexicon.alternatives('公司')).toContain('企业');
    expect(lexicon.alternatives('公司')).not.toContain('坚定'); // "firm" in another sense
  });

  it('translates English to Chinese and back, only into words the corpus uses', () => {
    expect(lexicon.alternatives(stemLatin('installed'))).toContain('安装');
    expect(lexicon.alternatives('安装')).toContain('install');
    expect(lexicon.alternatives('employe')).toEqual(expect.arrayContaining(['雇员']));
  });

  it('finds an English month, quarter or half-year as Chinese text writes it, in a sentence that says it', () => {
    expect(lexicon.alternatives('juli')).toEqual([]); // only the names themselves
    const has = (word: string, sentence: string) => matcherOf(word, lexicon.alternatives(word))(compact(sentence)) === 1;
    expect(has('july', '当英伟达市值在 2025 年 7 月 9 日盘中首次突破 4 万亿美元')).toBe(true);
    expect(has('july', '2025 年 3 月')).toBe(false);
    expect(has('q1', '沐曦股份预付账款从 2022 年末飙升至 2025 年第一季度末的 11.07 亿元')).toBe(true);
    expect(has('q2', '2025 年第一季度')).toBe(false);
    expect(has('h2', '2024 年下半年')).toBe(true);
    expect(lexicon.alternatives('mar')).toEqual([]); // "mar", "may": English verbs first
  });

  it('translates through a gloss written as an irregular form spelled like its base, prepaid → prepay, not left → leave', () => {
    const l = lexiconOver(['预付', '账款', '左']);
    expect(l.alternatives(stemLatin('prepayments'))).toContain('预付');
    // 左 is glossed "left": a question about leaving is not about the left.
    expect(l.alternatives(stemLatin('leave'))).not.toContain('左');
    // A form with a sense of its own in WordNet is that word ("flatter" is to flatter, 奉承), and a base is a translation
    // only: two words that share an irregular gloss ("given": 一定, 给定) are not synonyms by its base.
    const f = lexiconOver(['奉承', '一定', '给定', 'flat']);
    expect(f.alternatives('flat')).not.toContain('奉承');
    expect(f.alternatives('一定')).not.toContain('给定');
  });

  it('gives those written forms only over a corpus with Chinese text: over English text they are translations nothing says', () => {
    const english = lexiconOver(['encoding', 'locale', 'netrc']);
    expect(english.alternatives(stemLatin('first'))).toEqual([]);
    expect(english.alternatives('july')).toEqual([]);
    expect(lexicon.alternatives(stemLatin('first'))).toContain('第1');
  });

  it('translates an English word with one slip in it as the dictionary word one edit away, not an everyday word', () => {
    const l = lexiconOver(['线程', '员工', '摩尔']);
    expect(l.alternatives('thred')).toContain('线程'); // "Moore Threds"
    expect(l.alternatives('thead')).toContain('线程');
    expect(l.alternatives('employe')).toContain('员工');
    expect(l.alternatives('threat')).not.toContain('线程'); // everyday English one edit from "thread": another word, not a slip
    expect(l.alternatives('thr')).toEqual([]); // too short to tell a slip from another word
  });

  it('takes a word one slip from a corpus word as that word only when it is no everyday English word', () => {
    const l = lexiconOver(['dash', 'book', 'lsmod']);
    expect(l.alternatives('lsmdo')).toContain('lsmod');
    expect(l.alternatives('wash')).toEqual([]); // "washed out" is not "dash"
    expect(l.alternatives('look')).toEqual([]); // nor "look" "book"
  });

  it('finds an English number word as Chinese text writes the count or rank, not inside any number', () => {
    const has = (word: string, sentence: string) => matcherOf(word, lexicon.alternatives(stemLatin(word)))(compact(sentence)) === 1;
    expect(has('five', '2024 年前 5 大客户销售收入占比 98.16%')).toBe(true);
    expect(has('five', '2025 年营收 5.5 亿元')).toBe(false); // a 5 that counts nothing
    expect(has('three', '累计经历 3 轮融资')).toBe(true);
    expect(has('second', '葛卫东以第二大股东身份位列其中'.replace('二', '2'))).toBe(true); // numerals are digits by then
    expect(has('second', '第 3 大客户')).toBe(false);
    // A cardinal is its digit as a whole number ("the three years" of "3 年累计亏损"), never inside one (2023, 23.6).
    expect(has('three', '3 年累计亏损约 50 亿元')).toBe(true);
    expect(has('three', '2023 年营收 23.6 亿元')).toBe(false);
    expect(has('three', '员工 3,000 名')).toBe(false); // nor inside 3,000
    // Not "one": "which one" is a pronoun, and a 1 is in most sentences.
    expect(has('one', '2021 年 1 月成立')).toBe(false);
  });

  it('reads every CC-CEDICT entry of a word: one per reading and per traditional form it simplifies', () => {
    // 行 xíng "to walk" and háng "row, line"; 发 from 發 "to send, to issue" and 髮 "hair" (the last entry alone was kept before).
    const l = lexiconOver(['行', '发', 'line', 'walk', 'issu', 'hair']);
    expect(l.alternatives('行')).toEqual(expect.arrayContaining(['line', 'walk']));
    expect(l.alternatives('发')).toEqual(expect.arrayContaining(['issu', 'hair']));
  });

  it('translates through the head of an "X of Y" gloss, after the one-word glosses, and never as a synonym', () => {
    expect(glossHeads(['quarter', 'of', 'year'])).toEqual(['quarter']);
    expect(glossHeads(['manufacturing', 'process'])).toEqual([]);
    expect(glossHeads(['set', 'up'])).toEqual(['set']);
    const l = lexiconOver(['季度', '季节', 'quarter', 'season']);
    expect(l.alternatives('quarter')).toContain('季度'); // 季度: "quarter of a year"
    expect(l.alternatives('季度')).toEqual(expect.arrayContaining(['season', 'quarter']));
    expect(l.alternatives('季度').indexOf('season')).toBeLessThan(l.alternatives('季度').indexOf('quarter'));
  });

  it('keys a gloss of two or three words as the tokenizer reads the phrase', () => {
    expect(phraseKey(['the', 'next', 'generation'])).toBe(`next ${stemLatin('generation')}`);
    expect(phraseKey(['first', 'quarter'])).toBe('first quarter');
    expect(phraseKey(['how', 'many'])).toBeUndefined();
    expect(phraseKey(['research', 'and', 'development', 'center', 'in', 'pasadena'])).toBeUndefined();
    expect(lexiconOver(['净利润', '利润']).alternatives('net profit')).toContain('净利润');
  });

  it('drops translations that are English function words', () => {
    const l = lexiconOver(['if', 'time', 'hour']);
    expect(l.alternatives('时')).toContain('time');
    expect(l.alternatives('的话')).not.toContain('if'); // 的话 is glossed "if (coming after a conditional clause)"
  });

  it('translates a gloss into the words the corpus derives from it, and a derived question word through its base', () => {
    expect(derivationalBases('connection')).toEqual(['connect']);
    expect(derivationalBases('port')).toEqual([]); // too short to be a derived word
    // The corpus says only "connection"; CC-CEDICT glosses 连接 "to connect".
    expect(lexiconOver(['connection']).alternatives('连接')).toContain('connection');
    // The question says "connection"; the corpus says 连接.
    const zh = lexiconOver(['连接']);
    expect(zh.alternatives('connection')).toContain('连接');
    expect(zh.translates('connection')).toBe(true);
  });

  it('translates a Chinese noun glossed only by a phrase into that phrase, matched as its words written together', () => {
    const l = lexiconOver(['floppy', 'disk', 'currently', 'available']);
    expect(l.alternatives('软盘')).toEqual(['floppy disk']); // "floppy disk"
    expect(l.translates('软盘')).toBe(true);
    expect(l.alternatives('现有')).toEqual([]); // a verb's descriptive gloss ("currently available") is no name for it
    expect(matcherOf('软盘', l.alternatives('软盘'))(compact('Use a floppy disk.'))).toBe(1);
  });

  it('matches a phrase of stems with the endings the stemmer cut put back ("sourc code" in "Source code:")', () => {
    const l = lexiconOver([stemLatin('source'), 'code']);
    const phrase = l.alternatives('源代码');
    expect(phrase).toEqual([`${stemLatin('source')} code`]);
    // (With its mask, as the evidence reads a sentence: the stems written together have a pair the sentence lacks, "cc".)
    const sentence = compact('Source code: Lib/netrc.py');
    expect(matcherOf('源代码', phrase)(sentence, charMaskOf(sentence))).toBe(1);
    expect(matcherOf('源代码', phrase)(compact('The sources of the code are here.'))).toBe(0);
    // A plural's "ies" took the "y" with it: the stem "librar" is "library" in the sentence.
    expect(matcherOf('库文件', ['librar file'])(compact('The library file is here.'))).toBe(1);
  });

  it('takes an acronym a gloss defines in-line as a translation, not a bracketed note', () => {
    expect(glossAcronyms('graphical user interface (GUI)')).toEqual(['gui']);
    expect(glossAcronyms('(computing) central processing unit (CPU)')).toEqual(['cpu']);
    expect(glossAcronyms('lily (TCM)')).toEqual([]);
    const l = lexiconOver(['gui']);
    expect(l.alternatives('图形界面')).toContain('gui');
    expect(lexiconOver(['图形界面']).alternatives('gui')).toContain('图形界面');
  });

  it("translates a measure word into the nouns its classifier gloss gives after the colon, and no further", () => {
    expect(classifierNouns('classifier for big round objects: disk, or recurring events: round, turn')).toEqual(['round', 'turn']);
    expect(classifierNouns('classifier for small objects: coins, badges etc (more formal than 個|个[ge4])')).toEqual(['coins', 'badges']);
    expect(classifierNouns('classifier for people')).toEqual([]); // names only what is counted
    expect(classifierNouns('to take turns: round')).toEqual([]); // not a classifier's gloss
    // A Chinese question's measure word finds the English noun ("一次" … "once a time").
    expect(lexiconOver(['轮', 'round']).alternatives('轮')).toContain('round');
    expect(lexiconOver(['次', 'time']).alternatives('次')).toContain('time');
  });

  it('translates a counted English noun into the measure word the corpus counts it with, and only that one', () => {
    const words = ['轮', '融资', '局'];
    const counting = measuresAfterNumbers(['累计经历 8 轮融资', '局长']);
    expect([...counting]).toEqual(['轮']);
    const lexicon = createLexicon(buildLexiconFile(words, CEDICT, counting), words, words);
    expect(lexicon.alternatives('round')).toEqual(['轮']); // not 局 ("round" of a match): the corpus never counts with it
    // Otherwise a one-character word is never a translation (build-lexicon.ts: too many senses).
    expect(lexiconOver(words).alternatives('round')).toEqual([]);
    expect(measuresAfterNumbers(['第1章', '3.5 倍', 'abc'])).toEqual(new Set(['章', '倍']));
    expect(measuresAfterNumbers(['經歷三輪融資', '８次'])).toEqual(new Set(['轮', '次'])); // read as the vocabulary is
    // Found only after a number: "8 轮融资", not 轮 of 轮流 (nor 次 of 其次 for "time").
    const has = (sentence: string) => matcherOf('round', lexicon.alternatives('round'))(compact(sentence)) === 1;
    expect(has('累计经历 8 轮融资')).toBe(true);
    expect(has('轮流值班')).toBe(false);
  });

  it("translates a country's adjective as the country when no corpus word is glossed by the adjective itself", () => {
    // 中 "China; Chinese", 德 "Germany; German": capitalised glosses one entry lists together.
    const l = lexiconOver(['中国', '德国']);
    expect(l.alternatives(stemLatin('chinese'))).toContain('中国');
    expect(l.alternatives(stemLatin('german'))).toContain('德国');
    // A corpus word glossed by the adjective itself is its translation, and the only one.
    expect(lexiconOver(['德语', '德国']).alternatives(stemLatin('german'))).toEqual(['德语']); // 德语 "German (language)"
    // Names an entry lists because they sound alike are not related: 凯尼恩 "Kenyon; Canyon".
    expect(lexiconOver(['峡谷']).alternatives('kenyon')).toEqual([]);
  });

  it('finds the dictionary form of an English -ies plural the stemmer cut short, but never for a stem the dictionary knows', () => {
    expect(stemLatin('companies')).toBe('compan');
    expect(lexiconOver(['公司']).alternatives(stemLatin('companies'))).toContain('公司');
    expect(lexiconOver(['部分', '聚会']).alternatives(stemLatin('parties'))).toEqual(['部分']); // "part", not "party"
    expect(lexiconOver(['聚会']).alternatives('part')).toEqual([]); // "part" is a dictionary word: no alias of "party"
    expect(lexiconOver(['有风']).alternatives('wind')).toEqual([]); // nor "wind" of "windy"
  });

  it('translates an ampersand abbreviation through the "X and Y" gloss it shortens (R&D → research and development → 研发)', () => {
    expect(ampersandAbbreviation(['research', 'and', 'development'])).toBe('r&d');
    expect(ampersandAbbreviation(['salt', 'pepper'])).toBeUndefined();
    expect(ampersandAbbreviation(['up', 'and', 'down'])).toBeUndefined(); // words too short to abbreviate
    expect(lexiconOver(['研发', '投入']).alternatives('r&d')).toContain('研发');
  });

  it('translates a two-word gloss into the one word an English corpus writes for it (时区 "time zone" → timezone)', () => {
    expect(lexiconOver(['timezon', 'debian']).alternatives('时区')).toContain('timezon');
    // An everyday word that only looks like the two is no such compound: 列队 "in formation", 开斋 "to break a fast".
    expect(lexiconOver(['inform', 'debian']).alternatives('列队')).not.toContain('inform');
    expect(lexiconOver(['breakfast', 'debian']).alternatives('开斋')).not.toContain('breakfast');
  });

  it("translates a proper noun by the name its gloss gives before the description (NVIDIA, computer graphics card company)", () => {
    expect(nameParts('NVIDIA, computer graphics card company')).toEqual(['NVIDIA']);
    expect(nameParts('Moore or Moor (name)')).toEqual(['Moore', 'Moor']);
    expect(nameParts('Beijing')).toEqual([]); // already a one-word gloss
    const l = lexiconOver(['英伟达', '摩尔', '线程']);
    expect(l.alternatives('nvidia')).toContain('英伟达');
    expect(l.alternatives(stemLatin('moore'))).toContain('摩尔');
    expect(lexiconOver(['nvidia', 'graphic']).alternatives('英伟达')).toContain('nvidia'); // and back, a Chinese question over English text
  });

  it('offers a corpus word one slip away for an unknown name', () => {
    const l = lexiconOver(['lsmod', 'modprobe']);
    expect(l.alternatives('lsmdo')).toEqual(['lsmod']);
  });
});

describe('near names', () => {
  it('edit distance one, with swaps', () => {
    expect(withinOneEdit('lsmdo', 'lsmod')).toBe(true);
    expect(withinOneEdit('chagne', 'chage')).toBe(true);
    expect(withinOneEdit('cahnge', 'chage')).toBe(false); // two edits
    expect(withinOneEdit('chage', 'chag')).toBe(true);
  });

  it('a slip in an inflected form is near the stem the corpus indexes ("Sortng" → sort)', () => {
    const n = createNearNames(['sort', 'maxsatisfi', 'lsmod', 'sorted'], buildLexiconFile([], CEDICT).readings);
    expect(n.near('sortng')).toEqual(['sort']); // sort + ing, one letter left out
    expect(n.near('lsmdo')).toEqual(['lsmod']);
    expect(n.near('sortinxy')).toEqual([]); // two edits from sort + ing
  });

  it('homophones and romanised names through pinyin', () => {
    const n = createNearNames(['张建中', '摩尔线程'], buildLexiconFile([], CEDICT).readings);
    expect(n.near('张健中')).toEqual(['张建中']);
    expect(n.romanisedToChinese('Who is Zhang Jianzhong?')).toBe('Who is 张建中?');
    // A capitalised first word before the name is not part of it.
    expect(n.romanisedToChinese("In Zhang Jianzhong's view")).toBe("In 张建中's view");
    expect(n.romanisedToChinese('Does Zhang Jianzhong Agree')).toBe('Does 张建中 Agree');
  });

  it('reads no homophone into a dictionary word: a word written right is no slip of a name', () => {
    const words = ['张建中', '及其'];
    const lexicon = createLexicon(buildLexiconFile(words, CEDICT), words, words);
    expect(lexicon.alternatives('张健中')).toEqual(['张建中']); // a name, one homophone away
    expect(lexicon.alternatives('机器')).toEqual([]); // machine, not 及其 (and its), which reads jiqi too
  });

  it('a romanised name the word cut split is read off the corpus character pairs', () => {
    // The cut made 张建 + 中 of 张建中; the index keeps the pairs 人张, 张建, 建中, 中曾 of "创始人张建中曾任".
    const n = createNearNames(['张建', '中', '创始人'], buildLexiconFile([], CEDICT).readings, () => ['人张', '张建', '建中', '中曾']);
    expect(n.romanisedToChinese('What did Zhang Jianzhong do?')).toBe('What did 张建中 do?');
    expect(n.romanisedToChinese('What did Zhang Jianguo do?')).toBe('What did Zhang Jianguo do?'); // no pair 建国
    // Two chains reading the same: no guess.
    const two = createNearNames([], buildLexiconFile([], CEDICT).readings, () => ['张建', '建中', '章建', '建忠']);
    expect(two.romanisedToChinese('Zhang Jianzhong')).toBe('Zhang Jianzhong');
    // Everyday English words, inflected too, are no name, alone or together ("Change" is no 偿额, "Dating Women" no 打听我们).
    const everyday = createNearNames(['我们'], buildLexiconFile([], CEDICT).readings, () => ['偿额', '打听', '听我', '我们']);
    expect(everyday.romanisedToChinese('Change requests')).toBe('Change requests');
    expect(everyday.romanisedToChinese('Dating Women')).toBe('Dating Women');
    expect(everyday.romanisedToChinese('Women first')).toBe('Women first');
    // A chain with a particle at its edge spans a word boundary (张的), it is no name; 张德 is one.
    expect(createNearNames([], buildLexiconFile([], CEDICT).readings, () => ['张的']).romanisedToChinese('Zhangde')).toBe('Zhangde');
    expect(createNearNames([], buildLexiconFile([], CEDICT).readings, () => ['张德']).romanisedToChinese('Zhangde')).toBe('张德');
    // A long run of capitalised words is read three at a time, and costs no more than its words.
    const long = 'Shishishi Yiyiyi Jijiji Dedede '.repeat(60);
    expect(n.romanisedToChinese(`${long}Zhang Jianzhong`)).toBe(`${long}张建中`);
    // A word the corpus writes in Latin letters stays as written, whatever pairs read like it.
    const latin = createNearNames(['debian', '安装'], buildLexiconFile([], CEDICT).readings, () => ['德比', '比安']);
    expect(latin.romanisedToChinese('Debian 怎么安装')).toBe('Debian 怎么安装');
    expect(createNearNames([], buildLexiconFile([], CEDICT).readings, () => ['德比', '比安']).romanisedToChinese('Debian')).toBe('德比安');
  });

  it('a short romanised name only next to its Chinese spelling', () => {
    const n = createNearNames(['沐曦', '木西'], buildLexiconFile([], CEDICT).readings);
    expect(n.romanisedToChinese('What was Muxi (沐曦) valued at?')).toBe('What was 沐曦 (沐曦) valued at?');
    expect(n.romanisedToChinese('Is Muxi listed?')).toBe('Is Muxi listed?'); // 沐曦 and 木西 both read muxi
  });

  it('a short romanised name on its own when it is no English word and reads as one corpus word only', () => {
    const n = createNearNames(['沐曦', '龙芯'], buildLexiconFile([], CEDICT).readings);
    expect(n.romanisedToChinese('When was Muxi listed?')).toBe('When was 沐曦 listed?');
    const l = createNearNames(['李讷', '沐曦'], buildLexiconFile([], CEDICT).readings);
    expect(l.romanisedToChinese('Line two: was Muxi listed?')).toBe('Line two: was 沐曦 listed?'); // "line" (li ne) is English
  });
});

describe('glossary', () => {
  it('replaces aliases with the spelling the corpus uses, Latin ones as whole words', () => {
    const g = createGlossary([['英伟达', 'Nvidia'], ['摩尔线程', 'Moore Threads', 'Moore']], (n) => /[\u4e00-\u9fff]/.test(n));
    expect(g.canonicalise('How many employees does Moore Threads have? nvidia?')).toBe('How many employees does 摩尔线程 have? 英伟达?');
    expect(g.canonicalise('Mooreland')).toBe('Mooreland');
  });

  it('takes a one-word Latin name with one slip in it for the name, unless the word is one of its own', () => {
    const g = createGlossary([['寒武纪', 'Cambricon'], ['英伟达', 'Nvidia'], ['沐曦', 'MetaX']], (n) => /[\u4e00-\u9fff]/.test(n) || n === 'Nvidiac');
    expect(g.canonicalise('How much did Cambrcon lose? And Cambircon, Nvidea?')).toBe('How much did 寒武纪 lose? And 寒武纪, 英伟达?');
    expect(g.canonicalise('Is Metax like MetaY?')).toBe('Is 沐曦 like MetaY?'); // five letters: exact aliases only
    expect(g.canonicalise('Nvidiac and Envidio')).toBe('Nvidiac and Envidio'); // a corpus word; two edits
    const english = createGlossary([['Debian Edu', 'Skolelinux'], ['Linux', 'Linnux']], () => false);
    expect(english.canonicalise('Does Skolelinnux help?')).toBe('Does Debian Edu help?');
    expect(english.canonicalise('the linux kernel')).toBe('the linux kernel'); // the corpus's own spelling is no slip
    expect(english.canonicalise('see /etc/skolelinnux.conf or foo_skolelinnux')).toBe('see /etc/skolelinnux.conf or foo_skolelinnux');
    expect(english.canonicalise('I use Skolelinnux.')).toBe('I use Debian Edu.');
    // Near two names it is neither; an everyday English word is never a slip ("Nvidia" / "Invidia" are not "video").
    const two = createGlossary([['甲', 'Alphaxx'], ['乙', 'Alphayy']], () => false);
    expect(two.canonicalise('Alphaxy')).toBe('Alphaxy');
    expect(createGlossary([['分支', 'Branchs']], () => false).canonicalise('branch')).toBe('branch');
  });

  it('takes a name of several Latin words with one slip in one word for the name: the exact words anchor it', () => {
    const g = createGlossary([['摩尔线程', 'Moore Threads'], ['昆仑芯', 'Kunlun Core']], (n) => /[\u4e00-\u9fff]/.test(n) || n === 'Cores');
    expect(g.canonicalise('How many shareholders does Moore Treads have?')).toBe('How many shareholders does 摩尔线程 have?');
    expect(g.canonicalise('Moore Threds, Kunlun Coer')).toBe('摩尔线程, 昆仑芯');
    expect(g.canonicalise('More Treads')).toBe('More Treads'); // two slips
    expect(g.canonicalise('Moore  Treads')).toBe('Moore  Treads'); // not one name: two spaces
    expect(g.canonicalise('Kunlun Cores')).toBe('Kunlun Cores'); // a word the corpus writes
    // English, not a name: the slipped word is everyday English written in lower case ("more" / Moore).
    expect(g.canonicalise('Which GPUs support more threads per block?')).toBe('Which GPUs support more threads per block?');
    // Whole words only, as the one-word slips: not part of an identifier or a model number.
    expect(g.canonicalise('Moore Treads3090 and Moore Treads_x')).toBe('Moore Treads3090 and Moore Treads_x');
    // The longest alias that fits, whatever the group order.
    for (const group of [['摩尔线程', 'Moore Threads', 'Moore Threads Technology'], ['摩尔线程', 'Moore Threads Technology', 'Moore Threads']]) {
      expect(createGlossary([group], (n) => /[\u4e00-\u9fff]/.test(n)).canonicalise('Moore Treads Technology')).toBe('摩尔线程');
    }
  });

  it('gives what applying every alias pattern in turn gives (aliases absent from the text are skipped unread)', () => {
    const groups = [['英伟达', 'Nvidia', '辉达'], ['摩尔线程', 'Moore Threads', 'Moore'], ['沐曦股份', '沐曦', 'MetaX']];
    const g = createGlossary(groups, (n) => /[\u4e00-\u9fff]/.test(n));
    // The rules as plain patterns, longest first, each applied to what the ones before left.
    const rules = groups
      .flatMap(([target, ...aliases]) => aliases.map((a) => ({ a, target, latin: /^[\x20-\x7e]+$/.test(a) })))
      .map(({ a, target, latin }) => ({ pattern: new RegExp(latin ? `(?<![A-Za-z0-9])${a}(?![A-Za-z0-9])` : a, latin ? 'gi' : 'g'), target }))
      .sort((x, y) => y.pattern.source.length - x.pattern.source.length);
    const reference = (q: string) => rules.reduce((t, r) => t.replace(r.pattern, r.target), q);
    for (const q of ['NVIDIA 和 MOORE THREADS 谁大?', 'moore threads vs Moore', 'metax的估值', '辉达与沐曦', 'Mooreland 沐曦股份', 'İ moore ı', '']) {
      expect(g.canonicalise(q)).toBe(reference(q));
    }
    expect(g.canonicalise('NVIDIA 和 MOORE THREADS 谁大?')).toBe('英伟达 和 摩尔线程 谁大?');
  });
});

describe('question kinds are cue sets', () => {
  it('recognises kinds in either language', () => {
    expect(kindOf('为什么要先做救援盘?')?.name).toBe('why');
    expect(kindOf('Why is upgrading harder?')?.name).toBe('why');
    expect(kindOf('How do I reset the password?')?.name).toBe('how-to');
    expect(kindOf('摩尔线程有多少名员工?')?.name).toBe('quantity');
    expect(kindOf('GOsa²')).toBeUndefined();
  });

  it('reads every English auxiliary that opens a question as a yes/no question, one list for all (ENGLISH_AUXILIARIES)', () => {
    for (const q of ['Did that behaviour change in Python 3.8?', 'Must the key be unique?', 'May I run it as root?', 'Would a reboot help?', 'Is it free?'])
      expect(kindOf(q)?.name).toBe('yes-no');
    // The same list keeps "and did it…" out of the English ellipsis, and lets "When did…" ask a time.
    expect(ELLIPSIS_EN.test('and did it ship?')).toBe(false);
    expect(ELLIPSIS_EN.test('and has it shipped?')).toBe(false);
    expect(ELLIPSIS_EN.test('and strikethrough?')).toBe(true);
    expect(ASKS_WHEN.test('When might it ship, roughly?')).toBe(true);
    expect(ASKS_WHEN.test('When rebuilding the kernel, what builds the package?')).toBe(false);
    // A clause, then a yes/no question opened by an auxiliary the old list after the comma lacked.
    expect(ASKS_WHEN.test('When upgrading, have the files moved?')).toBe(false);
    // "May" before a number is the month; a compound that opens with an auxiliary asks nothing.
    expect(kindOf('May 2024 revenue?')?.name).not.toBe('yes-no');
    expect(kindOf('Must-have features?')?.name).not.toBe('yes-no');
  });
});

describe('logistic fit', () => {
  it('separates a separable feature and is deterministic', () => {
    const x = [[0], [0.1], [0.2], [0.8], [0.9], [1]];
    const y = [0, 0, 0, 1, 1, 1];
    const a = fitLogistic(x, y, { l2: 0.1 });
    expect(predict(a, [0.95])).toBeGreaterThan(0.8);
    expect(predict(a, [0.05])).toBeLessThan(0.2);
    expect(fitLogistic(x, y, { l2: 0.1 })).toEqual(a);
  });
});

describe('values said in the asker\'s language', () => {
  it('says Chinese amounts, dates and measures in English, with the original where the number reads differently', () => {
    expect(valueInEnglish('210.71 亿元')).toBe('21.071 billion yuan (210.71 亿元)');
    expect(valueInEnglish('6 亿元')).toBe('600 million yuan (6 亿元)');
    expect(valueInEnglish('5 亿美元')).toBe('500 million US dollars (5 亿美元)');
    expect(valueInEnglish('1126 名')).toBe('1126');
    expect(valueInEnglish('12 纳米')).toBe('12 nm');
    expect(valueInEnglish('2020 年')).toBe('2020');
    expect(valueInEnglish('2025 年 3 月')).toBe('March 2025 (2025 年 3 月)');
    expect(valueInEnglish('77%')).toBe('77%');
    expect(valueInEnglish('第二大')).toBe('第二大'); // not a value it knows: left as written
    // A hedge is said in English before the number ("约 6 亿元": about, not exactly, 600 million).
    expect(valueInEnglish('约 6 亿元')).toBe('about 600 million yuan (约 6 亿元)');
    expect(valueInEnglish('超过 70%')).toBe('over 70%');
    expect(valueInEnglish('近 50 亿元')).toBe('nearly 5 billion yuan (近 50 亿元)');
  });
});
