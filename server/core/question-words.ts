import { CHINESE_CLASSIFIERS } from '../shared/text/chinese-classifiers.js';
import { MEASURE_WORDS } from './measure-words.js';
import { toSimplified } from '../shared/text/traditional-chinese.js';

/**
 * A question as the cue lists read it: NFKC, simplified characters (the cues are written once, in simplified
 * characters: 什麼時候 asks as 什么时候 does), and 甚么 — the Hong Kong and Taiwan spelling, which OpenCC keeps — as 什么.
 */
export const questionForCues = (question: string): string => toSimplified(question.normalize('NFKC')).replaceAll('甚么', '什么');

/**
 * Words that frame a question but are not what it is about ("多少", "是谁", "请问"). They are
 * dropped from the evidence terms, otherwise every answer would need to contain "多少". Among them the names of the
 * document's own genre ("本文", "文档", "手册", "the manual", "the HOWTO", "the FAQ"): the question points at the
 * documents with them, which seldom name themselves in the sentence that answers.
 */
export const QUESTION_WORDS = new Set(
  (
    '多少 多少钱 几 什么 什么样 啥 哪 哪些 哪里 哪儿 哪天 哪年 哪一年 哪一天 谁 是 吗 呢 吧 啊 呀 么 ' +
    '请问 一下 如何 怎么 怎样 怎么样 为什么 为何 是否 有没有 能否 可以 告诉 我 你 我们 文章 文中 本文 提到 提及 说 讲 根据 请 介绍 ' +
    '时候 的时候 为啥 咋 咋样 啥时候 多久 哪儿 这么 那么 这样 那样 这篇 篇文章 这篇文章 一共 总共 共 多 大 有 为 到底 究竟 具体 分别 当时 目前 方面 情况 意思 含义 意味 意味着 指 指的是 定义 内容 哪些方面 呢 ? 文档 手册 指南 教程 what which who whom how when where why much many does did do is are was the manual howto faq docs tutorial handbook'
  ).split(/\s+/),
);

// 哪/几/哪几/哪一/多少 and one measure word ("哪所", "几台", "哪几种", "多少次", "哪个", "哪类"): which or how many of what the
// measure word counts. The measure words are those CC-CEDICT glosses "classifier for …" (chinese-classifiers.ts) and those
// a count asks with (measure-words.ts); ones the dictionary glosses otherwise (样 "classifier: kind", 笔, 级) are not among
// them, so 几笔 stays a content word.
const MEASURE_CLASS = `[${CHINESE_CLASSIFIERS}${MEASURE_WORDS}]`;
const ASKING_MEASURE = new RegExp(`^(?:哪|几|哪几|哪一|多少)${MEASURE_CLASS}?$`);

/** "Which" and a measure word, as a pattern to build on (哪所, 哪家, 哪一类, 哪几种): the question asks which one. */
export const WHICH_MEASURE = `哪(?:一|几)?${MEASURE_CLASS}`;

/**
 * A question that asks which one thing ("哪个软件包…", "哪家公司…", "Which package…", "In which file…"): its answer names
 * it. English opens with "which" (one inside is relative, or part of a how-question: "How can I find out which process…");
 * Chinese asks 哪 and a measure word, not 哪几/哪些 (several), and not after 怎么/怎样/如何 ("怎么查出是哪个进程…": the
 * answer names the command).
 */
// How-words: after them a which-word or 有没有 is part of what is done ("怎么查出是哪个进程…", "怎么查看有没有安装…").
const HOW_ZH = '怎么|怎样|如何';
const HOW_ZH_WORD = new RegExp(HOW_ZH);

export const ASKS_WHICH_ONE = new RegExp(
  String.raw`^\W*(?:(?:and|so|in|on|for|from|with|under|at|to|by|of)\s+)?which\b|^(?!.*(?:${HOW_ZH})).*哪一?(?![几些])${MEASURE_CLASS}`,
  'is',
);

