import { locateOffset } from '../shared/index-format/document-structure.js';
import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { AskResult, CandidateSentence, Citation, GeneratedAnswer } from './types.js';

/**
 * `text` with every citation marker ("[12]") replaced by `replace(marker, digits)`: what
 * text.replace(/\[(\d+)\]/g, replace) returns (the same matches, left to right, not overlapping), by a scan of the
 * text instead of the pattern's per-match callback, three passes of which were a measurable share of each answer.
 */
export function replaceMarkers(text: string, replace: (marker: string, digits: string) => string): string {
  let at = text.indexOf('[');
  if (at < 0) return text;
  let out = '';
  let copied = 0;
  for (; at >= 0; at = text.indexOf('[', at + 1)) {
    let end = at + 1;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    if (end === at + 1 || end >= text.length || text.charCodeAt(end) !== 93 /* ] */) continue;
    out += text.slice(copied, at) + replace(text.slice(at, end + 1), text.slice(at + 1, end));
    copied = end + 1;
    at = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** The numbers of the markers in `text`, in order (the matches replaceMarkers replaces). */
function markerNumbers(text: string): number[] {
  const out: number[] = [];
  replaceMarkers(text, (m, n) => {
    out.push(Number(n));
    return m;
  });
  return out;
}

type ById = { get(id: number): CandidateSentence | undefined };

/** Candidates by id: by position when they are numbered 1..n (as buildCandidates numbers them), else through a map. */
function candidatesById(candidates: CandidateSentence[]): ById {
  for (let i = 0; i < candidates.length; i++) if (candidates[i].id !== i + 1) return new Map(candidates.map((c) => [c.id, c]));
  return { get: (id) => (Number.isInteger(id) && id >= 1 && id <= candidates.length ? candidates[id - 1] : undefined) };
}

/**
 * Turns a generator's {n → candidate ids} into exact spans of the raw document text, whatever the
 * generator: ids that name no candidate are dropped, a run of adjacent sentences becomes one span, and a
 * group that is not one run (a how-to's explanation and the command two lines below it, sentences of two
 * documents) becomes one citation per run, its marker followed by the extra ones, so every sentence the
 * answer quotes is cited. Any [n] left in the text without a citation is removed, so every marker is
 * backed by a quote; markers are then numbered in the order they appear.
 */
export function toCitations(index: LoadedIndex, generated: GeneratedAnswer, candidates: CandidateSentence[]): AskResult {
  const byId = candidatesById(candidates);
  const citations: Citation[] = [];
  const extraMarkers = new Map<number, number[]>();
  let nextN = Math.max(0, ...generated.citations.map((c) => c.n)) + 1;
  for (const { n, candidateIds } of generated.citations) {
    const picked = candidateIds.map((id) => byId.get(id)).filter((c): c is CandidateSentence => c !== undefined);
    if (picked.length === 0 || citations.some((c) => c.n === n)) continue;
    const runs = contiguousRuns(picked);
    runs.forEach((run, i) => {
      const marker = i === 0 ? n : nextN++;
      if (i > 0) extraMarkers.set(n, [...(extraMarkers.get(n) ?? []), marker]);
      citations.push(citationOf(index, marker, run[0].docId, run[0].start, run[run.length - 1].end));
    });
  }
  const valid = new Set(citations.map((c) => c.n));
  const marked = replaceMarkers(generated.answer, (m, n) => (valid.has(Number(n)) ? m + (extraMarkers.get(Number(n)) ?? []).map((x) => `[${x}]`).join('') : ''));
  // Numbers follow the text: 1 for the first marker, 2 for the next new one, as a reader expects.
  const order = new Map<number, number>();
  for (const n of markerNumbers(marked)) if (!order.has(n)) order.set(n, order.size + 1);
  const answer = replaceMarkers(marked, (_m, n) => `[${order.get(Number(n))}]`).replace(/[ \t]{2,}/g, ' ').trim();
  const kept = citations.filter((c) => order.has(c.n)).map((c) => ({ ...c, n: order.get(c.n)! })).sort((a, b) => a.n - b.n);
  const answered = generated.answered && kept.length > 0;
  const passages = answered ? [] : toPassages(index, generated.passages ?? [], byId);
  return { answer, answered, citations: answered ? kept : passages, ...(generated.degraded ? { degraded: true } : {}) };
}

/** The sentences split into runs of adjacent sentences of one document: documents in the order the generator named them, sentences in text order. */
function contiguousRuns(picked: CandidateSentence[]): CandidateSentence[][] {
  const docOrder = new Map<string, number>();
  for (const c of picked) if (!docOrder.has(c.docId)) docOrder.set(c.docId, docOrder.size);
  const distinct = [...new Map(picked.map((c) => [`${c.docId}\u0000${c.sentence}`, c])).values()];
  const sorted = distinct.sort((a, b) => docOrder.get(a.docId)! - docOrder.get(b.docId)! || a.start - b.start);
  const runs: CandidateSentence[][] = [];
  for (const c of sorted) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    if (prev && prev.docId === c.docId && c.sentence === prev.sentence + 1) run.push(c);
    else runs.push([c]);
  }
  return runs;
}

function citationOf(index: LoadedIndex, n: number, docId: string, start: number, end: number): Citation {
  const doc = index.documentById.get(docId)!;
  return { n, docId: doc.docId, source: doc.source, title: doc.title, start, end, quote: doc.text.slice(start, end), ...locateOffset(doc, start) };
}

/** A refusal's closest passages: exact spans marked "passage", numbered after any answer citation. */
function toPassages(index: LoadedIndex, passages: NonNullable<GeneratedAnswer['passages']>, byId: ById): Citation[] {
  const out: Citation[] = [];
  for (const { candidateIds } of passages) {
    const found = candidateIds.map((id) => byId.get(id)).filter((x): x is CandidateSentence => x !== undefined);
    const c = found[0];
    if (!c) continue;
    // A passage of several sentences (a how-to explanation and the command after it) is one span of its document.
    const same = found.filter((x) => x.docId === c.docId);
    const start = Math.min(...same.map((x) => x.start));
    const end = Math.max(...same.map((x) => x.end));
    const doc = index.documentById.get(c.docId)!;
    // Located like an answer's citation: a closest passage of a PDF names its page, of a manual its section.
    out.push({ n: out.length + 1, docId: doc.docId, source: doc.source, title: doc.title, start, end, quote: doc.text.slice(start, end), ...locateOffset(doc, start), kind: 'passage' });
  }
  return out;
}
