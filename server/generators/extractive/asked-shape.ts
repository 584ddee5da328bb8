import { CJK_UNIFIED_RANGE } from '../../shared/text/char-classes.js';
import { detectAnswerType } from '../../core/answer-type.js';
import { NAMED_THING_EN, NAMED_THING_ZH } from '../../core/question-words.js';
import { allMatches } from '../../shared/text/all-matches.js';

/**
 * Technical questions ask for a value with a visible shape that the answer types of core/answer-type.ts do not
 * cover: a port is a number, a file a path, a command or package a code-like name. A sentence that names the
 * topic but holds no value of that shape is the typical confident near miss ("Which file holds the hostname?" →
 * "This file should contain only the hostname."). General cue words in both languages, written once here; the
 * calibrated decision (features.ts) weighs the result, nothing refuses on it alone.
 */
export type AskedShape = 'number' | 'path' | 'name';

const CUES: Array<{ shape: AskedShape; asks: RegExp }> = [
  { shape: 'number', asks: /\bports?\b|端口|\bport number\b/i },
  // (A file system is not a file: "which file system / file-system / 文件系統…" asks for none of these shapes, not a path.)
  { shape: 'path', asks: /\b(?:files?(?![\s-]*systems?\b)|director(?:y|ies)|folders?|paths?|config(?:uration)? file)\b|文件(?!系[统統])|目录|路径/i },
  {
    shape: 'name',
    asks: new RegExp(String.raw`\b(?:${NAMED_THING_EN})\b|${NAMED_THING_ZH}`, 'i'),
  },
];

// A question word that asks which thing, as opposed to how many.
const ASKS_WHICH = /什么|哪|\b(?:which|what)\b/i;

// A number standing alone (port 22, |636 |, 22 端口) or an option's value (-p2222): not a digit of a name (IMAP4, ssh2,
// x86_64) nor a manual page's section (sshd(8), passwd(1ssl)), which say no value. (ASCII \w: a Chinese character beside
// a number is no name.)
const NUMBER = String.raw`(?:(?<![\w.]|\w\()|(?<=(?:^|\s)--?[A-Za-z]))\d+(?:\.\d+)*(?!\w)`;

const SHAPES: Record<AskedShape, RegExp> = {
  number: new RegExp(NUMBER),
  // /etc/hostname, ~/.ssh/config, sources.list, graphical.target, .bashrc
  path: /(?:^|[^\w/])~?\/[\w.-]+|[\w-]+\.(?:conf|cfg|ini|list|rc|txt|json|ya?ml|target|service|socket|sh|d|log|xml|html|js|ts|py|pem|key)\b|(?:^|\s)\.[\w-]+/i,
  // "tracepath", `dgram.createSocket()`, ldap-createuser-krb5, --verbose, a Latin name inside Chinese text, a code line
  // (\x60: a backtick.)
  name: new RegExp(String.raw`["“'\x60‘][\w.:/-]+["”'\x60’]|[A-Za-z]\w*[-_.:/][\w-]+|\w\(\)|(?:^|\s)--?\w|[${CJK_UNIFIED_RANGE}]\s*[A-Za-z][\w-]+|[A-Za-z][\w-]+\s*[${CJK_UNIFIED_RANGE}]`),
};

/**
 * The shape of value the question asks for, if it asks for one of these (the first cue that matches wins). A count
 * ("How many paint tools…?", "有多少个命令?") asks for a number: the cue word is what it counts, not the answer's shape —
 * unless the question also asks which one ("用什么命令查看有多少个文件?", "Which file sets how many retries…?").
 */
export function askedShape(question: string): AskedShape | undefined {
  const q = question.normalize('NFKC');
  const shape = CUES.find((c) => c.asks.test(q))?.shape;
  return shape !== undefined && shape !== 'number' && detectAnswerType(q) === 'number' && !ASKS_WHICH.test(q) ? undefined : shape;
}

/** The sentence holds a value of that shape (a code line always holds a name). */
export function holdsShape(shape: AskedShape, text: string, code = false): boolean {
  return (shape === 'name' && code) || SHAPES[shape].test(text.normalize('NFKC'));
}