/**
 * The kinds of named thing a technical question asks for by name ("Which command…", "有没有…工具"): the answer is a
 * code-like name. Written once: asked-shape.ts asks for a name with them, asksIsThereOne below for one such thing.
 */
const NAMED_THINGS_EN = ['command', 'tool', 'package', 'program', 'utility', 'option', 'flag', 'variable', 'daemon', 'module', 'method', 'function', 'event'];
export const NAMED_THING_EN = NAMED_THINGS_EN.map((w) => (w.endsWith('y') ? `${w.slice(0, -1)}(?:y|ies)` : `${w}s?`)).join('|');
const NAMED_THINGS_ZH = ['命令', '工具', '软件包', '程序', '选项', '参数', '变量', '守护进程', '模块', '方法', '函数', '事件'];
export const NAMED_THING_ZH = NAMED_THINGS_ZH.join('|');

// "Is there a tool for that?", "Isn't there another command…", at a sentence's start; one thing (not "Are there any
// tools", several), of a named kind within two words (not "Is there a way to list what changed in a package?").
const IS_THERE_ONE_EN = new RegExp(
  String.raw`(?:^|[.!?。！？]\s*)[^\p{L}\p{N}]*(?:(?:and|so|hi|ok(?:ay)?)[\s,]+)?(?:is|isn['’]t)\s+there\s+(?:not\s+)?(?:a|an|any|another)\s+(?:[\w-]+\s+){0,2}(?:${NAMED_THINGS_EN.join('|')})\b`,
  'iu',
);
// "有没有查看上传者的工具?": 有没有 and a kind within a clause — not 方法 as the kind (a way, as in English), not
// 有没有办法/方式/途径/必要/人 (a way, a need, someone, whatever noun follows), and not inside a how-question
// ("怎么查看有没有安装某个软件包?", asksIsThereOne).
const IS_THERE_ONE_ZH = new RegExp(`有没有(?!人|办法|方法|方式|途径|必要)[^？?。，,]{0,16}?(?:${NAMED_THINGS_ZH.filter((w) => w !== '方法').join('|')})`);

/**
 * The question asks whether there is one thing of a named kind, as "which tool" does: its answer names it (a pronoun in
 * the next question stands for that name, query-analysis.ts).
 */
export const asksIsThereOne = (q: string): boolean => IS_THERE_ONE_EN.test(q) || (IS_THERE_ONE_ZH.test(q) && !HOW_ZH_WORD.test(q));

/** A word that frames a question (QUESTION_WORDS, or which/how many and a measure word): not what it is about. */
export const isQuestionWord = (word: string): boolean => QUESTION_WORDS.has(word) || ASKING_MEASURE.test(word);

/**
 * The English auxiliaries and forms of "to be" that open a question of their own ("Is…?", "Did…?", "May I…?"): a yes/no
 * question (kinds/yes-no.ts), not an ellipsis (ELLIPSIS_EN), the verb after a "when" that asks a time (ASKS_WHEN).
 * Written once: the three lists had drifted apart (yes/no lacked did, would, may, might, must, shall, had). "May" before
 * a number is the month ("May 2024 revenue?").
 */
export const ENGLISH_AUXILIARIES = String.raw`is|are|was|were|do|does|did|can|could|should|shall|will|would|may(?!\s+\d)|might|must|has|have|had`;

/** English question words (what, which, who…), as an alternation to build patterns on, beside ENGLISH_AUXILIARIES. */
export const ENGLISH_WH_WORDS = String.raw`what|which|who|whom|whose|how|why|when|where`;

/**
 * An auxiliary that the question inverts before its subject ("Will it report…?", "what will the output be called", "which
 * function must it export"): grammar, not content. The stopword list drops can, should, would, and the lexicon's closed
 * classes must and might; will and may stay as nouns (a will, the month of May), so in a question they weighed like
 * rare words the answer has to repeat. Only where a question inverts: at the start of a clause, or within three words
 * after a question word; never after a preposition or a determiner ("sales in May this year", "the will I signed").
 * Group 1 is the auxiliary.
 */
