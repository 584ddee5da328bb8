import { englishLexicon } from '../shared/text/english-lexicon.js';
import { allMatches } from '../shared/text/all-matches.js';
import { analyzeText } from '../shared/text/tokenizer.js';

/**
 * "What arguments does the first one get?", "How does the second one differ…", 前一个在 Debian 上用的是哪个配置文件? —
 * a follow-up that picks one of two or more things the conversation just named, by position. Read as a pronoun it
 * stood for the whole previous turn, both things at once, and the answer was about either. The referent is the named
 * thing at that position in the previous question when it lists things (libnss-ldap 和 libnss-ldapd 有什么区别?), else
 * in the previous answer (leaving out what its question named: the answer's own new names).
 */

// The position asked: "the first/second/third/last one" ("of those" with it), "the former/latter (one)". "the first one
// in Africa", "the first one held…", "the second one that…" restrict it — a new thing (the first DebConf in Africa) is
// asked, not one named before; a preposition that ends the question does not ("what is the -i in the first one for?").
// A noun right after "the former/latter" makes it an adjective ("the latter half", "the former CEO": a word the lexicon
// lacks or writes capitalised is taken for one); a verb or a predicate does not ("does the latter do", "is the latter faster").
const ORDINAL_EN =
  /\bthe\s+(?:(first|second|third|last)\s+one(?:\s+of\s+(?:those|them|these))?|(former|latter)(?:\s+one)?)\b(?!\s+(?:in|at|on|of|to|with|from|for|that|which|who|where|when|held|made|written|released)\s+[\w"'“])/i;
// 前者/后者, and 前一个/后一个/最后一个 (种, 项, 款) standing alone: before a particle, a copula, a preposition or punctuation,
// not a noun (前一个版本 is the previous version, 最后一个步骤 the last step); 前/后/最后 a word of its own there (not
// 提前一个月). Traditional 後 too.
const ORDINAL_ZH = /(前者|[后後]者)|(前|[后後]|最[后後])一(?:个|個|种|種|项|項|款)(?=[在是的呢吗嗎还還都也\s\p{P}]|$)/u;
const POSITION: Record<string, number | 'last'> = {
  first: 0, former: 0, second: 1, third: 2, latter: 'last', last: 'last',
  前者: 0, 前: 0, 后者: 'last', 後者: 'last', 后: 'last', 後: 'last', 最后: 'last', 最後: 'last',
};
const NOUN = /^NN/;

// A named thing in a turn: an identifier written as one — a package, a function, an option, a path, an acronym
// (libnss-ldap, __copy__(), root_dir, -i, /etc/hosts, GTK) — or a run of two or more capitalised words (the Healing
// Brush, Wu Quan, Xinding Capital). Not a single capitalised or lower-case word: a sentence's first word, a language
// (Python), everyday words.
const IDENTIFIER = /(?<![\w.\/-])(?:--?|~?\/)?[A-Za-z_](?:[\w.+\/-]*[\w+])?(?:\(\))?(?![\w-])/g;
const CAPITALISED_RUN = /\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b/g;
// Abbreviations of everyday Latin ("e.g.", "i.e."): dotted, but no names.
const ABBREVIATION = /^(?:e\.g|i\.e|etc|vs|cf|et al)$/i;
// What may stand between two things a question lists: 和, 与, 、, a comma, and, or, vs (", and", the serial comma, too).
const LIST_JOIN = /^\s*(?:[,，、/]|[,，]?\s*(?:and|or)|和|与|與|及|跟|以及|或|或者|还是|還是|vs\.?|versus)\s*$/i;
// A question that lists things at all, named or not ("gzip or bzip2", 沐曦和壁仞): its own list is what a position picks.
const LISTS_THINGS = /[\p{L}\p{N})]\s*(?:和|与|與|还是|還是|或者?|跟|以及|、)\s*[\p{L}\p{N}]|\S\s+(?:or|and|vs\.?|versus)\s+\S/iu;

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
  const opensSentence = /(?:^|[.!?:;]\s+|\n)$/.test(text.slice(0, run.at));
  const [first, ...rest] = run.name.split(/\s+/);
  if (!opensSentence || !isEveryday(first)) return run;
  return rest.length >= 2 ? { name: rest.join(' '), at: run.at + run.name.indexOf(rest[0]) } : undefined;
}

/** The things a turn names, in the order it names them, each once; `listed`: only those it lists side by side. */
export function namedThings(text: string, listed = false): string[] {
  const runs = allMatches(CAPITALISED_RUN, text)
    .map((m) => withoutOpeningWord(text, { name: m[0], at: m.index ?? 0 }))
    .filter((r): r is Named => r !== undefined);
  const found: Named[] = [...runs];
  for (const m of allMatches(IDENTIFIER, text)) {
    const at = m.index ?? 0;
    if (runs.some((r) => at >= r.at && at < r.at + r.name.length)) continue;
    if (isIdentifierName(m[0])) found.push({ name: m[0], at });
  }
  found.sort((a, b) => a.at - b.at);
  const between = (a: Named, b: Named) => text.slice(a.at + a.name.length, b.at);
  const kept = listed ? found.filter((f, i) => (i > 0 && LIST_JOIN.test(between(found[i - 1], f))) || (i + 1 < found.length && LIST_JOIN.test(between(f, found[i + 1])))) : found;
  // Each once, as written (-i and -I are two options).
  return [...new Set(kept.map((f) => f.name))];
}

/** The position a question picks and where it says so, or undefined when it picks none. */
function positionAsked(question: string): { position: number | 'last'; at: number; length: number } | undefined {
  const en = ORDINAL_EN.exec(question);
  if (en) {
    const end = en.index + en[0].length;
    const next = /^\s+([A-Za-z]+)/.exec(question.slice(end))?.[1];
    const tags = next ? englishLexicon().get(next.toLowerCase()) : undefined;
    if (en[2] && !/\bone$/i.test(en[0]) && next && (!tags || NOUN.test(tags[0]) || /^[A-Z]/.test(next))) return undefined;
    return { position: POSITION[(en[1] ?? en[2]).toLowerCase()], at: en.index, length: en[0].length };
  }
  const zh = ORDINAL_ZH.exec(question);
  if (!zh) return undefined;
  // 前/后 a word of their own in jieba's cut (提前一个月 is 提前 | 1 | 个 | 月).
  const word = zh[1] ?? zh[2];
  if (!analyzeText(question).words.includes(word.replace('後', '后'))) return undefined;
  return { position: POSITION[word], at: zh.index, length: zh[0].length };
}

/**
 * The question with its positional reference replaced by the thing it picks, or undefined when it has none, or the
 * previous turn does not name enough things: a question that lists things picks among its own list (gzip or bzip2 —
 * two things, though not written as names), else among the answer's new names.
 */
export function resolveOrdinalReference(question: string, previousQuestion: string, previousAnswer: string | undefined): string | undefined {
  const asked = positionAsked(question);
  if (!asked) return undefined;
  const listed = namedThings(previousQuestion, true);
  const named = namedThings(previousQuestion).map((n) => n.toLowerCase());
  const fromQuestion = (n: string) => named.some((q) => q.includes(n.toLowerCase()) || n.toLowerCase().includes(q));
  const things = LISTS_THINGS.test(previousQuestion) ? listed : namedThings(previousAnswer ?? '').filter((n) => !fromQuestion(n));
  if (things.length < 2) return undefined;
  const thing = asked.position === 'last' ? things[things.length - 1] : things[asked.position];
  if (!thing) return undefined;
  return `${question.slice(0, asked.at)}${thing}${question.slice(asked.at + asked.length)}`;
}
