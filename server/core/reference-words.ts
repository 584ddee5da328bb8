/**
 * Words that point back at something named before — in a question ("what does it default to?", "他们呢?") or in a
 * document sentence ("该公司…", "Therefore, …") — written once per language. The patterns the analysers test are
 * built from these lists, so a word added here reaches the follow-up resolver, the document-subject rule and the
 * "why" rule alike.
 */
import { escapeRegExp } from '../shared/text/escape-regexp.js';

/** One language's reference words. */
interface ReferenceWords {
  /** Personal pronouns ("it", "他们", "其"). */
  personal: readonly string[];
  /** Demonstratives that stand alone as a reference ("this", "those"). */
  demonstrative: readonly string[];
  /** Definite descriptions of a document's subject ("the company", "该公司"). */
  subjectDescription: readonly string[];
  /** Descriptions that point at a person or organisation named in the previous turn ("这家", "此人"). */
  previousEntity: readonly string[];
  /**
   * Openers that continue the previous sentence's subject or argument ("However", "此外", "其中"). The two plainest
   * consequence openers are among them; the longer ones ("For this reason", "由此可见") are not: with them a
   * consequence sentence borrowed its predecessor's words and outranked it for a "why" (bank: 1 answer of 1165
   * changed, from correct to wrong).
   */
  continuation: readonly string[];
  /** Openers that state the consequence of the previous sentence ("所以", "For this reason"). */
  consequence: readonly string[];
  /** Phrases that point back at the time span a previous question named ("同一时期", "that year"); counts are added below. */
  period: readonly string[];
}

// The English pronouns of one thing (a company, a program), not of a person, nor of several (they: the founders, the
// investors a previous answer listed).
const THING_EN = ['it', 'its'];
// …and in Chinese.
const THING_ZH = ['它', '其'];

export const EN_REFERENCE: ReferenceWords = {
  personal: [...THING_EN, 'they', 'them', 'their', 'he', 'him', 'his', 'she', 'her'],
  demonstrative: ['this', 'that', 'these', 'those'],
  subjectDescription: ['the company', 'this company', 'the firm'],
  previousEntity: [],
  continuation: ['such', 'then', 'however', 'also', 'otherwise', 'instead', 'here', 'so', 'therefore'],
  consequence: ['so', 'therefore', 'thus', 'hence', 'consequently', 'as a result', 'for this reason', 'for that reason', 'that is why', 'this is why', "that's why"],
  period: ['the same period', 'that period', 'this period', 'the same year', 'that year', 'that same year', 'the same years', 'those years', 'those same years'],
};

export const ZH_REFERENCE: ReferenceWords = {
  personal: ['他们', '她们', '它们', '他', '她', ...THING_ZH],
  // Chinese demonstratives are prefixes ("该方案", "这种", "此时"): they refer back at a sentence's opening.
  demonstrative: ['该', '这', '此'],
  subjectDescription: ['该公司', '这家公司', '那家公司', '该企业', '这家企业'],
  previousEntity: ['这家', '那家', '此人', '这个人', '这位', '该人'],
  continuation: ['同时', '此外', '另外', '并且', '而且', '但', '然而', '不过', '其中', '另一', '另', '因此', '所以'],
  consequence: ['所以', '因此', '因而', '故而', '于是', '正因如此', '正因为如此', '这就是为什么', '这也是为什么', '由此可见'],
  period: ['同一时期', '同一时间', '同一期间', '同一阶段', '同期', '这一时期', '这段时间', '那段时间', '这段时期', '那段时期', '同年', '当年', '那一年', '那年', '那几年'],
};

/** Longest first, so that an alternation prefers "该公司" to "该" and "as a result" to "as". */
const alternation = (words: readonly string[]) =>
  [...new Set(words)].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');

/** English pronouns and demonstratives in a question that point back at the previous turn's subject ("How do I fix that?"). */
export const PRONOUN_EN = new RegExp(`\\b(?:${alternation([...EN_REFERENCE.personal, ...EN_REFERENCE.demonstrative])})\\b`, 'i');

/**
 * "it" and "its" standing for one thing ("its shareholders", "What does it return?"), written in lower case or capitalised:
 * "IT" in capitals is the acronym (沐曦的IT投入).
 */
export const THING_PRONOUN_EN = new RegExp(`\\b(?:${alternation(THING_EN.flatMap((w) => [w, w[0].toUpperCase() + w.slice(1)]))})\\b`);

/**
 * A pronoun of one thing in a question ("它的流行度", "What is its size?"): not 它们/they (several), not 其 inside a word or
 * a phrase that does not point back (其他/其它/其中/其余/其实/其次/其间/其后, 尤其/极其/与其/何其/及其, 土耳其), not the
 * acronym "IT". `_ALL`: every one in a question, to replace them all.
 */
const NOT_ONE_THING: Record<string, [before: string, after: string]> = { 它: ['其', '们'], 其: ['尤极与及何耳', '他它中余实次间后'] };
const ONE_THING_ZH = THING_ZH.map((w) => {
  const [before, after] = NOT_ONE_THING[w] ?? ['', ''];
  return `${before ? `(?<![${before}])` : ''}${w}${after ? `(?![${after}])` : ''}`;
}).join('|');
export const ONE_THING_PRONOUN = new RegExp(`${ONE_THING_ZH}|${THING_PRONOUN_EN.source}`);
export const ONE_THING_PRONOUN_ALL = new RegExp(ONE_THING_PRONOUN.source, 'g');

/**
 * "the company", "this company", "the firm" in a question: in a follow-up they stand for the previous question's topic as
 * "it" does ("Who founded MetaX?" → "And when was the company founded?"), as 该公司 does in Chinese (PRONOUN below).
 */