export const INVERTED_AUXILIARY = new RegExp(
  String.raw`(?<=(?:^|[.?!,;:])\s*(?:(?:and|so|but|or|then)\s+)?|\b(?:what|which|when|where|why|how|who|whom|whose)\s+(?:[\w'-]+\s+){0,3})` +
    String.raw`(?<!\b(?:in|of|on|since|until|till|by|from|before|after|during|the|a|an|this|that|his|her|my|your|their|its|our)\s+)` +
    String.raw`\b(${ENGLISH_AUXILIARIES})\s+(?=(?:i|you|it|he|she|we|they|this|that|these|those|there|the|a|an|my|your|its|our|their|one)\b)`,
  'gi',
);

/** "having" and the word after it: an auxiliary when that word is a past participle ("before having called prepare()"). */
export const HAVING_BEFORE = /\b(having)\s+([a-z]+)\b/gi;

/** "What happens if…", "what happened to…": the question asks for a consequence; the answer describes it without the verb. */
export const WHAT_HAPPENS = /\bwhat\s+(happen(?:s|ed)?)\b(?![-\w])/gi;

/**
 * "And MCAHTC?", "and strikethrough?", "What about the capital Q?", "and exit code 1?": the English ellipsis, a
 * noun phrase asked the way the previous question asked. Group 1 is what is asked; a group that opens with a
 * question word or an auxiliary ("And how do I run it?", "and can I…") is a question of its own, not an ellipsis.
 */
export const ELLIPSIS_EN = new RegExp(String.raw`^\s*(?:(?:ok(?:ay)?|so)\s*,?\s*)?(?:and|what about|how about)\s+(?:for\s+|with\s+|on\s+|in\s+)?(?!(?:${ENGLISH_WH_WORDS}|${ENGLISH_AUXILIARIES}|if|i|it)\b)(.{1,40}?)\s*[?.!]*\s*$`, 'i');

/** "那沐曦呢?" / "沐曦呢" / "那么寒武纪呢": an ellipsis that swaps one element of the previous question. */
export const ELLIPSIS = /^(?:那么?|还有|另外|那对于|对于)?\s*(.{1,24}?)\s*(?:呢|的呢|又如何|怎么样|如何)\s*[?\uFF1F]?\s*$/;

/** What opens a condition ("要是…", "如果…", "万一…", "要处理…的话"): an ellipsis "那X呢?" whose X is one asks the question again under it. */
export const CONDITION_OPENER = /^(?:要是|如果|假如|假使|万一|若|要|想)/;

/** Chinese modal verbs of one character (can, may, will, must, should, need, want to): the start of a predicate, never of a noun. */
export const CHINESE_MODALS = '能可会要该应需得想';

/** Characters that only glue a sentence together; a "word" made only of them (中有, 之中) carries nothing. */
export const FUNCTION_CHARS = new Set([...'的了是在和与及也都而之其为把被从对于以并或等着这那有就还又但将让向给由中上下里个吗呢吧啊么']);

/** A request for a list ("列出几家投资机构", "列举…"): it asks for items, and a 几 in it means "a few", not "how many". */
export const LIST_REQUEST = /列出|列举/;

/** A question that asks for a reason or a purpose ("为啥从 23.67% 掉到 2.48%?", "Why is -name placed before -type?"). */
export const WHY_QUESTION = /为什么|为何|为啥|什么原因|原因是|何故|怎么会|目的|\bwhy\b|what (?:is|was) the reason|for what purpose|how come/i;

/**
 * A count of years as one question term ("这三年" → 3年, "近 3 年" → 3年): a number under 100 and the 年 after it. Matched
 * as that count or a range of about that many years (term-matcher.ts), not as the bare number, which "3 月" or 2023 hold.
 */
export const YEAR_COUNT_TERM = /^(\d{1,2})年$/;

/**
 * A question's number as a term: digits, a decimal part or more dotted parts (an address, a version: 127.0.1.1), a
 * percent sign (matched as a whole number, term-matcher.ts).
 */
export const NUMBER_TERM = /^\d+(?:\.\d+)*%?$/;
