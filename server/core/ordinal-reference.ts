import { englishLexicon, wordAfter } from '../shared/text/english-lexicon.js';
import { allMatches } from '../shared/text/all-matches.js';
import { analyzeText } from '../shared/text/tokenizer.js';
import { HAN_RANGE, hasHan } from '../shared/text/char-classes.js';

/**
 * "What arguments does the first one get?", "How does the second one differ…", 前一个在 Debian 上用的是哪个配置文件? —
 * a follow-up that picks one of two or more things the conversation just named, by position. Read as a pronoun it
 * stood for the whole previous turn, both things at once, and the answer was about either. The referent is the named
 * thing at that position in the previous question when it lists things (libnss-ldap 和 libnss-ldapd 有什么区别?), else
 * in the previous answer (leaving out what its question named: the answer's own new names). Nothing when that is not
 * clear: a list with members that are no names (gzip or bzip2), fewer than two things, two positions asked at once.
 * The same reading of named things gives nameAnswered (below): the one name an answer gave, for a pronoun that stands for
 * it ("它的流行度呢?" after "是 vim-syntastic。").
 */

// The position asked: "the first/second/third/last one" ("of those" with it), "the former/latter (one)". "the first one
// in Africa", "the first one held…", "the second one that…" restrict it — a new thing (the first DebConf in Africa) is
// asked, not one named before; a preposition that ends the question does not ("what is the -i in the first one for?").
// ("one" is taken whole or not at all: "the latter one of them" is no "the latter" before the word "one".)
const ORDINAL_EN = new RegExp(
  String.raw`\bthe\s+(?:(first|second|third|last)\s+one|(former|latter)(?:\s+one\b|(?!\s+one\b)))(?:\s+of\s+(?:those|them|these))?\b` +
    String.raw`(?!\s+(?:in|at|on|of|to|with|from|for|that|which|who|where|when|held|made|written|released)\s+[\w"'“])`,
  'gi',
);
// "Does the latter…", "can the former…": after do or a modal, former/latter are a subject and a verb follows, whatever the
// lexicon tags it first (work, need, use are nouns first). Not after a form of "to be": "Who was the former CEO".
const AFTER_AUXILIARY = /\b(?:do|does|did|can|could|will|would|should|shall|must|might|may)\s+$/i;
// 前者/后者, and 前一个/后一个/最后一个 (种, 项, 款) standing alone: before a particle, a verb or preposition's first character,
// or punctuation — not a noun (前一个版本 is the previous version, 最后一个步骤 the last step); 前/后/最后 a word of its own
// there (not 提前一个月, 目前一个). Traditional 後 too.
const ORDINAL_ZH =
  /(前者|[后後]者)|(前|[后後]|最[后後])一(?:个|個|种|種|项|項|款)(?=[在是的呢吗嗎还還都也有和与與怎为為能会會比更没沒不对對跟\s\p{P}]|$)/gu;
const POSITION: Record<string, number | 'last'> = {
  first: 0, former: 0, second: 1, third: 2, latter: 'last', last: 'last',
  前者: 0, 前: 0, 后者: 'last', 後者: 'last', 后: 'last', 後: 'last', 最后: 'last', 最後: 'last',
};

// A named thing in a turn: an identifier written as one — a package, a function, an option, a path, an acronym
// (libnss-ldap, __copy__(), root_dir, -i, /etc/hosts, GTK) — or a run of two or more capitalised words on one line (the
// Healing Brush, Wu Quan, Xinding Capital). Not a single capitalised or lower-case word: a sentence's first word, a
// language (Python), everyday words. (The lookbehind holds every character the name may repeat: linear on long text.)
const IDENTIFIER = /(?<![\w.+\/-])(?:--?|~?\/)?[A-Za-z_](?:[\w.+\/-]*[\w+])?(?:\(\))?(?![\w-])/g;
const CAPITALISED_RUN = /\b[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)+\b/g;
// Abbreviations of everyday Latin ("e.g.", "i.e.", "a.k.a."): dotted, but no names.
const ABBREVIATION = /^(?:(?:[a-z]\.)+[a-z]|etc|vs|cf)$/i;
// The words that join two things listed: English and Chinese.
const AND_OR = 'and|or';
const VERSUS = String.raw`vs\.?|versus`;
const JOINS_EN = `${AND_OR}|${VERSUS}`;
const JOINS_ZH = '和|与|與|跟|以及|或者?|还是|還是';
// What may stand between two things a question lists: one of those (and/or after a comma too: ", and", the serial comma),
// 及, or a comma, 、, a slash.
const JOIN = String.raw`(?:[,，、/]|[,，]?\s*(?:${AND_OR})|${VERSUS}|${JOINS_ZH}|及)`;
const LIST_JOIN = new RegExp(String.raw`^\s*${JOIN}\s*$`, 'i');
// The word before and after a connective, to tell a list of things from one of verbs ("install and configure").
const JOINED_EN = new RegExp(String.raw`([A-Za-z][\w.+-]*)\s+(?:${JOINS_EN})\s+([A-Za-z][\w.+-]*)`, 'gi');
const JOINED_ZH = new RegExp(String.raw`(\S)\s*(${JOINS_ZH}|、)\s*(\S)`, 'gu');
// A list continues past a name ("gzip, xz-utils or bzip2": gzip is a member, though no name).
const JOINED_BEFORE = new RegExp(String.raw`[\p{L}\p{N}_)]\s*${JOIN}\s*$`, 'iu');
const JOINED_AFTER = new RegExp(String.raw`^\s*${JOIN}\s*[\p{L}\p{N}_(]`, 'iu');
const VERB_TAG = /^VB/;
const NOUN_TAG = /^NN/;

