import { locateOffset } from '../shared/index-format/document-structure.js';
import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import type { AskResult, CandidateSentence, Citation, GeneratedAnswer } from './types.js';

const MARKER = /\[(\d+)\]/g;

type ById = { get(id: number): CandidateSentence | undefined };

/** Candidates by id: by position when they are numbered 1..n (as buildCandidates numbers them), else through a map. */
function candidatesById(candidates: CandidateSentence[]): ById {
  for (let i = 0; i < candidates.length; i++) if (candidates[i].id !== i + 1) return new Map(candidates.map((c) => [c.id, c]));
  return { get: (id) => (Number.isInteger(id) && id >= 1 && id <= candidates.length ? candidates[id - 1] : undefined) };
}

/**
 * Turns a generator's {n → candidate ids} into exact spans of the raw document text, whatever the
 * generator: ids that name no candidate are dropped, a run of adjacent sentences becomes one span,
 * and any [n] left in the text without a citation is removed, so every marker is backed by a quote.
 */
export function toCitations(index: LoadedIndex, generated: GeneratedAnswer, candidates: CandidateSentence[]): AskResult {
  const byId = candidatesById(candidates);
  const citations: Citation[] = [];
  for (const { n, candidateIds } of generated.citations) {
    const picked = candidateIds.map((id) => byId.get(id)).filter((c): c is CandidateSentence => c !== undefined);
    if (picked.length === 0 || citations.some((c) => c.n === n)) continue;
    picked.sort((a, b) => a.start - b.start);
    const first = picked[0];
    const last = picked[picked.length - 1];
    // Only merge a contiguous run in one document; otherwise cite the first sentence alone.
    const contiguous = picked.every((c, i) => c.docId === first.docId && (i === 0 || c.sentence === picked[i - 1].sentence + 1));
    const end = contiguous ? last.end : first.end;
    const doc = index.documentById.get(first.docId)!;
    citations.push({
      n,
      docId: doc.docId,
      source: doc.source,
      title: doc.title,
      start: first.start,
      end,
      quote: doc.text.slice(first.start, end),
      ...locateOffset(doc, first.start),
    });
  }
  const valid = new Set(citations.map((c) => c.n));
  const answer = generated.answer.replace(MARKER, (m, n) => (valid.has(Number(n)) ? m : '')).replace(/[ \t]{2,}/g, ' ').trim();
  const used = new Set([...answer.matchAll(MARKER)].map((m) => Number(m[1])));
  const kept = citations.filter((c) => used.has(c.n)).sort((a, b) => a.n - b.n);
  const answered = generated.answered && kept.length > 0;
  const passages = answered ? [] : toPassages(index, generated.passages ?? [], byId);
  return { answer, answered, citations: answered ? kept : passages, ...(generated.degraded ? { degraded: true } : {}) };
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
