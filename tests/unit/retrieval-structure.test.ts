import { describe, expect, it } from 'vitest';
import { headingSentence, headingSentenceOf, labelSentence, sectionHeading, titleSentenceOf } from '../../server/core/section-headings.js';
import { scoreEvidence } from '../../server/generators/extractive/sentence-evidence.js';
import { firstStage, firstStageKeys } from '../../server/generators/extractive/sentence-ranking-model.js';
import type { AnalyzedQuery } from '../../server/core/types.js';
import { buildCandidates } from '../../server/core/candidates.js';
import { ANNOUNCES } from '../../server/core/sentence-shapes.js';
import { buildBm25Index } from '../../server/retrieval/bm25-index.js';
import { createSentenceScorer } from '../../server/retrieval/sentence-scorer.js';
import { createHybridRetriever } from '../../server/retrieval/hybrid-retriever.js';
import { TermTableBuilder } from '../../server/shared/index-format/term-table.js';
import type { LoadedIndex } from '../../server/shared/index-format/loaded-index.js';
import type { StoredHeading } from '../../server/shared/index-format/index-format.js';

/**
 * A small real index: one document per entry, its lines the sentences (tokens: the lower-cased words),
 * chunks of `chunkSize` sentences.
 */
function smallIndex(docs: Array<{ lines: string[]; headings?: (text: string) => StoredHeading[]; format?: 'txt' }>, chunkSize = 2): LoadedIndex {
  const documents: LoadedIndex['documents'] = [];
  const sentences: LoadedIndex['sentences'] = [];
  const chunks: LoadedIndex['chunks'] = [];
  const table = new TermTableBuilder();
  docs.forEach(({ lines, headings, format }, d) => {
    let text = '';
    const firstOfDoc = sentences.length;
    for (const line of lines) {
      // A blank line separates blocks and is no sentence.
      if (line.trim() === '') {
        text += '\n';
        continue;
      }
      const start = text.length + (line.length - line.trimStart().length);
      text += `${line}\n`;
      sentences.push([d, start, text.length - 1, -1]);
      table.add(line.toLowerCase().match(/[a-z0-9$#-]+/g) ?? []);
    }
    for (let s = firstOfDoc; s < sentences.length; s += chunkSize) {
      const count = Math.min(chunkSize, sentences.length - s);
      for (let i = s; i < s + count; i++) sentences[i][3] = chunks.length;
      chunks.push([d, sentences[s][1], sentences[s + count - 1][2], s, count]);
    }
    documents.push({ docId: `d${d}`, source: `d${d}.txt`, title: '', date: null, hash: '', text, ...(format ? { format } : {}), ...(headings ? { headings: headings(text) } : {}) });
  });
  return { documents, sentences, chunks, terms: table.build(), vocab: table.vocab } as unknown as LoadedIndex;
}

describe('section headings as sentence context', () => {
  const manual = smallIndex([
    {
      lines: [
        '3.3. The kernel message',
        '    The kernel error message can be configured by setting its threshold level.',
        '    # dmesg -n3',
        '    The level stays until the next boot.',
        '# A Markdown-style heading',
        'Text under it.',
      ],
    },
  ]);

  it('a numbered or "#" line at the start of its line is a heading; an indented "# command" is a root prompt, not one', () => {
    expect([0, 1, 2, 3, 4, 5].map((s) => headingSentence(manual, s))).toEqual([true, false, false, false, true, false]);
    expect(sectionHeading(manual, 3)).toBe('3.3. The kernel message');
    expect(headingSentenceOf(manual, 2)).toBe(0);
    // The document's first line reads as its title: the outermost heading of every other sentence.
    expect(sectionHeading(manual, 5)).toBe('3.3. The kernel message › # A Markdown-style heading');
  });

  it("a plain-text label line heads the block indented under it, and only while the text stays indented deeper", () => {
    const man = smallIndex([
      {
        format: 'txt',
        lines: [
          'OPTIONS',
          '   Pattern Syntax',
          '       -E, --extended-regexp',
          '              Interpret PATTERNS as extended regular expressions.',
          '              This is not the default.',
          '',
          '       -F, --fixed-strings',
          '              Interpret PATTERNS as fixed strings.',
          '',
          '   Matching Control',
          '       Text of the matching section.',
          '',
          'EXIT STATUS',
          '       Normally the exit status is 0.',
        ],
      },
    ]);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => headingSentence(man, s))).toEqual([true, true, true, false, false, true, false, true, false, true, false]);
    // The path of labels a sentence sits under, outermost first.
    expect(sectionHeading(man, 3)).toBe('OPTIONS › Pattern Syntax › -E, --extended-regexp');
    expect(sectionHeading(man, 4)).toBe('OPTIONS › Pattern Syntax › -E, --extended-regexp');
    expect(sectionHeading(man, 6)).toBe('OPTIONS › Pattern Syntax › -F, --fixed-strings');
    // Back at the column of "Pattern Syntax": that section and its option are closed.
    expect(sectionHeading(man, 8)).toBe('OPTIONS › Matching Control');
    expect(sectionHeading(man, 10)).toBe('EXIT STATUS');
    // Labels nest: an option's label sits under its group's.
    expect(headingSentenceOf(man, 2)).toBe(1);
    expect(headingSentenceOf(man, 1)).toBe(0);
  });

  it("a definition list's term item heads its nested description, as the Debian Reference's text edition writes one", () => {
    const list = smallIndex([
      {
        format: 'txt',
        // (A first line that ends a sentence: no title line over the section.)
        lines: ['From the reference manual.', '2.1.6. Package dependencies', '      * "Recommends"', '', '          + a strong, but not absolute, dependency.', '', '      * "Suggests"', '', '          + a weaker dependency.', '      * Install it first.', '          + then this.'],
      },
    ]);
    expect(sectionHeading(list, 3)).toBe('2.1.6. Package dependencies › * "Recommends"');
    expect(sectionHeading(list, 5)).toBe('2.1.6. Package dependencies › * "Suggests"');
    expect([2, 4, 6].map((s) => labelSentence(list, s))).toEqual([true, true, false]);
    // An item that says a clause is no term: the item under it is under the section only.
    expect(sectionHeading(list, 7)).toBe('2.1.6. Package dependencies');
  });

  it("a plain-text document's title line is the outermost heading of its sentences and a field of their score", () => {
    const pages = smallIndex([
      { format: 'txt', lines: ['CP(1)      User Commands      CP(1)', '', 'OPTIONS', '       -u, --update', '              copy only when the source is newer.'] },
      { format: 'txt', lines: ['The first line of this one is a sentence.', 'Another sentence.'] },
    ]);
    expect(titleSentenceOf(pages, 3)).toBe(0);
    expect(titleSentenceOf(pages, 0)).toBe(-1);
    expect(sectionHeading(pages, 3)).toBe('CP(1) User Commands CP(1) › OPTIONS › -u, --update');
    expect(titleSentenceOf(pages, 5)).toBe(-1);
    expect(sectionHeading(pages, 5)).toBeUndefined();
  });

  it('the same layout in a structured format (no txt) is left to the recorded headings', () => {
    const md = smallIndex([{ lines: ['Use it like this:', '', 'program', '  .option("-d")', 'Text.'] }]);
    expect([0, 1, 2, 3].map((s) => headingSentence(md, s))).toEqual([false, false, false, false]);
  });

  it('a structured document carries its recorded heading path', () => {
    const lines = ['Installation', 'Network', 'Plug the cable into eth0.', 'Disks', 'Use LVM.'];
    const index = smallIndex([
      {
        lines,
        headings: (text) => {
          const at = (line: string) => text.indexOf(line);
          return [
            { start: at('Installation'), end: at('Network'), path: ['Installation'] },
            { start: at('Network'), end: at('Disks'), path: ['Installation', 'Network'] },
            { start: at('Disks'), end: text.length, path: ['Installation', 'Disks'] },
          ];
        },
      },
    ]);
    expect(sectionHeading(index, 2)).toBe('Installation › Network');
    expect(headingSentence(index, 1)).toBe(true);
    expect(headingSentence(index, 2)).toBe(false);
    expect(headingSentenceOf(index, 2)).toBe(1);
    expect(headingSentenceOf(index, 4)).toBe(3);
  });
});

describe('candidate sentences', () => {
  it('offers a sentence once, from its best-ranked chunk, and the same words at two places once', () => {
    const index = smallIndex([{ lines: ['Intro.', 'Run this:', '    # apt update', 'Then reboot.', 'See the router chapter.', 'More.', 'See the router chapter.', 'End.'] }]);
    // Chunk 0 ends on "Run this:", so it also offers the command that opens chunk 1.
    const candidates = buildCandidates(index, [0, 1, 2, 3].map((chunk) => ({ chunk, score: 1 })));
    const texts = candidates.map((c) => c.text);
    expect(texts.filter((t) => t === '# apt update')).toHaveLength(1);
    expect(candidates.find((c) => c.text === '# apt update')?.chunkRank).toBe(0);
    expect(texts.filter((t) => t === 'See the router chapter.')).toHaveLength(1);
    expect(texts).toContain('Then reboot.');
    expect(candidates.find((c) => c.text === '# apt update')?.isHeading).toBe(false);
  });

  it("gives a hard-wrapped sentence's text as read (its offsets still the original's), so its shape is seen", () => {
    const index = smallIndex([{ lines: ['You can mount it as\n    follows.', '    # mount /dev/nbd0p1 /mnt', '安装步骤如\n    下。'] }]);
    const candidates = buildCandidates(index, [0, 1].map((chunk) => ({ chunk, score: 1 })));
    const wrapped = candidates[0];
    expect(wrapped.text).toBe('You can mount it as follows.');
    expect(index.documents[0].text.slice(wrapped.start, wrapped.end)).toBe('You can mount it as\n    follows.');
    expect(ANNOUNCES.test(wrapped.text)).toBe(true);
    expect(candidates.map((c) => c.text)).toContain('安装步骤如下。');
  });

  it("never offers a table's frame — rules, border, caption, header row — only its rows, which read with caption and header", () => {
    const index = smallIndex(
      [
        {
          lines: [
            'Source code translation tools are packaged.',
            'Table\u00a012.19.\u00a0List of source code translation tools',
            '+---------------------------+',
            '|package |size|description  |',
            '|--------+----+-------------|',
            '|f2c     |442 |FORTRAN to C |',
            '|--------+----+-------------|',
            '\u00a0\u00a0|perl    |669 |AWK to PERL  |',
            '+---------------------------+',
          ],
        },
        // Prose that opens with a table's number is no caption, table under it or not; nor is a caption over a table
        // without a header row (its rows look back only so far for their lead).
        {
          lines: [
            'Table 3 shows that ext4 is the default filesystem.',
            '| fs   | default |',
            '|------|---------|',
            '| ext4 | yes     |',
            'Table 4.1. Grid without a header',
            '+-----+-----+',
            '|a    |1    |',
            '+-----+-----+',
            '|b    |2    |',
            '+-----+-----+',
          ],
        },
      ],
      5,
    );
    const candidates = buildCandidates(index, index.chunks.map((_, chunk) => ({ chunk, score: 1 })));
    const texts = (doc: string) => candidates.filter((c) => c.docId === doc).map((c) => c.text);
    expect(texts('d0')).toEqual(['Source code translation tools are packaged.', '|f2c     |442 |FORTRAN to C |', '|perl    |669 |AWK to PERL  |']);
    expect(texts('d1')).toEqual(['Table 3 shows that ext4 is the default filesystem.', '| ext4 | yes     |', 'Table 4.1. Grid without a header', '|a    |1    |', '|b    |2    |']);
    const f2c = candidates.find((c) => c.text.startsWith('|f2c'));
    expect(f2c?.lead).toContain('List of source code translation tools');
    expect(f2c?.table?.header).toEqual(['package', 'size', 'description']);
    // The sentence over the table knows where its rows begin (a list answer reads them); a row knows no table after it.
    expect(candidates[0].introducesTable).toEqual({ firstRow: f2c?.sentence, lastRow: f2c!.sentence + 2, rows: 2 });
    expect(f2c?.introducesTable).toBeUndefined();
  });
});

describe('sentence scorer', () => {
  const index = smallIndex(
    [
      {
        lines: [
          '8.1.2. Reconfiguring the locale',
          '    You need to run the following.',
          '    # dpkg-reconfigure locales',
          '8.2. Keyboard input',
          '    The locale of the keyboard is set elsewhere and you need not run anything.',
          '    Run run run, the locale locale.',
        ],
      },
    ],
    3,
  );
  const params = { k1: 1.2, b: 0.75 };
  const bm25 = buildBm25Index(index, params);
  const scorer = (headingWeight: number) => createSentenceScorer({ index, termId: bm25.termId, headingOf: (s) => headingSentenceOf(index, s), headingWeight, params });
  const terms = ['reconfiguring', 'locale', 'run'].map((term) => ({ term, weight: 1 }));
  const rank = (list: Array<{ sentence: number }>, s: number) => list.findIndex((x) => x.sentence === s);

  it('scores the sentences of the given chunks only, with BM25 saturation of repeated words', () => {
    const onlySecond = scorer(0).rank(terms, [1]);
    expect(onlySecond.every((x) => x.sentence >= 3)).toBe(true);
    const all = scorer(0).rank(terms, [0, 1]);
    // Two words, each twice, in a short sentence beat one word once.
    expect(rank(all, 5)).toBeLessThan(rank(all, 1));
    expect(all.every((x, i) => i === 0 || all[i - 1].score >= x.score)).toBe(true);
  });

  it('orders chunks by their best sentence exactly as the distinct chunks of rank(), equal scores included', () => {
    // Six chunks of one sentence each… and of several: every chunk size, with and without the heading field, and
    // repeated sentences (equal scores: the lower sentence number first).
    const lines = ['run the locale', 'locale', 'run the locale', 'nothing here', 'run run locale', 'locale', 'reconfiguring run', 'run the locale'];
    for (const chunkSize of [1, 2, 3]) {
      const many = smallIndex([{ lines }, { lines: [...lines].reverse() }], chunkSize);
      const manyBm25 = buildBm25Index(many, params);
      for (const headingWeight of [0, 1]) {
        const s = createSentenceScorer({ index: many, termId: manyBm25.termId, headingOf: (x) => headingSentenceOf(many, x), headingWeight, params });
        for (const pool of [many.chunks.map((_, c) => c), many.chunks.map((_, c) => c).reverse(), [2, 0, 5]]) {
          const distinct = [...new Set(s.rank(terms, pool).map((x) => many.sentences[x.sentence][3]))];
          expect(s.rankChunks(terms, pool)).toEqual(distinct);
        }
      }
    }
  });

  it('scores each sentence as a second pass over all its tokens would (the asked ids in first-occurrence order), to the bit', () => {
    const { ids, offsets } = index.terms;
    const avgLength = ids.length / index.sentences.length;
    const asked = [...terms, { term: 'the', weight: 0.5 }, { term: 'locale', weight: 2 }];
    // Each id's query weight: the largest of its terms' weight × sentence IDF.
    const weightOf = new Map<number, number>();
    for (const { term, weight } of asked) {
      const id = bm25.termId(term);
      if (id !== undefined) weightOf.set(id, Math.max(weightOf.get(id) ?? 0, weight * scorer(0).idf(term)));
    }
    const reference = (s: number) => {
      const tf = new Map<number, number>();
      for (let i = offsets[s]; i < offsets[s + 1]; i++) if (weightOf.has(ids[i])) tf.set(ids[i], (tf.get(ids[i]) ?? 0) + 1);
      const norm = params.k1 * (1 - params.b + (params.b * (offsets[s + 1] - offsets[s])) / avgLength);
      let total = 0;
      for (let i = offsets[s]; i < offsets[s + 1]; i++) {
        const f = tf.get(ids[i]) ?? 0;
        if (f === 0) continue;
        total += weightOf.get(ids[i])! * ((f * (params.k1 + 1)) / (f + norm));
        tf.set(ids[i], 0);
      }
      return total;
    };
    const scored = scorer(0).rank(asked, [0, 1]);
    expect(scored.length).toBe(index.sentences.filter((_, s) => reference(s) > 0).length);
    for (const { sentence, score } of scored) expect(score).toBe(reference(sentence));
  });

  it('the heading field lifts the sentences of a matching section', () => {
    const plain = scorer(0).rank(terms, [0, 1]);
    const withHeading = scorer(1).rank(terms, [0, 1]);
    expect(rank(plain, 4)).toBeLessThan(rank(plain, 1));
    expect(rank(withHeading, 1)).toBeLessThan(rank(withHeading, 4));
    expect(scorer(0).idf('locale')).toBeLessThan(scorer(0).idf('reconfiguring'));
  });
});

describe('sentence scorer: the document title as a field', () => {
  // Two manual pages saying the same thing; the question names the page.
  const index = smallIndex(
    [
      { format: 'txt', lines: ['LS(1)      User Commands      LS(1)', '', 'OPTIONS', '       -i, --inode', '              print the inode number of each file'] },
      { format: 'txt', lines: ['DU(1)      User Commands      DU(1)', '', 'OPTIONS', '       --inodes', '              list inode usage'] },
    ],
    1,
  );
  const params = { k1: 1.2, b: 0.75 };
  const bm25 = buildBm25Index(index, params);
  const terms = ['ls', 'inode'].map((term) => ({ term, weight: 1 }));
  const chunks = index.chunks.map((_, i) => i);
  const order = (titleOf?: (s: number) => number) =>
    createSentenceScorer({ index, termId: bm25.termId, headingOf: (s) => headingSentenceOf(index, s), titleOf, headingWeight: 0.5, params })
      .rank(terms, chunks)
      .map((x) => x.sentence);

  it("lifts the sentences of the page the question names, and never makes a candidate of a sentence that says nothing asked", () => {
    const inodeUsage = 7;
    const inodeNumber = 3;
    expect(index.documents[index.sentences[inodeUsage][0]].text.slice(index.sentences[inodeUsage][1], index.sentences[inodeUsage][2])).toContain('inode usage');
    const without = order();
    expect(without.indexOf(inodeUsage)).toBeLessThan(without.indexOf(inodeNumber));
    const withTitle = order((s) => titleSentenceOf(index, s));
    expect(withTitle.indexOf(inodeNumber)).toBeLessThan(withTitle.indexOf(inodeUsage));
    const ranked = createSentenceScorer({ index, termId: bm25.termId, headingOf: () => -1, titleOf: (s) => titleSentenceOf(index, s), headingWeight: 0.5, params }).rank(terms, chunks);
    expect(ranked.map((x) => x.sentence)).not.toContain(1);
  });
});

describe('hybrid retriever with the sentence scorer', () => {
  it('fuses a third list, the chunks in the order of their best sentence', async () => {
    const base = smallIndex([
      { lines: ['alpha alpha', 'beta beta'] },
      { lines: ['alpha beta', 'filler words here and there, more of them than before', 'the end'] },
    ]);
    // No vectors: only the keyword lists count.
    const index = { ...base, vectors: { getCurrentCount: () => 0 } } as unknown as LoadedIndex;
    const params = { k1: 1.2, b: 0.75 };
    const bm25 = buildBm25Index(index, params);
    const scorer = createSentenceScorer({ index, termId: bm25.termId, headingOf: () => -1, headingWeight: 0, params });
    const embedder = { embeddings: { embedQuery: async () => [] } } as unknown as Parameters<typeof createHybridRetriever>[0]['embedder'];
    const query = { text: 'alpha beta', terms: ['alpha', 'beta'].map((term) => ({ term, weight: bm25.idf(term) })) };
    const chunkOnly = await createHybridRetriever({ index, bm25, embedder }).retrieve(query, 2);
    // Chunk BM25 prefers the short chunk saying each word twice; one sentence saying both is in the other.
    expect(chunkOnly[0].chunk).toBe(0);
    const withSentences = await createHybridRetriever({ index, bm25, embedder, sentences: { scorer, weight: 2 } }).retrieve(query, 2);
    expect(withSentences[0].chunk).toBe(1);
  });
});

describe('option and sigil names in the keyword search', () => {
  // Two man pages: the option's line says nothing but its letter and what it does; the other page says touch twice.
  const pages = smallIndex(
    [
      { lines: ['touch changes file timestamps', 'touch creates empty files', '-a makes touch change only the access time', '-m change only the modification time'] },
      { lines: ['mkdir makes directories', '-m sets the file mode', 'touch is another command', 'touch changes times'] },
    ],
    2,
  );
  // No vectors: only the keyword lists count.
  const index = { ...pages, vectors: { getCurrentCount: () => 0 } } as unknown as LoadedIndex;
  const bm25 = buildBm25Index(index, { k1: 1.2, b: 0.75 });
  const embedder = { embeddings: { embedQuery: async () => [] } } as unknown as Parameters<typeof createHybridRetriever>[0]['embedder'];
  // "touch -m": the option travels as a code token ("-m", as the tokenizer keeps it: query-analysis.ts codeNameTokens).
  const query = { text: 'what does touch -m do', terms: [{ term: 'touch', weight: bm25.idf('touch') }], codeTokens: ['-m'] };

  it('searches the option letter at the fitted weight, and not at all when the weight is 0', async () => {
    const without = await createHybridRetriever({ index, bm25, embedder }).retrieve(query, 2);
    const withCode = await createHybridRetriever({ index, bm25, embedder, codeNameWeight: 1 }).retrieve(query, 2);
    // The chunk with touch's "-m" line (the 2nd of page 1) says touch once; the two that say it twice come first
    // without the option, and it comes first with it.
    expect(without.map((r) => r.chunk).sort()).toEqual([0, 3]);
    expect(withCode[0].chunk).toBe(1);
  });

  it('searches a short option that is also among the terms once, as a code token', async () => {
    const retriever = createHybridRetriever({ index, bm25, embedder, codeNameWeight: 1 });
    const asTermToo = { ...query, terms: [...query.terms, { term: '-m', weight: bm25.idf('-m') }] };
    expect(await retriever.retrieve(asTermToo, 2)).toEqual(await retriever.retrieve(query, 2));
  });
});

describe('BM25 search with feedback terms', () => {
  const index = smallIndex(
    [
      { lines: ['netgroup lists hosts', 'ltsp clients boot'] },
      { lines: ['netgroup names ltsp clients', 'boot over the network'] },
      { lines: ['thin clients boot from ltsp', 'the ltsp server serves them'] },
      { lines: ['printers are shared', 'by the cups server'] },
    ],
    2,
  );
  const bm25 = buildBm25Index(index, { k1: 1.2, b: 0.75 });
  const asked = [{ term: 'netgroup', weight: 1 }];

  it('ranks as a second search with both lists, and asks for terms once with the best chunks first', () => {
    const extra = [{ term: 'ltsp', weight: 0.5 }, { term: 'boot', weight: 0.5 }];
    const seen: number[][] = [];
    const expanded = bm25.search(asked, 4, { chunks: 2, terms: (best) => (seen.push(best), extra) });
    expect(expanded).toEqual(bm25.search([...asked, ...extra], 4));
    expect(seen).toEqual([bm25.search(asked, 2).map((r) => r.chunk)]);
    // The expansion finds the chunk that never says the question's word.
    expect(expanded.map((r) => r.chunk)).toContain(2);
    expect(bm25.search(asked, 4).map((r) => r.chunk)).not.toContain(2);
  });
});

describe('a label line is the name of its block, not an answer', () => {
  // From the bank's chmod(1) (tests/bank/corpora/man-en/chmod.1.txt).
  const page = smallIndex(
    [
      {
        format: 'txt',
        lines: [
          'CHMOD(1)                         User Commands                        CHMOD(1)',
          '',
          'OPTIONS',
          '       --no-preserve-root',
          "              do not treat '/' specially (the default)",
          '',
          '       --preserve-root',
          "              fail to operate recursively on '/'",
        ],
      },
    ],
    8,
  );
  // "what does chmdo --preserve-root do?": the slip's alternative is chmod, the option's words preserve and root.
  const query: AnalyzedQuery = {
    text: 'what does chmdo --preserve-root do?',
    answerType: 'other',
    terms: [
      { term: 'chmdo', weight: 3.7, origin: 'question', alternatives: ['chmod'] },
      { term: 'preserve-root', weight: 5.6, origin: 'question' },
    ],
  };

  it('is marked on its candidate (label lines only: not the title, not the sentences under them)', () => {
    expect([0, 1, 2, 3, 4, 5].map((s) => labelSentence(page, s))).toEqual([false, true, true, false, true, false]);
    const candidates = buildCandidates(page, [{ chunk: 0, score: 1 }]);
    expect(candidates.filter((c) => c.isLabel).map((c) => c.text.trim())).toEqual(['OPTIONS', '--no-preserve-root', '--preserve-root']);
  });

  it('ranks after the sentences of the blocks, however many of the asked words it says', () => {
    const evidence = scoreEvidence(query, buildCandidates(page, [{ chunk: 0, score: 1 }]), { optionWeight: 0.5 });
    const label = evidence.find((e) => e.candidate.text.trim() === '--preserve-root')!;
    const answer = evidence.find((e) => e.candidate.text.includes('fail to operate'))!;
    // By its score alone the label would come first: it says the option word for word.
    expect(label.score).toBeGreaterThan(answer.score);
    const ranked = firstStage(evidence, firstStageKeys(evidence, 0));
    expect(ranked[0].candidate.text).toContain('fail to operate recursively');
    expect(ranked.slice(-3).every((e) => e.candidate.isLabel)).toBe(true);
  });
});
