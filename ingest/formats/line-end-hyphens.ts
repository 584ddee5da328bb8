/**
 * A hyphen at the end of a PDF line is either the typesetter's (TeX hyphenates "equiv-" / "alent") or the text's own
 * ("/etc/NetworkManager/system-" / "connections/", "SHA-" / "512", "wpa-" / "key-mgmt": a browser, Word or
 * LibreOffice only breaks a line after a hyphen the text already has). PDF keeps no mark of which, so the document
 * is asked: a word it also writes whole elsewhere ("equivalent") was hyphenated by the typesetter; one it writes with
 * its hyphen elsewhere keeps it. A word written neither way follows the document's own habit, measured over its
 * attested line-end hyphens; with none attested the hyphen stays (an identifier spelled wrong is worse than a word
 * kept in two halves). A hyphen before a digit or a capital ("SHA-512", "UTF-8", "Wi-Fi") always stays, and so does an
 * option's dash alone at a line end.
 */
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const TAIL = /([\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*)-$/u;
const OPTION_DASH = /(?:^|[\s(\[])(--?)$/;
const SHORT_OPTION = /^[A-Za-z0-9]{1,2}(?![A-Za-z0-9])/;
const HEAD = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/u;

export type HyphenJoin = (before: string, after: string) => 'join' | 'keep' | undefined;

/** The document's words (lower-cased, hyphenated compounds whole), from all its lines. */
export function documentWords(lines: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const line of lines) for (const m of line.toLowerCase().matchAll(WORD)) words.add(m[0]);
  return words;
}

/** What the document itself says about one line-end hyphen: 'join', 'keep', or undefined when it does not say. */
function attested(words: ReadonlySet<string>, tail: string, head: string): 'join' | 'keep' | undefined {
  const t = tail.toLowerCase();
  const h = head.toLowerCase();
  if (words.has(`${t}-${h}`)) return 'keep';
  if (words.has(t + h)) return 'join';
  return undefined;
}

/**
 * The decision for each line-end hyphen of one document: `pairs` are its consecutive lines (before, after) within
 * paragraphs, to measure the habit. Returns undefined for a line that does not end with a word and a hyphen.
 */
export function hyphenJoiner(words: ReadonlySet<string>, pairs: Iterable<[string, string]>): HyphenJoin {
  let joins = 0;
  let keeps = 0;
  for (const [before, after] of pairs) {
    const tail = TAIL.exec(before)?.[1];
    const head = HEAD.exec(after)?.[0];
    if (!tail || !head || !/^\p{Ll}/u.test(head)) continue;
    const said = attested(words, tail, head);
    if (said === 'join') joins++;
    else if (said === 'keep') keeps++;
  }
  const habit = joins > keeps ? 'join' : 'keep';
  return (before, after) => {
    // An option's dash left alone at a line end ("chage -" / "l user"): the option is "-l". A short option is a letter
    // or two ("-otherwise" is a dash in prose); a long one follows "--".
    const dash = OPTION_DASH.exec(before)?.[1];
    if (dash && (dash === '--' ? /^\p{L}/u : SHORT_OPTION).test(after)) return 'keep';
    const tail = TAIL.exec(before)?.[1];
    const head = HEAD.exec(after)?.[0];
    if (!tail || !head) return undefined;
    if (!/^\p{Ll}/u.test(head)) return 'keep';
    return attested(words, tail, head) ?? habit;
  };
}
