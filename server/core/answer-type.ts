import type { AnalyzedQuery, AnswerType } from './types.js';
import { CJK_UNIFIED_RANGE, mainlyHan } from '../shared/text/char-classes.js';
import { COUNT_MEASURES, MEASURE_WORDS } from './measure-words.js';
import { MONTH_NAME } from '../shared/text/english-months.js';
import { allMatches } from '../shared/text/all-matches.js';
import { ENGLISH_AUXILIARIES, LIST_REQUEST, NAMED_THING_EN, NAMED_THING_ZH, questionForCues, WHICH_MEASURE, WHY_QUESTION } from './question-words.js';
import { asksExpansion, statesExpansion } from './acronym-expansion.js';

/**
 * What kind of value a question asks for. A sentence that holds no value of that kind cannot answer
 * it, however many words it shares with the question: this is what keeps "寒武纪的营业收入是多少?"
 * from being answered with a sentence that only gives a percentage of it.
 */
/**
 * Answer types whose value a sentence visibly holds or lacks (a number, a percentage, a date, a duration, a rank, a role,
 * what an abbreviation stands for).
 */
export const VALUE_TYPES: ReadonlySet<AnswerType> = new Set<AnswerType>(['number', 'percent', 'date', 'duration', 'ordinal', 'role', 'expansion']);

// "share" as a noun ("what share of revenue", "revenue share"), not the verb — after "to", a modal, "do" or a pronoun, or
// opening the question ("which package should I install to share files", "does it share memory", "Share files with
// Macs?") — nor a path's or a compound's part ("/usr/share", "A-share") or "per share": those ask for no percentage.
const SHARE_NOUN = String.raw`(?<![/.~-]|^\s*|\b(?:to|can|could|should|would|will|may|might|must|do|does|did|per|i|we|you|they|them|us|it|he|she)\s+)share`;
const ASKS_PERCENT = new RegExp(String.raw`占比|比例|百分之|百分比|比重|份额|占(?!用)[^，,。？?]{0,12}(多少|几成)|\b(?:percentages?|${SHARE_NOUN}|proportions?)\b`, 'i');

export function detectAnswerType(question: string): AnswerType {
  const q = questionForCues(question);
  // A reason is asked: the figures or dates the question names are what it is about, not what the answer is.
  if (WHY_QUESTION.test(q)) return 'other';
  // "PPTP 全称", "What does LXC stand for?": the words the abbreviation's letters begin (acronym-expansion.ts).
  if (asksExpansion(q)) return 'expansion';
  if (WHICH_THING_BEFORE_AMOUNT.test(q)) return 'entity';
  if (/多长时间|多久|多少(?:天|小时|分钟|秒)|how long|how often/i.test(q)) return 'duration';
  if ((/哪天|哪一天|何时|什么时候|哪年|哪一年|几月|几号|哪个月|什么时间|日期/.test(q) || ASKS_WHEN.test(q)) && !ASKS_WHEN_CONDITION.test(q)) return 'date';
  if (/第几|第多少|排名第?几|排在第几|名列第几/.test(q)) return 'ordinal';
  if (ASKS_PERCENT.test(q)) return 'percent';
  if (/多少|数量|金额|规模|how (much|many)/i.test(q) || asksHowManyWithJi(q) || ASKS_MEASURE.test(q)) return 'number';
  if (asksPort(q)) return 'number';
  if (/(什么|哪个|哪些)(职务|职位|头衔|身份|角色|岗位|名头|称号|来头)|担任什么|什么来头/.test(q)) return 'role';
  if (/谁|哪位|什么人|叫什么名字|who/i.test(q)) return 'person';
  if (ASKS_WHICH.test(q)) return 'entity';
  return 'other';
}

