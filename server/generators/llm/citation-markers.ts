/**
 * Validation of the [n] citation markers an LLM writes.
 *
 * The model is told to cite passage ids as [n], but nothing forces it to: it may invent
 * numbers, merge them ("[1, 3]"), use full-width brackets (【2】, common in Chinese output) or
 * Markdown footnotes ([^2]).
 * Every marker is normalised to [n][m], and numbers that match no offered passage are dropped.
 *
 * The same scanner serves the whole answer and the token stream, so a marker split across
 * chunks ("…估值为 210.71 亿元[1" + "2]") is held back until it is complete and the streamed
 * text is always exactly the validated final text.
 */

/** A complete marker at the start of the string: [3], [1, 2], 【4】, [1、2], [^5] (footnote style). */
const COMPLETE = /^[[【]\^?[ \t]*(\d{1,4}(?:[ \t]*[,，、;；][ \t]*\d{1,4})*)[ \t]*[\]】]/;
/** Something that could still become a complete marker once more text arrives. */
const PARTIAL = /^[[【]\^?[ \t]*(?:\d{1,4}(?:[ \t]*[,，、;；][ \t]*\d{1,4})*(?:[ \t]*[,，、;；]?[ \t]*))?$/;
/** Longer pending text cannot be a marker we accept; stops a stray "[" from stalling the stream. */
const MAX_PENDING = 32;
const OPENERS = /[[【]/;

export interface MarkerFilter {
  /** Feed more model text; returns what can be shown now. */
  push(chunk: string): string;
  /** End of input: returns the held-back tail (an unfinished marker is kept as plain text). */
  flush(): string;
  /** Valid ids cited so far, in order of first appearance. */
  readonly cited: readonly number[];
}

export function createMarkerFilter(validIds: Iterable<number>): MarkerFilter {
  const valid = new Set(validIds);
  const cited: number[] = [];
  let pending = '';

  const replace = (numbers: string): string => {
    const kept: number[] = [];
    for (const part of numbers.split(/[ \t]*[,，、;；][ \t]*/)) {
      const n = Number(part);
      if (valid.has(n) && !kept.includes(n)) kept.push(n);
    }
    for (const n of kept) if (!cited.includes(n)) cited.push(n);
    return kept.map((n) => `[${n}]`).join('');
  };

  const drain = (final: boolean): string => {
    let out = '';
    for (;;) {
      const at = pending.search(OPENERS);
      if (at < 0) {
        out += pending;
        pending = '';
        return out;
      }
      out += pending.slice(0, at);
      pending = pending.slice(at);
      const complete = COMPLETE.exec(pending);
      // Length-capped like partials, so whole-text and streamed validation always agree.
      if (complete && complete[0].length <= MAX_PENDING) {
        out += replace(complete[1]);
        pending = pending.slice(complete[0].length);
        continue;
      }
      if (!final && pending.length <= MAX_PENDING && PARTIAL.test(pending)) return out;
      // Not a marker (or never finished): the bracket is ordinary text.
      out += pending[0];
      pending = pending.slice(1);
    }
  };

  return {
    push(chunk) {
      pending += chunk;
      return drain(false);
    },
    flush() {
      return drain(true);
    },
    get cited() {
      return cited;
    },
  };
}

/** Validates a whole answer at once; identical to streaming it through createMarkerFilter. */
export function validateMarkers(text: string, validIds: Iterable<number>): { text: string; cited: number[] } {
  const filter = createMarkerFilter(validIds);
  const out = filter.push(text) + filter.flush();
  return { text: out, cited: [...filter.cited] };
}
