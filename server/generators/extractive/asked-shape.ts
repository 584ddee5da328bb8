import { CJK_UNIFIED_RANGE } from '../../shared/text/char-classes.js';

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
  { shape: 'path', asks: /\b(?:files?|director(?:y|ies)|folders?|paths?|config(?:uration)? file)\b|文件|目录|路径|文件夹/i },
  {
    shape: 'name',
    asks: /\b(?:commands?|tools?|packages?|programs?|utilit(?:y|ies)|options?|flags?|variables?|daemons?|modules?|methods?|functions?|events?)\b|命令|工具|软件包|程序|选项|参数|变量|守护进程|模块|方法|函数|事件/i,
  },
];

const SHAPES: Record<AskedShape, RegExp> = {
  number: /\d/,
  // /etc/hostname, ~/.ssh/config, sources.list, graphical.target, .bashrc
  path: /(?:^|[^\w/])~?\/[\w.-]+|[\w-]+\.(?:conf|cfg|ini|list|rc|txt|json|ya?ml|target|service|socket|sh|d|log|xml|html|js|ts|py|pem|key)\b|(?:^|\s)\.[\w-]+/i,
  // "tracepath", `dgram.createSocket()`, ldap-createuser-krb5, --verbose, a Latin name inside Chinese text, a code line
  // (\x60: a backtick.)
  name: new RegExp(String.raw`["“'\x60‘][\w.:/-]+["”'\x60’]|[A-Za-z]\w*[-_.:/][\w-]+|\w\(\)|(?:^|\s)--?\w|[${CJK_UNIFIED_RANGE}]\s*[A-Za-z][\w-]+|[A-Za-z][\w-]+\s*[${CJK_UNIFIED_RANGE}]`),
};

/** The shape of value the question asks for, if it asks for one of these (the first cue that matches wins). */
export function askedShape(question: string): AskedShape | undefined {
  const q = question.normalize('NFKC');
  return CUES.find((c) => c.asks.test(q))?.shape;
}

/** The sentence holds a value of that shape (a code line always holds a name). */
export function holdsShape(shape: AskedShape, text: string, code = false): boolean {
  return (shape === 'name' && code) || SHAPES[shape].test(text.normalize('NFKC'));
}

const SHAPES_ALL = Object.fromEntries(Object.entries(SHAPES).map(([k, r]) => [k, new RegExp(r.source, `${r.flags}g`)])) as Record<AskedShape, RegExp>;
const bare = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s"“”'‘’\x60]/g, '');

/**
 * The sentence holds a value of that shape that the question does not already say: "Which command brings up the link
 * once pppoeconf is done?" is not answered by a sentence whose only name is pppoeconf.
 */
export function holdsNewShape(shape: AskedShape, text: string, question: string, code = false): boolean {
  const asked = bare(question);
  if (shape === 'name' && code) return !asked.includes(bare(text));
  for (const m of text.normalize('NFKC').matchAll(SHAPES_ALL[shape])) {
    // (The match may carry a neighbouring Chinese character or a space: only its Latin, digit and path part is compared.)
    const value = bare(m[0]).replace(new RegExp(`[${CJK_UNIFIED_RANGE}]`, 'g'), '');
    if (value && !asked.includes(value)) return true;
  }
  return false;
}

// An interrogative right before the shape's word ("which command", "what config file", "哪个命令", "什么工具").
const ASKS_BEFORE = /(?:\b(?:which|what)\s+(?:[\w-]+\s+)?|(?:哪|什么|啥)[个些款种一]*\s*)$/i;

/**
 * The shape the question asks for by name ("Which command…", "用哪个命令…"), not one it only mentions as its topic
 * ("What does the daemon read?"): the stricter reading, for quoting a further sentence to deliver it.
 */
export function shapeAskedFor(question: string): AskedShape | undefined {
  const q = question.normalize('NFKC');
  for (const { shape, asks } of CUES) {
    for (const m of q.matchAll(new RegExp(asks.source, `${asks.flags.replace('g', '')}g`))) {
      if (ASKS_BEFORE.test(q.slice(Math.max(0, m.index - 30), m.index))) return shape;
    }
  }
  return undefined;
}