interface Named {
  name: string;
  at: number;
}

const isEveryday = (word: string) => englishLexicon().has(word.toLowerCase());

/**
 * An identifier is a name when it is written as code or an acronym — digits, underscores, brackets, an option's dash, a
 * path's slash, a dot inside, all capitals — but not a dotted abbreviation (e.g.) nor a hyphenated everyday phrase whose
 * every part is English (built-in, well-known: libnss-ldap and fonts-croscore have a part that is not).
 */
function isIdentifierName(word: string): boolean {
  if (ABBREVIATION.test(word)) return false;
  if (/^[a-z]+(?:-[a-z]+)+$/i.test(word) && word.split('-').every(isEveryday)) return false;
  return /[_\d()+.\/-]/.test(word) || /^[A-Z]{2,}$/.test(word);
}

/** A capitalised run without the everyday word a sentence opens with ("Both Red Hat" → Red Hat, "The Healing Brush"). */
function withoutOpeningWord(text: string, run: Named): Named | undefined {
  const opensSentence = /(?:^|[.!?:;。！？•*]\s*|\n\s*)$/.test(text.slice(Math.max(0, run.at - 4), run.at));
  const [first, ...rest] = run.name.split(/\s+/);
  if (!opensSentence || !isEveryday(first)) return run;
  return rest.length >= 2 ? { name: rest.join(' '), at: run.at + run.name.indexOf(rest[0]) } : undefined;
}

/** The things a turn names, in the order it names them. */
function named(text: string): Named[] {
  const runs = allMatches(CAPITALISED_RUN, text)
    .map((m) => withoutOpeningWord(text, { name: m[0], at: m.index ?? 0 }))
    .filter((r): r is Named => r !== undefined);
  const found: Named[] = [...runs];
  let r = 0;
  for (const m of allMatches(IDENTIFIER, text)) {
    const at = m.index ?? 0;
    while (r < runs.length && runs[r].at + runs[r].name.length <= at) r++;
    if (r < runs.length && at >= runs[r].at) continue;
    if (isIdentifierName(m[0])) found.push({ name: m[0], at });
  }
  return found.sort((a, b) => a.at - b.at);
}

/** The named things a question lists side by side (only a connective between two of them). */
function listed(text: string): Named[] {
  const found = named(text);
  const between = (a: Named, b: Named) => text.slice(a.at + a.name.length, b.at);
  return found.filter((f, i) => (i > 0 && LIST_JOIN.test(between(found[i - 1], f))) || (i + 1 < found.length && LIST_JOIN.test(between(f, found[i + 1]))));
}

/** Each once, as written (-i and -I are two options). */
const names = (things: readonly Named[]) => [...new Set(things.map((t) => t.name))];

/** The things a turn names, in the order it names them, each once; `sideBySide`: only those it lists side by side. */
export function namedThings(text: string, sideBySide = false): string[] {
  return names(sideBySide ? listed(text) : named(text));
}

// A word of letters and digits standing on its own (ncftp, mawk, McAfee; not a piece of a path, a URL or an identifier).
const LATIN_WORD = /(?<![\w.+\/:-])[A-Za-z][A-Za-z0-9]+(?![\w+\/:-]|\.\w)/g;
// Before a Chinese answer's first Latin name, Chinese that names something itself: a run of four characters, a clause break.
const CHINESE_NAME_FIRST = new RegExp(`[${HAN_RANGE}]{4}|[,，。;；:：]`);

/**
 * The name an answer gave that its question did not: the first thing it names (an identifier or a capitalised run, as
 * above) or a word the English lexicon lacks ("That is ncftp.", "McAfee is named…", "是 vim-syntastic。"), not one the
 * question named (compared as whole words). Undefined when the answer names nothing new, or a Chinese answer names
 * something in Chinese first ("是摩尔线程,其 GPU…": not GPU).
 */
