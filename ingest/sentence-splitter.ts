/**
 * Splits raw text into paragraphs and sentences, keeping exact [start, end) offsets into the
 * string (JS UTF-16 indices), so a citation's quote is always text.slice(start, end).
 */
export interface Span {
  start: number;
  end: number;
}

export interface Paragraph extends Span {
  sentences: Span[];
}

// Chinese 。!?; (half- and full-width), the ellipsis, and English .!? before whitespace or the end.
// A '.' between digits (18.40) or inside a Latin token (e.g., v1.2) is not a boundary.
const TERMINATOR = /[。\uFF01\uFF1F\uFF1B!?;]+|…+|\.{3,}|[.!?](?=\s|$)/g;
// Closing quotes and brackets that belong to the sentence they close.
const CLOSERS = /^[”’"'」』)）\]】》]+/;

function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { start, end } : null;
}

export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  const segment = text.slice(from, to);
  let cursor = 0;
  for (const m of segment.matchAll(TERMINATOR)) {
    let end = m.index + m[0].length;
    const closer = CLOSERS.exec(segment.slice(end));
    if (closer) end += closer[0].length;
    const span = trimSpan(text, from + cursor, from + end);
    if (span) out.push(span);
    cursor = end;
  }
  const rest = trimSpan(text, from + cursor, to);
  if (rest) out.push(rest);
  return out;
}

/** Paragraphs are lines (the corpus uses one line per paragraph); blank lines are skipped. */
export function splitParagraphs(text: string, to = text.length): Paragraph[] {
  const out: Paragraph[] = [];
  let lineStart = 0;
  while (lineStart < to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    const span = trimSpan(text, lineStart, lineEnd);
    if (span) out.push({ ...span, sentences: splitSentences(text, span.start, span.end) });
    lineStart = lineEnd + 1;
  }
  return out;
}
