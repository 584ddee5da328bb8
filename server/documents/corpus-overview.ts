import type { LoadedIndex } from '../shared/index-format/loaded-index.js';
import { corpusLanguage } from '../core/corpus-language.js';
import { isCjk } from '../shared/text/cjk.js';

/** What the page says about the corpus: its name, size and a few questions it can answer. */
export interface CorpusOverview {
  documents: number;
  /** The document's title when there is exactly one, else null ("your N documents"). */
  title: string | null;
  /** Language most of the corpus is written in ('zh' or 'en'); each starter is asked in its section's language. */
  language: 'zh' | 'en';
  starters: Array<{ question: string; docId: string; topic: string }>;
}

const MAX_STARTERS = 3;
/** Section numbering in front of a heading: "5.1.", "第 5 章", "一、", "Chapter 3". */
const NUMBERING = /^(?:第\s*[\d一二三四五六七八九十百]+\s*[章节部分篇]\s*|[一二三四五六七八九十]+[、.．]\s*|(?:chapter|section|part)\s+\d+[.:]?\s*|\d+(?:\.\d+)*\.?\s+)/i;
const DATE = /\d{4}[-/.年]\d{1,2}/;
const TERMINAL = /[。！？；.!?;:：,，]$/;

const cache = new WeakMap<LoadedIndex, CorpusOverview>();

/** Section titles of a document: its headings, or for plain text the short unpunctuated lines that act as headings. */
function topics(index: LoadedIndex, docIndex: number): string[] {
  const doc = index.documents[docIndex];
  // Only what is indexed (not a news site's navigation after the article).
  let indexedEnd = 0;
  for (const [d, , end] of index.sentences) if (d === docIndex && end > indexedEnd) indexedEnd = end;
  // (A definition list's term, "-m <mainfn>, --main=<mainfn>", names an entry, not a section.)
  const fromHeadings = (doc.headings ?? []).filter((h) => h.path.length >= 2 && !h.term).map((h) => h.path[h.path.length - 1]);
  const fromLines =
    fromHeadings.length > 0
      ? []
      : doc.text
          .slice(0, indexedEnd)
          .split('\n')
          .slice(1)
          .map((l) => l.trim())
          .filter((l) => l.length >= 4 && l.length <= 30 && !TERMINAL.test(l) && /^[\p{L}\p{N}]/u.test(l) && !DATE.test(l));
  const seen = new Set<string>();
  return [...fromHeadings, ...fromLines]
    .map((t) => t.replace(NUMBERING, '').trim())
    .filter((t) => t.length >= 3 && t.length <= 40 && /\p{L}/u.test(t) && !seen.has(t) && (seen.add(t), true));
}

/** One document: its title; several: their count. Starters take section titles round-robin across documents. */
export function corpusOverview(index: LoadedIndex): CorpusOverview {
  const cached = cache.get(index);
  if (cached) return cached;
  const language = corpusLanguage(index) === 'Chinese' ? 'zh' : 'en';
  const perDoc = index.documents.map((_, i) => topics(index, i));
  const starters: CorpusOverview['starters'] = [];
  for (let round = 0; starters.length < MAX_STARTERS && perDoc.some((t) => t.length > round); round++) {
    perDoc.forEach((list, i) => {
      // Spread over the document: first, middle and later sections rather than three neighbours.
      const pick = list[Math.floor((round * list.length) / MAX_STARTERS)];
      if (starters.length < MAX_STARTERS && pick && !starters.some((s) => s.topic === pick)) {
        const question = isCjk([...pick].find((c) => /\p{L}/u.test(c))) ? `关于“${pick}”，文中怎么说？` : `What does the section “${pick}” say?`;
        starters.push({ question, docId: index.documents[i].docId, topic: pick });
      }
    });
  }
  const overview: CorpusOverview = {
    documents: index.documents.length,
    title: index.documents.length === 1 ? index.documents[0].title : null,
    language,
    starters,
  };
  cache.set(index, overview);
  return overview;
}
