import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { IngestConfig } from '../server/shared/config/ingest-config.js';
import { INDEX_FILES, type Manifest, type StoredDocument } from '../server/shared/index-format/index-format.js';
import { configuredEmbedderName } from '../server/shared/embeddings/create-embedder.js';
import type { IdfTable } from '../server/shared/embeddings/local-lexical-embeddings.js';
import { indexExists, loadIndex } from '../server/shared/index-format/load-index.js';
import type { LoadedIndex } from '../server/shared/index-format/loaded-index.js';
import type { ChunkOptions } from './chunker.js';
import type { CorpusDocument } from './load-corpus.js';
import type { SegmentedCorpus } from './segment-corpus.js';

/** Bump when splitting, tokenization or any derived file changes (9: lexicon.json; 10: hard-wrap numbers, brackets; 11: wrapped table rows; 12: lexicon.json translates through the heads of multi-word glosses, and two- or three-word glosses as phrases; 13: a gloss translates into the corpus's words derived from it, connect → connection; a noun glossed by a phrase translates into it; in-line acronyms are glosses; 14: plain-text label lines are paragraphs of their own; 15: a Chinese word has the glosses of all its CC-CEDICT entries, not only its last one; 16: HTML sidebar-, menu-, toc-looking elements and <aside> kept when they are prose, e.g. DocBook content boxes; 17: navigation candidates by id and nav compounds, banner; 18: a word groff hyphenated across lines is read whole; 19: ids count only as whole words on containers, a dropped box keeps the block boundary, an option name keeps its line-end hyphen; 20: a word split at an HTML entity counts once when judging navigation; 21: a PDF line-end hyphen stays when the document does not write the word whole elsewhere; 22: PDF lines not broken at a mid-line font change, printed bullets start paragraphs, HTML and Word superscripts read with ^; 23: review fixes — a PDF "-"/"*" opens an item only after a line that ended, a hyphen after a compound part or between capitals by the document, an option dash by a bracket or the document, superscript carets only for exponents and note numbers; 24: a superscript opened by an entity keeps its caret, a known option whose name is also a word of the text is not joined; 25: PDF items drawn apart (table cells, links) read with a space between them unless beside full-width punctuation, lines above a page's first line read first; 26: that reading order reverted (it scrambled two-column pages whose first-drawn line is a footer); 27: a document's date from any labelled date line in its head (shared/text/dated-line.ts); 28: the lexicon relates a stemmed English word to its dictionary form, compan → company, delet → delete; 29: a text table's row is one sentence; 30: 28 withdrawn, it related unrelated words, part → party; 31: English function words from the lexicon filter glosses; 32: 一 after a determiner (哪一年, 另一个) is no numeral; 33: also after 上, 下 (上一轮, 下一代); 34: single letters joined by & are one word (R&D), a gloss "X and Y" translates the abbreviation x&y; 35: an HTML (and Word) list item reads with a bullet, "• Budgeting"; 36: a proper noun's CC-CEDICT gloss translates by its name alone, "NVIDIA, computer graphics card company" → nvidia; 37: an HTML heading's permalink anchor, Sphinx's "¶", is not read; 38: a heading's text inside a link back to the contents, Sphinx's <a class="toc-backref">, is read — it was dropped as a "toc"; 39: that only for a link, <a>, as the role is a link's; 40: an HTML definition list's term heads its description, <dt> terms are headings one level below h6 per nested list; 41: term ranges marked, terms never the title, lists counted as they opened, pending terms rolled back with navigation; 42: a measure word translates into the nouns its CC-CEDICT classifier gloss gives after the colon, 轮 → round; 43: an English word no corpus word is glossed by translates as the capitalised glosses listed beside it in one entry do, Chinese → China → 中国; 44: that only between glosses sharing their first four letters, and the stem of a gloss's -ies plural is a key of its own unless the dictionary has it as a word, companies → compan → company; 45: code blocks the format marks, HTML <pre> and Markdown code, stored as ranges; 46: a line of them is one sentence, never split; 47: review fixes — a line over 400 characters is split as prose, a <br> and an image's text inside a <pre> are part of the code; 48: raw HTML in Markdown keeps its blocks, line breaks, cells and <pre> code; 49: 一 after 前/后/近 with no measure word after it is no numeral, 背后一共; 50: lexicon.json translates a counted English noun into the measure word the corpus writes after numbers, round → 轮; 51: 第 right before a number is a word of its own, 排第1 → 排 | 第 | 1; 52: the measure words a corpus counts with are read from its normalised text, 三輪 → 3轮; 53: a two-word CC-CEDICT gloss the corpus writes as one word translates into it, 时区 → timezone; 54: review — not when a part is under three letters or the joined word is everyday English, in formation → information; 55: a text-table row wrapped over five to eight lines between two rules is one row when only one of its lines has a first cell; 56: review — only in a table ruled between its rows, three groups or more; 57: a number of several dotted parts is one word, 127.0.1.1; 58: a "+ " item of plain text is no table line (text-tables.ts TABLE_LINE), starts a paragraph and is no label line; 59: each group of lines between two rules of a text table is one row or its lines on its own, not the whole table by its oddest group; a "+" option label ("+POS1 [-POS2]") is a label line again, and a grid table's "+:===+" a table line; 60: an ellipsis followed by a lower-case word ends no sentence, "auto-apt, … are used"; 61: "e.g.", "i.e.", "cf.", "vs." end no sentence while the paragraph goes on, a line break after them included; 62: also capitalised ("E.g.") and after a bracket or quote ("[cf. RFC 2119]"); 63: a CC-CEDICT gloss in an irregular form spelled as its base is also the base's sense, prepaid → prepay; 64: a text-table row of one first cell wraps over up to 16 lines, not 8; 65: review — an irregular gloss's base is a head (translation only) and only for forms WordNet has as adjectives at most, a wrapped row's middle columns fill at most two lines, "VS."/"CF." in capitals end sentences again; 66: a half-width "!", "?" or ";" right after "<" ends no sentence, "<?xml", "<!--"; 67: a hard-wrapped path broken after a slash reads whole, "/etc/systemd/network/dhcp.network"; 68: not after a C comment's closing star-slash; 69: an absolute path broken before one of its slashes reads whole, "/usr/sbin" + "/sendmail"; 70: review — not after a full stop, a home path "~/.ssh" + "/authorized_keys" too, a word over 200 characters never; 71: a short list item over a nested list indented deeper is a label line, the term of the Debian Reference text's definition lists; 72: review — a step deeper than the item's text, a wrapped item one column deeper is none; 73: lexicon.json relates an English word the corpus lacks to its WordNet derivation the corpus writes, submits → submission; 74: review — only a derivation sharing its word's first five letters, stems of five letters or more, no name, no function word, after CC-CEDICT's; 75: an experiment never committed; 76: an HTML, Word or Markdown table with a header row is drawn as a text table, "|package |popcon |", a rule under the header and, for up to four rows, between rows, each row read with its column headers; 77: a comma, colon or semicolon after a terminator ends no sentence, "ruby……，如果"; 78: review — only on the same line, a half-width one only before whitespace (":-)", ":=" still start one), and up to 1000 characters): chunks of an unchanged file may then differ; 79: a half-width "!", "?" or ";" inside straight double quotes that close within 200 characters ends no sentence, "apt update; apt dist-upgrade"; 80: review — quotes counted from the paragraph's start, a quote after a digit is an inch mark, the next quote must close within the sentence, a mark right before the closing quote still ends one before a capital or Chinese; 81: a short command-line option keeps its dash as one token, "git commit -a" → -a, not the stop word "a"; 82: tables drawn with box-drawing characters, "│ a │ b │", "├──┼──┤" (groff's, in a man page rendered to UTF-8), are text tables, and left out when judging whether a text is hard-wrapped; 83: review — they are left out of the page's width only, a line beside a cell spanning rows is a row, a first row with an empty cell is no header, a box row splits only at its verticals). */
export const PIPELINE_VERSION = 83;
/** Above this share of changed chunks the local IDF is refitted (and everything re-embedded). */
const REFIT_CHANGED_SHARE = 0.5;

