/**
 * A hyphen at the end of a PDF line is either the typesetter's (TeX hyphenates "equiv-" / "alent") or the text's own
 * ("/etc/NetworkManager/system-" / "connections/", "SHA-" / "512", "wpa-" / "key-mgmt": a browser, Word or
 * LibreOffice only breaks a line after a hyphen the text already has). PDF keeps no mark of which, so the document
 * is asked: a word it also writes whole elsewhere ("equivalent") was hyphenated by the typesetter; one it writes with
 * its hyphen elsewhere keeps it. A word written neither way follows the document's own habit, measured over its
 * attested line-end hyphens; with none attested the hyphen stays (an identifier spelled wrong is worse than a word
 * kept in two halves). The hyphen always stays before a digit ("SHA-512", "UTF-8"), before a capital after a
 * lower-case letter ("Wi-Fi"), and after a part that already has one ("fonts-crosextra-" / "carlito": TeX breaks a
 * hyphenated compound only at its own hyphens). An option's dash alone at a line end joins its name when it cannot be
 * prose: right after a bracket ("(-" / "l user"), or when the document writes that option elsewhere.
 */
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
// (Only the line's last 200 characters are looked at: an unanchored match over a long run of letters and hyphens is quadratic.)
const TAIL = /([\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*)-$/u;
const HEAD = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/u;
const LONE_DASH = /(^|[\s([{])(--?)$/;
const OPTION = /(?:^|[\s([{"'`=,])(--?[A-Za-z0-9][\w-]*)/g;
const OPTION_NAME = /^[A-Za-z0-9][\w-]*/;

export type HyphenJoin = (before: string, after: string) => 'join' | 'keep' | undefined;

/** What the document writes: its words (lower-cased, hyphenated compounds whole) and its option names (-l, --follow). */
export interface DocumentWords {
  words: Set<string>;
  options: Set<string>;
}

export function documentWords(lines: Iterable<string>): DocumentWords {
  const words = new Set<string>();
  const options = new Set<string>();
  for (const line of lines) {
    // (An option's name, "l" of "-l", is not a word of the text.)
    const lower = line.toLowerCase();
    for (const m of lower.matchAll(WORD)) if (lower[m.index - 1] !== '-') words.add(m[0]);
    for (const m of line.matchAll(OPTION)) options.add(m[1]);
  }
  return { words, options };
}

/** What the document itself says about one line-end hyphen: 'join', 'keep', or undefined when it does not say. */
function attested(words: ReadonlySet<string>, tail: string, head: string): 'join' | 'keep' | undefined {
  const t = tail.toLowerCase();
  const h = head.toLowerCase();
  if (words.has(`${t}-${h}`)) return 'keep';
  if (words.has(t + h)) return 'join';
  return undefined;
}

const tailOf = (before: string) => (before.endsWith('-') ? TAIL.exec(before.slice(-200))?.[1] : undefined);
/** The word before a line-end hyphen and the word the next line opens with, when there are both. */
function splitAt(before: string, after: string): { tail: string; head: string } | undefined {
  const tail = tailOf(before);
  const head = tail ? HEAD.exec(after)?.[0] : undefined;
  return tail && head ? { tail, head } : undefined;
}
// A word's part that the typesetter could have broken: letters only, no hyphen of its own.
const breakable = (tail: string, head: string) => !tail.includes('-') && /^\p{L}/u.test(head) && /\p{L}$/u.test(tail);
// Before a digit, or a capital after a lower-case letter, the hyphen is the word's whatever the document's habit.
const ownHyphen = (tail: string, head: string) => /^\p{N}/u.test(head) || (/^\p{Lu}/u.test(head) && /\p{Ll}$/u.test(tail));

/**
 * The decision for each line-end hyphen of one document: `pairs` are its consecutive lines (before, after) — every
 * pair of a page, paragraph breaks and code included: only a line ending in a word and a hyphen counts — to measure
 * the habit. Returns undefined for a line that does not end with a hyphen the rules decide.
 */
export function hyphenJoiner({ words, options }: DocumentWords, pairs: Iterable<[string, string]>): HyphenJoin {
  let joins = 0;
  let keeps = 0;
  for (const [before, after] of pairs) {
    const split = splitAt(before, after);
    if (!split || !breakable(split.tail, split.head) || !/^\p{Ll}/u.test(split.head)) continue;
    const said = attested(words, split.tail, split.head);
    if (said === 'join') joins++;
    else if (said === 'keep') keeps++;
  }
  const habit = joins > keeps ? 'join' : 'keep';
  return (before, after) => {
    const dash = LONE_DASH.exec(before);
    if (dash) {
      const name = OPTION_NAME.exec(after)?.[0];
      // A known option whose name is also a word or number of the text ("-a" and "a number", "-1" and "0 - 1") may be prose.
      const known = name !== undefined && options.has(dash[2] + name) && !words.has(name.toLowerCase());
      return name !== undefined && (dash[1] !== '' && /[([{]/.test(dash[1]) ? /^[A-Za-z]/.test(name) : known) ? 'keep' : undefined;
    }
    const split = splitAt(before, after);
    if (!split) return undefined;
    const { tail, head } = split;
    if (ownHyphen(tail, head) || !breakable(tail, head)) return 'keep';
    // (An upper-case word TeX hyphenated, "MAP-" / "PING", is looked up like any other.)
    const said = attested(words, tail, head);
    if (said) return said;
    return /^\p{Lu}/u.test(head) ? 'keep' : habit;
  };
}
