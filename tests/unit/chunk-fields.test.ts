import { describe, expect, it } from 'vitest';
import { buildBm25Index } from '../../server/retrieval/bm25-index.js';
import { chunkFields } from '../../server/retrieval/chunk-fields.js';
import { headingSentenceOf, titleSentenceOf } from '../../server/core/section-headings.js';
import { TermTableBuilder } from '../../server/shared/index-format/term-table.js';
import type { LoadedIndex } from '../../server/shared/index-format/loaded-index.js';

/** One plain-text document, its lines the sentences (tokens: lower-cased words), chunks of `chunkSize` sentences. */
function plainText(lines: string[], chunkSize: number): LoadedIndex {
  const sentences: LoadedIndex['sentences'] = [];
  const chunks: LoadedIndex['chunks'] = [];
  const table = new TermTableBuilder();
  let text = '';
  for (const line of lines) {
    const start = text.length + (line.length - line.trimStart().length);
    text += `${line}\n`;
    sentences.push([0, start, text.length - 1, -1]);
    table.add(line.toLowerCase().match(/[a-z0-9_|-]+/g) ?? []);
  }
  for (let s = 0; s < sentences.length; s += chunkSize) {
    const count = Math.min(chunkSize, sentences.length - s);
    for (let i = s; i < s + count; i++) sentences[i][3] = chunks.length;
    chunks.push([0, sentences[s][1], sentences[s + count - 1][2], s, count]);
  }
  const documents = [{ docId: 'd0', source: 'd0.txt', title: '', date: null, hash: '', text, format: 'txt' }];
  return { documents, sentences, chunks, terms: table.build(), vocab: table.vocab } as unknown as LoadedIndex;
}

describe('a chunk heading and title as fields of the keyword search', () => {
  // A title line, a numbered heading, then a table whose rows never say what the heading says.
  const index = plainText(
    [
      'SYSLOG(7) Kernel Manual SYSLOG(7)',
      '9.2. Kernel log levels',
      '    |0 |KERN_EMERG |system is unusable',
      '    |1 |KERN_ALERT |action must be taken',
      '9.3. Other matters',
      '    Nothing about that here, only levels of water.',
      '    Water and more water.',
    ],
    2,
  );
  const sources = { headingOf: (s: number) => headingSentenceOf(index, s), titleOf: (s: number) => titleSentenceOf(index, s) };
  const params = { k1: 0.9, b: 0.1 };
  const query = ['kernel', 'log', 'levels'].map((term) => ({ term, weight: 1 }));
  // The chunk of the table rows (sentences 2 and 3); the title and the heading are the chunk before it.
  const table = index.sentences[2][3];

  it('lists a chunk its section heading and title when they are outside it, each once', () => {
    expect(chunkFields(index, table, sources, { heading: 2, title: 0.5 })).toEqual([
      { sentence: 1, weight: 2 },
      { sentence: 0, weight: 0.5 },
    ]);
    // The chunk that holds the heading itself gets no heading field from it.
    const headed = index.sentences[1][3];
    expect(chunkFields(index, headed, sources, { heading: 2, title: 0 }).map((f) => f.sentence)).not.toContain(1);
    expect(chunkFields(index, table, sources, { heading: 0, title: 0 })).toEqual([]);
  });

  it('finds the rows under a heading the question names, and leaves document frequencies as they were', () => {
    const plain = buildBm25Index(index, params, sources);
    const fielded = buildBm25Index(index, { ...params, fields: { heading: 1, title: 0 } }, sources);
    const rank = (bm25: typeof plain) => bm25.search(query, 10).findIndex((r) => r.chunk === table);
    expect(rank(plain)).toBe(-1);
    expect(rank(fielded)).toBeGreaterThanOrEqual(0);
    // The heading's own chunk still comes first: it says the words itself.
    expect(fielded.search(query, 10)[0].chunk).toBe(index.sentences[1][3]);
    for (const term of ['kernel', 'log', 'levels', 'water', 'kern_emerg']) {
      expect(fielded.documentFrequency(term)).toBe(plain.documentFrequency(term));
      expect(fielded.idf(term)).toBe(plain.idf(term));
    }
  });

  it('scores exactly as before when the fields weigh nothing or no sources are given', () => {
    const before = buildBm25Index(index, params).search(query, 10);
    expect(buildBm25Index(index, { ...params, fields: { heading: 0, title: 0 } }, sources).search(query, 10)).toEqual(before);
    expect(buildBm25Index(index, { ...params, fields: { heading: 2, title: 1 } }).search(query, 10)).toEqual(before);
  });
});