/** What the previous index lets this run skip. */
export interface ReusePlan {
  /** The local embedder's IDF to keep (so reused vectors stay comparable); undefined = fit anew. */
  keepIdf?: IdfTable;
  /** Vectors already known, by new chunk index; the rest must be embedded. */
  vectors: Array<number[] | undefined>;
  /** Documents (docId) whose vectors are reused. */
  reusedDocuments: Set<string>;
  /** Documents of the previous index that are gone. */
  removedDocuments: string[];
  /** When each (source, hash) of the previous index was first ingested, key `${source}\0${hash}`. */
  ingestedAt: Map<string, string>;
}

/**
 * The previous index's extracted documents, by `${source}\0${sha256}`, when it was built by this pipeline
 * version (extraction is part of the pipeline: bump PIPELINE_VERSION when an extractor changes). An upload
 * then parses only the new file, not every PDF of the corpus again.
 */
export async function previousExtractions(config: IngestConfig): Promise<Map<string, Omit<CorpusDocument, 'contentEnd' | 'bytes'>> | undefined> {
  try {
    const manifest = JSON.parse(await readFile(path.join(config.indexDir, INDEX_FILES.manifest), 'utf8')) as Manifest;
    if (manifest.pipeline?.version !== PIPELINE_VERSION) return undefined;
    const buf = await readFile(path.join(config.indexDir, INDEX_FILES.documents));
    // Only verified bytes are reused: a damaged index is re-extracted, never copied forward.
    if (createHash('sha256').update(buf).digest('hex') !== manifest.files?.[INDEX_FILES.documents]?.sha256) return undefined;
    const documents = JSON.parse(buf.toString('utf8')) as StoredDocument[];
    const known = new Map<string, Omit<CorpusDocument, 'contentEnd' | 'bytes'>>();
    for (const d of documents) {
      if (!d.format) continue; // built before formats were stored
      known.set(`${d.source}\0${d.hash}`, { docId: d.docId, source: d.source, title: d.title, date: d.date, format: d.format, text: d.text, hash: d.hash, headings: d.headings ?? [], ...(d.codeBlocks ? { codeBlocks: d.codeBlocks } : {}), ...(d.pages ? { pages: d.pages } : {}) });
    }
    return known;
  } catch {
    return undefined;
  }
}

