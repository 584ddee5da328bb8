/**
 * Is an element that looks like navigation (a "sidebar", "menu", "toc" class, an <aside>) navigation, or
 * content in a navigation-looking box? Judged on what it holds, the way readability-style extractors do
 * (Mozilla Readability's _cleanConditionally, _getLinkDensity): navigation is mostly link text, content is
 * prose. DocBook writes its "TIP" / "CULTURE" / "BACK TO BASICS" boxes as <div class="sidebar">, and
 * documentation sites write callouts as <aside>: prose that must be kept. A site's sidebar, a table of
 * contents, a menu are lists of links: dropped.
 *
 * Amounts are words, so a figure means the same in Chinese and English: a Han or kana character is a
 * word, and so is any other whitespace-separated run holding a letter or digit (a URL is one word, a
 * separator such as "›" or "|" none). Counted in characters, a Chinese box pointing to two URLs is
 * "mostly links" while its English original is not (the Debian Handbook's "DOCUMENTATION NFS HOWTO").
 *
 * Both thresholds are Readability's, not fitted here:
 * - MAX_LINK_DENSITY 0.5: Readability removes an element whose link density exceeds 0.5 (0.2 when its
 *   class looks negative; we take the lenient one because a dropped box loses facts silently, while a
 *   kept one costs a few chrome words in the index).
 * - MIN_WORDS 5: Readability does not count a run of fewer than 25 characters as content, about five
 *   English words; a box saying less (a breadcrumb "Docs › Network", a "Menu" label) is not prose.
 */
export const MAX_LINK_DENSITY = 0.5;
export const MIN_WORDS = 5;

const EAST_ASIAN_UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** One whitespace-free chunk's words: each Han or kana character, and whether the rest holds a letter or digit (one more word). */
function chunkWords(chunk: string): { eastAsian: number; latin: boolean } {
  let eastAsian = 0;
  const rest = chunk.replace(EAST_ASIAN_UNSPACED, () => {
    eastAsian++;
    return ' ';
  });
  return { eastAsian, latin: WORD_CHAR.test(rest) };
}

/** Words in a piece of text (see above). */
export function countWords(text: string): number {
  let n = 0;
  for (const chunk of text.split(/\s+/)) {
    if (!chunk) continue;
    const { eastAsian, latin } = chunkWords(chunk);
    n += eastAsian + (latin ? 1 : 0);
  }
  return n;
}

export interface TextAmount {
  /** Visible words inside the element. */
  text: number;
  /** Of those, words inside <a href>. */
  link: number;
}

export function isNavigation({ text, link }: TextAmount): boolean {
  return text < MIN_WORDS || link / text > MAX_LINK_DENSITY;
}

/**
 * Open navigation-looking elements, innermost last, each with its text amount so far and whatever the
 * reader needs to take it back (a checkpoint). Text counts towards the innermost one; an element kept
 * adds its amount to the one around it, an element dropped does not (the outer box is judged on what
 * it shows).
 */
export class NavigationCandidates<C> {
  private frames: Array<TextAmount & { checkpoint: C }> = [];

  enter(checkpoint: C): void {
    this.frames.push({ checkpoint, text: 0, link: 0 });
  }

  /**
   * Whether the text read so far ends inside a word: the parser hands a run of text over in pieces split at
   * its entities ("don" "’" "t"), and a word continued in the next piece is one word, not two. Any tag ends
   * the run (breakWord): "Prev</a></li><li>The" are two words.
   */
  private inWord = false;

  breakWord(): void {
    this.inWord = false;
  }

  count(raw: string, inLink: boolean): void {
    if (!raw) return;
    const chunks = raw.split(/\s+/);
    let n = 0;
    let firstLatin = false;
    let lastLatin = false;
    for (let i = 0; i < chunks.length; i++) {
      if (!chunks[i]) continue;
      const { eastAsian, latin } = chunkWords(chunks[i]);
      n += eastAsian + (latin ? 1 : 0);
      if (i === 0) firstLatin = latin;
      if (i === chunks.length - 1) lastLatin = latin;
    }
    // The first chunk continues the previous piece's word: counted there already.
    if (this.inWord && firstLatin) n--;
    this.inWord = chunks.length > 1 ? lastLatin : this.inWord || lastLatin;
    const top = this.frames[this.frames.length - 1];
    if (!top) return;
    top.text += n;
    if (inLink) top.link += n;
  }

  /** Leaves the innermost element: its checkpoint, and whether it is navigation (to be taken back). */
  leave(): { checkpoint: C; navigation: boolean } {
    const frame = this.frames.pop();
    if (!frame) throw new Error('NavigationCandidates.leave without enter');
    const navigation = isNavigation(frame);
    const outer = this.frames[this.frames.length - 1];
    if (outer && !navigation) {
      outer.text += frame.text;
      outer.link += frame.link;
    }
    return { checkpoint: frame.checkpoint, navigation };
  }
}