export const SUBJECT_DESCRIPTION_EN = new RegExp(`\\b(?:${alternation(EN_REFERENCE.subjectDescription)})\\b`, 'i');

/**
 * A Chinese demonstrative with a classifier in a question ("这类产品", "那个选项", "这些文件"): it points back at what the
 * previous turn named, as "this", "that" and "these" do in English (PRONOUN_EN). Not 这样/这么 (manner, degree), not
 * 该 (also "should"); not a time (那个时候, 这些年, 这个月) nor 那个 as a filler ("那个,摩尔线程…"); and not in apposition
 * to what the question writes just before it — a Latin word, a quote, a bracket, a path ("getent、passwd 这些命令",
 * "“自动保存”这个选项", "/var/log/ 这个目录"). (A Chinese noun just before it, "中文这类文字", is told by its word tag:
 * query-analysis.ts demonstrativePointsBack.)
 */
export const DEMONSTRATIVE_ZH = /(?<![A-Za-z0-9_.)”"'’」』》】\]/+]\s*)[这那](?:类|种|个|些|款|项|条|份|套|部|台)(?!时候|时|年|月|天|阵子|会儿)(?!(?<=那个)\s*[,，、…])/;

/** Chinese pronouns in a question that point back at the previous turn's subject or the entity its answer named. */
export const PRONOUN = new RegExp(`(${alternation([...ZH_REFERENCE.subjectDescription, ...ZH_REFERENCE.previousEntity, ...ZH_REFERENCE.personal])})`);

/**
 * Pronouns and definite descriptions in a document sentence that stand for the document's subject. Bare "公司"
 * counts in Chinese: a company's own report says 公司 for itself.
 */
export const SUBJECT_REFERENCE_EN = new RegExp(`\\b(${alternation([...EN_REFERENCE.subjectDescription, ...EN_REFERENCE.personal])})\\b`, 'i');
export const SUBJECT_REFERENCE_ZH = new RegExp(`(${alternation([...ZH_REFERENCE.subjectDescription, '公司', ...ZH_REFERENCE.personal])})`);

/** A sentence that opens as the consequence of the one before ("所以…", "For this reason, …"). */
export const CONSEQUENCE_OPENER_EN = new RegExp(`^[\\s“"]*(?:${alternation(EN_REFERENCE.consequence)})\\b`, 'i');
export const CONSEQUENCE_OPENER_ZH = new RegExp(`^[\\s“"]*(?:${alternation(ZH_REFERENCE.consequence)})`);

/**
 * A sentence that opens with a personal pronoun or its possessive ("它被期望作为…", "They are …", "Its default is …"):
 * quoted alone it does not say whom it means. Not 其 (mostly 其中/其他), not 他人/他国/他山 (others', not "he"); English
 * written as a sentence writes it ("It", "They": not the acronym "IT"), and not the "it" that stands for nothing
 * ("It is possible to…", "It seems…", DUMMY_IT).
 */
const DUMMY_IT =
  String.raw`It(?:'s|’s|\s+(?:is|was|may be|can be|will be|would be))\s+(?:(?:also|not|often|usually|generally|always|sometimes|therefore|now|then)\s+)?` +
  String.raw`(?:possible|impossible|recommended|necessary|unnecessary|important|advisable|useful|best|better|easy|easier|hard|harder|difficult|safe|safer|a good idea|likely|unlikely|common|required|worth|convenient|preferable)\b` +
  String.raw`|It\s+(?:seems|appears|turns out|follows|is said)\b`;
const capitalised = (w: string) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`;
export const OPENS_WITH_PERSONAL_PRONOUN = new RegExp(
  `^[\\s“"]*(?:${alternation(ZH_REFERENCE.personal.filter((w) => w !== '其' && w !== '他'))}|他(?![人国山])` +
    `|(?!${DUMMY_IT})(?:${alternation(EN_REFERENCE.personal.filter((w) => !['them', 'him'].includes(w))).split('|').map(capitalised).join('|')})\\b)`,
);

/**
 * In a follow-up, the time span the previous question named ("同一时期它的营收一共有多少?", "And how much did it spend on
 * R&D over those three years?"): a reference like a pronoun, whose meaning is the previous question's years — not words
 * the answer must say. With a count too: "those three years", "这三年". English ends the question with it ("…for
 * Cambricon that year?") or sets it off with a comma: inside a sentence "the same time" is "simultaneously" and "that
 * period character" no period at all. Chinese is matched in its words' context: not 不同年份, 相当年轻, 去年同期 (a
 * year-on-year baseline). Not "这几年"/"这些年": those mean recent years, not the previous question's.
 */
export const PERIOD_REFERENCE = new RegExp(
  `(?:\\b(?:over|during|in|for|across|within)\\s+)?(?:${alternation(EN_REFERENCE.period)}` +
    `|\\b(?:the same|those same|these same|those|these)\\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|\\d+)\\s+(?:years|quarters|months))(?=\\s*(?:[?.!,;:？。！，；：]|$))` +
    `|(?<![不相]|去年|上年|上一年)(?:${alternation(ZH_REFERENCE.period)})(?![份龄度级轻])|[这那](?:[两二三四五六七八九十]|\\d{1,2}(?!\\d))\\s*(?:年|个季度|个月)`,
  'i',
);

/** A sentence that opens like this continues the previous one's subject or argument ("他还提出…", "其中…", "However, …"). */
export const REFERS_BACK = new RegExp(
  `^[\\s“"]*(?:${alternation([...ZH_REFERENCE.personal, ...ZH_REFERENCE.demonstrative, ...ZH_REFERENCE.continuation])}` +
    `|(?:${alternation([...EN_REFERENCE.demonstrative, ...EN_REFERENCE.personal, ...EN_REFERENCE.continuation])})\\b)`,
  'i',
);