/** Reads only the manifest of the previous index (cheap), for the ingest times of unchanged files. */
async function previousIngestTimes(config: IngestConfig): Promise<Map<string, string>> {
  try {
    const manifest = JSON.parse(await readFile(path.join(config.indexDir, INDEX_FILES.manifest), 'utf8')) as Manifest;
    return new Map(manifest.documents.map((d) => [`${d.source}\0${d.hash}`, d.ingestedAt ?? manifest.createdAt]));
  } catch {
    return new Map();
  }
}

async function previousIndex(config: IngestConfig, chunk: ChunkOptions): Promise<LoadedIndex | undefined> {
  if (!indexExists(config.indexDir)) return undefined;
  try {
    const prev = await loadIndex(config.indexDir);
    const p = prev.manifest.pipeline;
    if (p?.version !== PIPELINE_VERSION || p.chunk.maxChars !== chunk.maxChars || p.chunk.minChars !== chunk.minChars) return undefined;
    const sameEmbedder =
      prev.manifest.embedder.name === configuredEmbedderName(config) &&
      (config.embeddings.provider !== 'local' || prev.manifest.embedder.dimensions === config.embeddings.dimensions);
    return sameEmbedder ? prev : undefined;
  } catch {
    return undefined; // unreadable previous index: rebuild from scratch
  }
}

/**
 * Documents whose bytes (and so chunks) did not change keep their vectors, read back from the previous
 * hnswlib index, as long as the embedder and the split/tokenize pipeline are the same. For the local
 * embedder that also means keeping its IDF, unless so much changed that it should be refitted.
 */
export async function planVectorReuse(
  config: IngestConfig,
  docs: CorpusDocument[],
  segmented: SegmentedCorpus,
  chunkOptions: ChunkOptions,
  full: boolean,
): Promise<ReusePlan> {
  const prev = full ? undefined : await previousIndex(config, chunkOptions);
  const ingestedAt = await previousIngestTimes(config);
  // Dense (not `new Array(n)`): flatMap and forEach skip holes.
  const vectors: Array<number[] | undefined> = Array.from({ length: segmented.chunks.length }, () => undefined);
  const current = new Set(docs.map((d) => d.docId));
  const removedDocuments = (prev?.manifest.documents ?? []).map((d) => d.docId).filter((id) => !current.has(id));
  if (!prev) return { vectors, reusedDocuments: new Set(), removedDocuments, ingestedAt };

  const prevFirstChunk = new Map<string, { first: number; hash: string; count: number }>();
  let offset = 0;
  for (const d of prev.manifest.documents) {
    prevFirstChunk.set(d.docId, { first: offset, hash: d.hash, count: d.chunkCount });
    offset += d.chunkCount;
  }
  const unchanged = docs
    .map((doc, i) => ({ doc, i, before: prevFirstChunk.get(doc.docId) }))
    .filter(({ doc, i, before }) => before?.hash === doc.hash && before.count === segmented.chunkCount[i]);
  const unchangedChunks = unchanged.reduce((n, u) => n + segmented.chunkCount[u.i], 0);

  let keepIdf: IdfTable | undefined;
  if (config.embeddings.provider === 'local') {
    const changedShare = 1 - unchangedChunks / Math.max(1, segmented.chunks.length);
    keepIdf = changedShare <= REFIT_CHANGED_SHARE ? (prev.manifest.embedder.params?.idf as IdfTable | undefined) : undefined;
    if (!keepIdf) return { vectors, reusedDocuments: new Set(), removedDocuments, ingestedAt };
  }
  for (const { i, before } of unchanged) {
    for (let k = 0; k < segmented.chunkCount[i]; k++) vectors[segmented.firstChunk[i] + k] = prev.vectors.getPoint(before!.first + k);
  }
  return { keepIdf, vectors, reusedDocuments: new Set(unchanged.map((u) => u.doc.docId)), removedDocuments, ingestedAt };
}