export function nameAnswered(answer: string, question: string): string | undefined {
  const asked = new Set(question.normalize('NFKC').toLowerCase().match(/[\w.+\/-]+/g) ?? []);
  const text = answer.normalize('NFKC');
  const words = allMatches(LATIN_WORD, text)
    .filter((m) => !isEveryday(m[0]) && !ABBREVIATION.test(m[0]))
    .map((m) => ({ name: m[0], at: m.index ?? 0 }));
  for (const thing of [...named(text), ...words].sort((a, b) => a.at - b.at)) {
    if (thing.name.split(/\s+/).every((w) => asked.has(w.toLowerCase()))) continue;
    const before = text.slice(0, thing.at);
    return hasHan(before) && CHINESE_NAME_FIRST.test(before) ? undefined : thing.name;
  }
  return undefined;
}

/**
 * Whether a question lists things at all, named or not ("gzip or bzip2", 沐曦和壁仞): its own list is then what a
 * position picks. Not verbs joined ("install and configure"), nor a connective inside a word (参与, 跟踪).
 */
function listsThings(text: string): boolean {
  for (const m of allMatches(JOINED_EN, text)) {
    const verb = (w: string) => VERB_TAG.test(englishLexicon().get(w.toLowerCase())?.[0] ?? '');
    if (!verb(m[1]) && !verb(m[2])) return true;
  }
  if (!/[\u4e00-\u9fff]/.test(text)) return false;
  const words = analyzeText(text).words;
  for (const m of allMatches(JOINED_ZH, text)) {
    const [, before, join, after] = m;
    if (!/[\p{L}\p{N}]/u.test(before) || !/[\p{L}\p{N}]/u.test(after)) continue;
    if (!words.some((w) => w.includes(before + join[0]) || w.includes(join.at(-1)! + after))) return true;
  }
  return false;
}

/** The position a question picks and where it says so, or undefined when it picks none, or two. */
function positionAsked(question: string): { position: number | 'last'; at: number; length: number } | undefined {
  const en = allMatches(ORDINAL_EN, question);
  const zh = allMatches(ORDINAL_ZH, question);
  if (en.length + zh.length !== 1) return undefined;
  if (en.length) {
    const [m] = en;
    // "the former CEO", "the latter half": a noun after former/latter (a word the lexicon lacks, or capitalised, taken
    // for one; a word it tags as a verb too is read as one, "the latter works") — unless an auxiliary comes before.
    if (m[2] && !/\bone$/i.test(m[0]) && !AFTER_AUXILIARY.test(question.slice(0, m.index))) {
      const next = wordAfter(question, (m.index ?? 0) + m[0].length);
      const tags = next?.tags;
      if (next && (!tags || /^[A-Z]/.test(next.word) || (NOUN_TAG.test(tags[0]) && !tags.some((t) => VERB_TAG.test(t))) || tags[0].startsWith('JJ'))) return undefined;
    }
    return { position: POSITION[(m[1] ?? m[2]).toLowerCase()], at: m.index ?? 0, length: m[0].length };
  }
  const [m] = zh;
  // 前/后 a word of their own in jieba's cut (提前一个月 is 提前 | 1 | 个 | 月).
  const word = m[1] ?? m[2];
  if (!analyzeText(question).words.includes(word.replace('後', '后'))) return undefined;
  return { position: POSITION[word], at: m.index ?? 0, length: m[0].length };
}

/**
 * The question with its positional reference replaced by the thing it picks, or undefined when it picks none or the
 * pick is not clear (see above).
 */
export function resolveOrdinalReference(question: string, previousQuestion: string, previousAnswer: string | undefined): string | undefined {
  const asked = positionAsked(question);
  if (!asked) return undefined;
  let things: string[];
  if (listsThings(previousQuestion)) {
    const list = listed(previousQuestion);
    // A member before the first name or after the last is no name: the positions would shift.
    if (!list.length || JOINED_BEFORE.test(previousQuestion.slice(0, list[0].at))) return undefined;
    const last = list[list.length - 1];
    if (JOINED_AFTER.test(previousQuestion.slice(last.at + last.name.length))) return undefined;
    things = names(list);
  } else {
    // The answer's own new names: not one the question named (compared whole: "ldap" asked does not hide libnss-ldap).
    const asked = new Set(names(named(previousQuestion)).map((n) => n.toLowerCase()));
    things = names(named(previousAnswer ?? '')).filter((n) => !asked.has(n.toLowerCase()));
  }
  if (things.length < 2) return undefined;
  const thing = asked.position === 'last' ? things[things.length - 1] : things[asked.position];
  if (!thing) return undefined;
  return `${question.slice(0, asked.at)}${thing}${question.slice(asked.at + asked.length)}`;
}