const SHAPES_ALL = Object.fromEntries(Object.entries(SHAPES).map(([k, r]) => [k, new RegExp(r.source, `${r.flags}g`)])) as Record<AskedShape, RegExp>;
// Stricter, for the sentence an answer adds because of it: a whole number; a name that is code-like (quoted, a path,
// a dotted or colon name, a call, an option) or named as a command or tool ("semodule 命令", "以命令 pon", "the wctl
// command") — a plain hyphenated word ("well-known") or an abbreviation ("e.g.") is prose, not a name.
const STRICT: Record<AskedShape, RegExp> = {
  number: new RegExp(NUMBER, 'g'),
  path: SHAPES_ALL.path,
  name: new RegExp(
    String.raw`["“'\x60‘]([\w.:/-]+)["”'\x60’]|([A-Za-z]\w*(?:[_.:/]\w[\w-]*)+)|(\w+\(\))|(?:^|\s)(--?[A-Za-z][\w-]*)|([A-Za-z][\w-]*)\s*(?:命令|工具|程序|软件包)|(?:命令|工具|程序|软件包)\s*([A-Za-z][\w-]*)|\b([A-Za-z][\w-]*)\s+(?:command|tool|utility|program)\b|\b(?:command|tool|utility|program|run|use)\s+([A-Za-z][\w-]*)`,
    'g',
  ),
};
const ABBREVIATION = /^(?:[a-z]\.)+[a-z]?\.?$/i;
const CJK = new RegExp(`[${CJK_UNIFIED_RANGE}\\s]`, 'g');
// The question's own tokens, whole: "ls" is not already said by "tools", 22 not by "version 2".
const tokensOf = (text: string) => new Set(text.normalize('NFKC').toLowerCase().match(/[\w.:/-]+/g) ?? []);

/**
 * The sentence holds a value of that shape that the question does not already say: "Which command brings up the link
 * once pppoeconf is done?" is not answered by a sentence whose only name is pppoeconf. `strict` reads only clear values
 * (STRICT), for a sentence to be added to an answer; otherwise any value of the shape counts.
 */
export function holdsNewShape(shape: AskedShape, text: string, question: string, code = false, strict = false): boolean {
  const asked = tokensOf(question);
  const isNew = (value: string) => value !== '' && !ABBREVIATION.test(value) && !asked.has(value.toLowerCase());
  if (shape === 'name' && code) return [...tokensOf(text)].some(isNew);
  for (const m of allMatches(strict ? STRICT[shape] : SHAPES_ALL[shape], text.normalize('NFKC'))) {
    // (A loose match may carry a neighbouring Chinese character or a space: only its Latin, digit and path part counts.)
    const value = (m.slice(1).find((g) => g !== undefined) ?? m[0]).replace(CJK, '').replace(/^["“'\x60‘]|["”'\x60’]$/g, '');
    if (isNew(value)) return true;
  }
  return false;
}

// The cues with the 'g' flag, made once (allMatches needs it, and leaves their lastIndex as it found it).
const CUES_ALL = CUES.map(({ shape, asks }) => ({ shape, asks: new RegExp(asks.source, `${asks.flags.replace('g', '')}g`) }));
// An interrogative right before the shape's word ("which command", "what's the config file", "哪个命令", "哪条命令",
// "什么工具"), not "what does command mode do" nor 为什么.
const ASKS_BEFORE = /(?:\b(?:which|what)(?:'s|\s+is|\s+are)?(?:\s+the)?\s+(?:(?!(?:does|do|did|is|are|was|were|can|could|should|will|would)\b)[\w-]+\s+)?|(?:哪|(?<!为)什么|啥)[个些款种一条份项类位]*\s*)$/i;

/**
 * The shape the question asks for by name ("Which command…", "用哪个命令…"), not one it only mentions as its topic
 * ("What does the daemon read?"): the stricter reading, for quoting a further sentence to deliver it.
 */
export function shapeAskedFor(question: string): AskedShape | undefined {
  const q = question.normalize('NFKC');
  for (const { shape, asks } of CUES_ALL) {
    for (const m of allMatches(asks, q)) {
      if (ASKS_BEFORE.test(q.slice(Math.max(0, m.index - 30), m.index))) return shape;
    }
  }
  return undefined;
}
