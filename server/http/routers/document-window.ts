/**
 * GET /api/documents/:docId — a window of a document, or its full text on request.
 *
 *   ?start=&end=         characters [start, end) (UTF-16 offsets, the same units as citations)
 *   ?around=&chars=      `chars` characters centred on offset `around` (a citation's start)
 *   (neither)            the first DEFAULT_WINDOW_CHARS characters
 *   ?full=1              the whole text as text/plain, streamed with Content-Length
 *
 * A window answers JSON {docId, source, title, date, format, pages?, headings, length, start, end, text}; `length` tells a reader
 * how much more there is. Whole documents on every citation click cost 52 MB per request for a 50 MB
 * file and let twenty slow readers take RSS from 0.7 to 1.6 GB (issue 17); a window is bounded, and the
 * full text is written in slices as the client reads it.
 */
import { once } from 'node:events';
import type { Request, Response } from 'express';
import type { StoredDocument } from '../../shared/index-format/index-format.js';
import { AppError } from '../../shared/errors.js';

export const DEFAULT_WINDOW_CHARS = 8_000;
export const MAX_WINDOW_CHARS = 200_000;
/** Characters per write of a full text: small enough that a slow reader holds little memory. */
const STREAM_SLICE_CHARS = 64 * 1024;

export interface DocumentWindow {
  start: number;
  end: number;
}

const bad = (message: string) => new AppError('bad_request', message, 400);

function intParam(query: Request['query'], name: string): number | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d{1,10}$/.test(raw)) throw bad(`${name} must be a whole number of characters (0 or more).`);
  return Number(raw);
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Widens a window that would cut a surrogate pair in half, so every window is valid text. */
function snap(text: string, { start, end }: DocumentWindow): DocumentWindow {
  if (start > 0 && start < text.length && isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start--;
  if (end > 0 && end < text.length && isHigh(text.charCodeAt(end - 1)) && isLow(text.charCodeAt(end))) end++;
  return { start, end };
}

/** The requested window, clamped to the document; 400 for contradictory or oversized requests. */
export function parseWindow(query: Request['query'], length: number): DocumentWindow {
  const start = intParam(query, 'start');
  const end = intParam(query, 'end');
  const around = intParam(query, 'around');
  const chars = intParam(query, 'chars');
  if ((start !== undefined || end !== undefined) && (around !== undefined || chars !== undefined)) {
    throw bad('Use either start/end or around/chars, not both.');
  }
  if (chars !== undefined && around === undefined) throw bad('chars needs around.');
  if (around !== undefined) {
    const size = chars ?? DEFAULT_WINDOW_CHARS;
    if (size > MAX_WINDOW_CHARS) throw bad(`chars may be at most ${MAX_WINDOW_CHARS}; use ?full=1 for the whole text.`);
    if (around > length) throw bad(`around is past the end of the document (${length} characters).`);
    const from = Math.max(0, Math.min(around - Math.floor(size / 2), length - size));
    return { start: from, end: Math.min(length, from + size) };
  }
  const from = start ?? 0;
  if (from > length) throw bad(`start is past the end of the document (${length} characters).`);
  const to = Math.min(length, end ?? from + DEFAULT_WINDOW_CHARS);
  if (to < from) throw bad('end must not be before start.');
  if (to - from > MAX_WINDOW_CHARS) throw bad(`A window may hold at most ${MAX_WINDOW_CHARS} characters; use ?full=1 for the whole text.`);
  return { start: from, end: to };
}

/** Writes the text in slices, waiting whenever the client has not read the previous ones. */
async function streamText(res: Response, text: string): Promise<void> {
  res.status(200).set({ 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text, 'utf8')) });
  let i = 0;
  while (i < text.length) {
    if (res.destroyed) return; // the client went away: stop, nothing more is held for it
    let to = Math.min(text.length, i + STREAM_SLICE_CHARS);
    if (to < text.length && isHigh(text.charCodeAt(to - 1))) to++;
    const more = res.write(text.slice(i, to));
    i = to;
    if (!more) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  }
  res.end();
}

export async function sendDocument(req: Request, res: Response, doc: StoredDocument): Promise<void> {
  const full = req.query.full;
  if (full !== undefined) {
    if (full !== '1' && full !== 'true') throw bad('full must be 1 or true.');
    if (['start', 'end', 'around', 'chars'].some((k) => req.query[k] !== undefined)) throw bad('full=1 takes no window.');
    await streamText(res, doc.text);
    return;
  }
  const { start, end } = snap(doc.text, parseWindow(req.query, doc.text.length));
  res.json({
    docId: doc.docId,
    source: doc.source,
    title: doc.title,
    date: doc.date,
    format: doc.format ?? 'txt',
    ...(doc.pages ? { pages: doc.pages } : {}),
    headings: doc.headings ?? [],
    length: doc.text.length,
    start,
    end,
    text: doc.text.slice(start, end),
  });
}
