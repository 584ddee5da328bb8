import { describe, expect, it } from 'vitest';
import { contentTerms } from '../../server/core/query-analysis.js';
import { ENGLISH_FUNCTION_WORDS } from '../../server/shared/text/english-function-words.js';
import { stemLatin } from '../../server/shared/text/tokenizer.js';
import type { TermStats } from '../../server/core/query-analysis.js';

// A corpus that never uses "where", "my" or "me": without the function-word list they would weigh like rare names.
const stats: TermStats = { idf: () => 5, documentFrequency: (t) => (['backup', 'default', 'usernam'].includes(t) ? 3 : 0), chunkCount: 10 };

describe('English function words', () => {
  it('holds stemmed forms as the tokenizer produces them', () => {
    expect(ENGLISH_FUNCTION_WORDS.has('wher')).toBe(true);
    expect(ENGLISH_FUNCTION_WORDS.has('backup')).toBe(false);
  });

  it('are not evidence terms of a question', () => {
    const terms = contentTerms("Where do my default backups end up? Why won't it let me edit my username?", stats, 'question').map((t) => t.term);
    expect(terms).toEqual(expect.arrayContaining(['default', 'backup', 'usernam', 'edit']));
    for (const w of ['wher', 'my', 'me', 'won', 't', 'up', 'do']) expect(terms).not.toContain(w);
  });
  it('include the words wink-lexicon tags with closed classes only (its, whose, during), the stopword list lacks', () => {
    for (const w of ['its', 'whose', 'itself', 'during', 'without', stemLatin('during')]) expect(ENGLISH_FUNCTION_WORDS.has(w)).toBe(true);
    // Content words, and a two-letter pronoun that may be an acronym ("US").
    for (const w of ['largest', 'shareholder', 'us', 'bloom']) expect(ENGLISH_FUNCTION_WORDS.has(w)).toBe(false);
  });

  it("a question's name for the documents themselves (the HOWTO, the manual, 文档) frames it, as 本文 does", () => {
    const terms = contentTerms('When was the sorting HOWTO page last updated? Which font does the manual use?', stats, 'question').map((t) => t.term);
    expect(terms).toEqual(expect.arrayContaining(['sort', 'updat', 'font', 'page']));
    for (const w of ['howto', 'manual']) expect(terms).not.toContain(w);
    expect(contentTerms('文档推荐从谁那里买比色卡?', stats, 'question').map((t) => t.term)).not.toContain('文档');
  });
});