// "Which command shows how much time each step took?", "Which of the make options sets how many jobs run?", "用什么命令查看
// 有多少个文件?": the named thing is asked; the amount belongs to the clause that says what it does (askedShape reads the
// same). Within one clause (no comma or stop between), with which/what opening it — "Explain what the command does and how
// long it takes" asks the duration. Not 方法 (a way, as in "用什么方法可以知道多少人在线?").
const NAMED_THING_ZH_NOT_WAY = NAMED_THING_ZH.split('|').filter((w) => w !== '方法').join('|');
const WHICH_THING_BEFORE_AMOUNT = new RegExp(
  String.raw`(?:^|[,;:]\s*|\b(?:in|on|with|for|by|from|under|using)\s+)(?:which|what)\s+(?:(?:of\s+the|kind\s+of|sort\s+of)\s+)?(?:[\w-]+\s+)?(?:${NAMED_THING_EN})\b[^,;.?!]*\bhow\s+(?:much|many|long|often)\b` +
    String.raw`|(?:哪个|哪一个|哪条|什么)\s*(?:${NAMED_THING_ZH_NOT_WAY})[^，,；;。？?！!]*(?:多少|几(?!乎)|多久|多长)`,
  'i',
);

// Which port ("Which TCP port does X listen on?", "What is the default SSH port?", "X 默认监听哪个网络端口?"): a port is a
// number. Not a port that names a practice ("which port forwarding option", 端口转发), a socket one plugs into (a cable,
// USB, a serial console, 串口) or a platform software is ported to ("What port of GIMP runs on Windows?").
const ASKS_PORT_EN = /\b(?:(?:which|what)\s+(?:[\w/-]+\s+)?|what(?:['’]s|\s+(?:is|was))\s+the\s+(?:default\s+)?(?:[\w/-]+\s+)?)port(?:\s+number)?\b(?!\s*-?(?:forward|scan|knock|mirror|range|map)|\s+of\b)/i;
const ASKS_PORT_ZH = /(?:哪个|哪一个|什么)\s*(?:[A-Za-z]+|[\u4e00-\u9fff]{1,2})?\s*端口(?!\s*(?:转发|扫描|映射|镜像))/;
const NOT_A_NETWORK_PORT = /\b(?:plug|plugged|cable|serial|usb|tty\w*|console|parallel|architectures?)\b|串口|串行|并口|插/i;
const asksPort = (q: string) => (ASKS_PORT_EN.test(q) || ASKS_PORT_ZH.test(q)) && !NOT_A_NETWORK_PORT.test(q);

// Which one ("哪家", "哪所", "哪几种", "哪些", "什么", which, what): a named thing.
const ASKS_WHICH = new RegExp(`${WHICH_MEASURE}|哪些|哪几|什么|which|what`, 'i');

// How big, how high, how far… asks for a measure: a size, a height, a distance, an age ("显存有多大?", "How large were the
// prepayments?"). Not a degree, in either language ("多大影响", "影响究竟有多大", "How big is the impact?"): its answer is
// a judgement, not a figure. Not 多 inside a word either: 很多/许多/更多 + 大… ("很多大厂"), 多重 (multiple), 多远程, 多深度.
const DEGREE_NOUNS = '影响|作用|区别|差别|差异|差距|意义|关系|用处|必要|帮助|好处|风险|难度|压力|冲击|变化|优势|贡献|价值|权限|程度|把握|信心|兴趣';
const DEGREE_NOUNS_EN = 'risk|impact|effect|role|difference|influence|chance|deal|problem|threat|advantage|gap|pressure|change|priority|concern';
const ASKS_MEASURE = new RegExp(
  `(?<!(?:${DEGREE_NOUNS})(?:到底|究竟|真的|会|能)?有?|[很许更诸众繁好最])多[大高快遠远宽寬深长長粗厚](?!的?(?:${DEGREE_NOUNS})|[程度型端])` +
    `|\\bhow (?:big|large|small|fast|far|high|wide|deep|heavy|old|tall)\\b(?!\\s+(?:(?:is|are|was|were)\\s+(?:the|its|their|this|that)\\s+)?(?:an?\\s+)?(?:${DEGREE_NOUNS_EN})s?\\b)` +
    `|\\bwhat size\\b`,
  'i',
);

/**
 * "When" asked of what someone should or must do asks in what case, not at what time: "When do I need the -u option?",
 * "When should I call parseAsync?", "什么时候应该删掉?", "用户在什么时候必须换密码?" — a manual answers with a condition ("on
 * the initial invocation", "在紧急降级后"), no date. Only with a person as the subject in English ("When does the support
 * end?", "When should the report be filed?" ask a time) and only with the modals of obligation in Chinese (会, 能, 才, 要
 * are "will", "can": "什么时候会上市?", "何时才能完成 IPO?" ask a time; 应收账款 is no 应). The kind stays when
 * (kinds/when.ts): its cues include before, after, 之前, 之后.
 */
const CHINESE_OBLIGATION = '(?:应该|应(?![收付])|该|需要|必须|一定要)';
const ASKS_WHEN_CONDITION = new RegExp(
  String.raw`^\W*(?:(?:and|so|but)\s+)?when\s+(?:do|does|should|shall|must|would|can|could|might|need)\s+(?:i|you|we|one)\b` +
    `|(?:什么时候|何时)\\s*${CHINESE_OBLIGATION}|${CHINESE_OBLIGATION}在?(?:什么时候|何时)`,
  'i',
);

/**
 * English "when" asks for a time only where it opens the question ("When is…", "Since when…");
 * inside one it is a conjunction ("What option does mount need when the root is read-only?"), and so is an opening
 * "when" clause that another question follows ("When rebuilding the kernel, what command builds…?") — a clause, not a
 * question: "when" then no verb "to be" or auxiliary ("When will it launch, do you know?" still asks a time).
 */
export const ASKS_WHEN = new RegExp(
  String.raw`^\W*(?:(?:and|so|but|since|until)\s+)?when\b(?!\s+(?!(?:${ENGLISH_AUXILIARIES})\b)[^?,]*,\s*(?:what|which|how|who|whom|whose|where|why|${ENGLISH_AUXILIARIES})\b)` +
    String.raw`|\bwhat (?:year|date|day|time)\b|\bwhich (?:year|date|day)\b`,
  'i',
);

// Another question word makes 几 an indefinite "several" ("用什么快捷键在几个输入法之间切换?", "这几年投了多少钱?"), so does
// a request for a list ("列出几家投资机构"); 哪几 asks "which".
const OTHER_QUESTION_WORD = new RegExp(`多少|什么|哪|谁|怎么|怎样|如何|为什么|为何|是否|吗[?？]?\\s*$|${LIST_REQUEST.source}`);

/** 几 asks "how many" when it is the question's only question word ("融了几轮?"). */
export function asksHowManyWithJi(question: string): boolean {
  return /(?<![哪第])几(?!乎)/.test(question) && !OTHER_QUESTION_WORD.test(question.replace(/哪几/g, ''));
}

// "In what year…", "what is the name of…": the sentence states 2020 or the name, not the word.
const ENGLISH_TYPE_NOUNS = ['year', 'date', 'name', 'number', 'amount'];

/**
 * Nouns that only name the answer's type ("什么职务", "叫什么名字"): the sentence states a 副总裁, not the word 职务. Among
 * them 东西 and 事情 ("哪些东西": which things), as English "thing" is one of ENGLISH_VALUE_KINDS below (session 49, waves
 * 1-129: +2 correct, no answer made wrong).
 */
export const TYPE_NOUNS = new Set([...['职务', '职位', '头衔', '身份', '角色', '岗位', '名字', '名称', '例子', '例', '来头', '名头', '称号', '钱', '东西', '事情'], ...ENGLISH_TYPE_NOUNS]);

/**
 * English nouns that name the kind of value a "what is the X of…" question asks ("the name of…", "what percentage…"), not
 * an attribute the text must speak of: the type nouns and the other kinds, singular and plural (translated-query.ts).
 */
export const ENGLISH_VALUE_KINDS: ReadonlySet<string> = new Set(
  [...ENGLISH_TYPE_NOUNS, 'percentage', 'percent', 'share', 'proportion', 'day', 'month', 'time', 'value', 'total', 'figure', 'type', 'kind', 'one', 'company', 'firm', 'person', 'thing', 'part', 'way', 'reason'].flatMap(
    (w) => [w, w.endsWith('y') && w !== 'day' && w !== 'way' ? `${w.slice(0, -1)}ies` : `${w}s`],
  ),
);

/**
 * The noun right after 哪家/哪所/哪个/什么 names the answer's category ("哪家公司", "哪家机构"): the
 * sentence may name the company without the word 公司. Returned so its weight can be lowered.
 */
const CATEGORY_NOUN = new RegExp(`(?:${WHICH_MEASURE}|哪些|什么样的|什么)([${CJK_UNIFIED_RANGE}]{2})`, 'g');
export function categoryNouns(question: string): string[] {
  return allMatches(CATEGORY_NOUN, question.normalize('NFKC')).map((m) => m[1]);
}

const ASKED_WITH_DUOSHAO = new RegExp(`多少\\s*([${MEASURE_WORDS}])`);
const ASKED_WITH_JI = new RegExp(`(?<!哪)几\\s*([${MEASURE_WORDS}])`);
/** "多少名员工", "几轮融资": the measure word the answer's number must carry. */
export function askedMeasure(question: string): string | undefined {
  const q = question.normalize('NFKC');
  return (ASKED_WITH_DUOSHAO.exec(q) ?? (asksHowManyWithJi(q) ? ASKED_WITH_JI.exec(q) : null))?.[1];
}

const PERCENT = /\d\s*%|百分之/;
const DATE = /\d{4}\s*年|\d+\s*月\s*\d+\s*日|\d{4}-\d{2}-\d{2}/;
// A quantity: a number with a unit or measure word. Years, "前 5", "第 1" and dates are not quantities.
const QUANTITY = /\d[\d,]*(?:\.\d+)?\s*(?:亿|万|千|百|元|美元|个|名|家|位|人|轮|次|倍|纳米|项|款|种|类)|[一二两三四五六七八九十百千几]+\s*(?:亿|万)?元/;
const ORDINAL = /第\s*(?:\d+|[一二三四五六七八九十]+)/;
// A length of time: a number (or number word) with a unit of time, in Chinese or English (not a year: "2024 年" is a date);
// read on the sentence as written or without its spaces ("takeoneday"), and across a justified text's double spaces.
const DURATION =
  /(?<![\d.,])(?!(?:19|20)\d{2}\s*年)(?:\d[\d,.]*|[一二两三四五六七八九十百半几]+)\s*(?:秒|分钟|小时|天|日|周|星期|个月|年)|(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a ?few|several)\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)/i;
// A frequency answers "how often" / 多久一次 (ASKS_FREQUENCY) as a length of time answers "how long": 每小时, 每两个月,
// 每季度, daily, every 5 seconds, every morning, once a month (not 每次 or each time: "each time a package is uploaded" is
// when, not how often). Only for a question that asks how often: "Backups run daily" does not say how long a backup takes.
const FREQUENCY =
  /每(?:[\d一二两三四五六七八九十几半]+\s*)?(?:个\s*)?(?:秒|分钟|小时|天|日|周|星期|月|季度?|年|学期)|\b(?:hourly|daily|nightly|weekly|monthly|quarterly|yearly|annually)\b|\b(?:every|each)\s+(?:other\s+|few\s+|half\s+(?:an?\s+)?)?(?:\d+\s*)?(?:seconds?|minutes?|mins?|hours?|h|days?|nights?|mornings?|evenings?|weeks?|months?|years?)\b|\b(?:once|twice)\s+(?:a|an|per|every)\s+(?:second|minute|hour|day|night|week|month|quarter|year)\b/i;
const ASKS_FREQUENCY = /how often|多久[^？?。]{0,10}一次|隔多[久长]|多长时间[^？?。]{0,8}一次|频率|频繁程度/i;
// English writes a count as a number before its noun ("85 people", "7.5 GB", "35 languages") and a date with
// a year or a month name; neither carries a Chinese measure word. (A bare year is a date, not a count.)
// "默认 IP 地址是多少?" — 10.0.2.2, "umask 是多少?" — 002: a bare number answers a 多少 that counts nothing. Not a
// year, a rank (前 5, 第 1), a date or a percentage, and not part of a name (H100; "default 80" is a value, so a
// space ends a name).
const NUMBER_VALUE = /(?<![A-Za-z]-?|[前第\d.,]\s*)(?!(?:19|20)\d{2}(?!\d))\d+(?:[.,]\d+)*(?!\d|[.,]\d|\.(?!\s*$)|\s*[年月日号%])/;
// Sentences are matched without spaces ("employs85people"), so a number is delimited by digits, not word boundaries.
// ("a set of 10 “paint tools”": the noun may open with a quotation mark.)
const QUANTITY_EN = /(?<![\d.,])(?!(?:19|20)\d{2}(?!\d))(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s?[“‘]?[a-z]+/i;
const DATE_EN = new RegExp(String.raw`(?<!\d)(?:19|20)\d{2}(?!\d)|${MONTH_NAME}\s?\d{1,2}(?!\d)`, 'i');
const ROLE = /总裁|总经理|董事长|董事|监事|创始人|合伙人|委员|科学家|专家|经理|主席|首席|负责人|从业者|院士|教授|工程师|高管|ceo|cto/i;
// Percentages answer "多少" only when the question is about a share ("占营收多少", "H100 的多少")…
// (占用: to take up, not a share; 占有率 and 占据…的多少 are shares.)
// In English: a share word, "how much of" the asked thing, or how much (how big a part) something "accounts for" — not
// how many. (Not "fraction" or "slice": in a manual they are more often things, Python's Fraction and slice objects.)
// A price, a cost, a sum paid asked ("多少钱", "售价", "How much does X cost?", "what price"): the number is an amount of
// money, written with its currency (元, 美元, $, dollars) — a sentence of percentages or counts does not say it.
const ASKS_MONEY = /多少钱|售价|价格|价钱|定价|报价|\b(?:price[sd]?|pric(?:es|ing))\b|\bhow much\b.*\b(?:cost|costs|costed|charge[sd]?|pa(?:y|ys|id)|sell|sells|sold|worth)\b|\bcost(?:s)? of\b/i;
// (A Chinese currency is named with 元, 币, 镑, 郎 or 朗 last: 美元, 人民币, 英镑, 法郎, 挪威克朗.)
const MONEY = /\d[\d,.]*\s*(?:[亿万千百]\s*)*(?:\p{Script=Han}{0,3}?(?:元|币|镑|郎|朗)|块钱?)|[$€£¥]\s*\d|\d[\d,.]*\s*(?:[kmb]n?\s*)?(?:dollars?|yuan|rmb|usd|eur|euros?|cents?|yen|kroner|krona|kronor|rupees?|francs?|pesos?)\b/iu;
const ASKS_SHARE = new RegExp(String.raw`占(?!用)|比|率|成|百分|%|份额|的多少|\b(?:${SHARE_NOUN}|proportions?|percent(?:ages?)?|how much of)\b|\bhow (?:much|big|large)\b.*\baccount(?:s|ed)? for\b`, 'i');

// The pattern of each term, compiled once (it was compiled per term per sentence); bounded like the caches below.
// `literal`: the term has no pattern syntax, so the pattern can only match where the term itself is written.
const shareOfTerm = new Map<string, { pattern: RegExp; literal: boolean }>();
const PATTERN_SYNTAX = /[\\^$.*+?()[\]{}|]/;
function shareOf(term: string): { pattern: RegExp; literal: boolean } {
  let share = shareOfTerm.get(term);
  if (!share) {
    share = { pattern: new RegExp(`\\d%.{0,2}${term}`), literal: !PATTERN_SYNTAX.test(term) };
    if (shareOfTerm.size >= 10_000) shareOfTerm.clear();
    shareOfTerm.set(term, share);
  }
  return share;
}

const HAN_CHAR = new RegExp(`[${CJK_UNIFIED_RANGE}]`);

/**
 * …or when the sentence's percentage is a share of something the question names ("超 77% 营收" for "多少营收"). The
 * pattern needs a "%" and (a term without pattern syntax) the term itself in the sentence: a sentence or term without
 * them is ruled out before it runs (the same answer; this runs for every candidate sentence of a "多少" question that
 * holds a percentage). `compact`: the sentence in NFKC without whitespace (ValueFeatures.shareText).
 */
function percentOfAskedThing(query: Pick<AnalyzedQuery, 'terms'>, compact: string): boolean {
  if (!compact.includes('%')) return false;
  return query.terms.some((t) => {
    if (t.origin !== 'question' || t.term.length < 2 || !HAN_CHAR.test(t.term)) return false;
    const { pattern, literal } = shareOf(t.term);
    return (!literal || compact.includes(t.term)) && pattern.test(compact);
  });
}

/** What kinds of value a sentence holds; computed once per sentence text (sentences recur across questions). */
interface ValueFeatures {
  quantity: boolean;
  percent: boolean;
  date: boolean;
  duration: boolean;
  /** A frequency (每小时, daily, every 5 seconds): the answer to "how often", not to "how long". */
  frequency: boolean;
  ordinal: boolean;
  role: boolean;
  /** A bare number that is not a year, rank, date or percentage (a setting, an address, a code). */
  numberValue: boolean;
  /** Measure words that directly follow a number ("1126 名" → 名). */
  measures: string;
  /** Written mainly in Han characters: only then can it carry a Chinese measure word. */
  chinese: boolean;
  /**
   * The sentence in NFKC without whitespace, where percentOfAskedThing looks for a share of an asked thing: worked out
   * when a question first needs it (a "多少" question, for every candidate that holds a percentage), then kept.
   */
  shareText: string | undefined;
  /** An amount of money with its currency (5178.40 万元, $20, 3 dollars). */
  money: boolean;
}

const FEATURE_CACHE_LIMIT = 200_000;
const MEASURE_AFTER_NUMBER = new RegExp(`\\d[\\d,.]*\\s*([${MEASURE_WORDS}${COUNT_MEASURES}])`, 'g');
const featureCache = new Map<string, ValueFeatures>();

function valueFeatures(sentence: string): ValueFeatures {
  let f = featureCache.get(sentence);
  if (!f) {
    const s = sentence.normalize('NFKC');
    f = {
      quantity: QUANTITY.test(s) || QUANTITY_EN.test(s),
      money: MONEY.test(s),
      percent: PERCENT.test(s),
      date: DATE.test(s) || DATE_EN.test(s),
      duration: DURATION.test(s),
      frequency: FREQUENCY.test(s),
      ordinal: ORDINAL.test(s),
      role: ROLE.test(s),
      numberValue: NUMBER_VALUE.test(s),
      measures: [...s.matchAll(MEASURE_AFTER_NUMBER)].map((m) => m[1]).join(''),
      chinese: mainlyHan(s),
      shareText: undefined,
    };
    if (featureCache.size >= FEATURE_CACHE_LIMIT) featureCache.clear();
    featureCache.set(sentence, f);
  }
  return f;
}

export function satisfiesAnswerType(query: Pick<AnalyzedQuery, 'answerType' | 'measure' | 'text' | 'terms'>, sentence: string): boolean {
  // Nothing to check (no measure word asked, a type no value decides): the sentence's value features are not looked up.
  if (!query.measure && !VALUE_TYPES.has(query.answerType)) return true;
  const f = valueFeatures(sentence);
  // "多少种语言?" over English text: "over 2000 languages" has no measure word to carry (English counts with the noun).
  if (query.measure && f.chinese) {
    const group = COUNT_MEASURES.includes(query.measure) ? COUNT_MEASURES : query.measure;
    if (![...f.measures].some((m) => group.includes(m))) return false;
  }
  switch (query.answerType) {
    case 'number':
      if (ASKS_MONEY.test(query.text)) return f.money;
      return (
        f.quantity ||
        (!query.measure && f.numberValue) ||
        (f.percent && (ASKS_SHARE.test(query.text) || percentOfAskedThing(query, (f.shareText ??= sentence.normalize('NFKC').replace(/\s+/g, '')))))
      );
    case 'percent':
      return f.percent;
    case 'date':
      return f.date;
    case 'duration':
      return f.duration || (f.frequency && ASKS_FREQUENCY.test(query.text));
    case 'ordinal':
      return f.ordinal;
    case 'role':
      return f.role;
    case 'expansion':
      return statesExpansion(query.text, sentence);
    default:
      return true;
  }
}
