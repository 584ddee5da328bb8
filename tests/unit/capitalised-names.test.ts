import { describe, expect, it } from 'vitest';
import { capitalisedNames } from '../../server/core/corpus-language.js';

describe('capitalisedNames', () => {
  it('takes capitalised words inside an English sentence, stemmed like the tokenizer, not the first word', () => {
    expect([...capitalisedNames('Who is the CEO of Apple?')].sort()).toEqual(['appl', 'ceo']);
    expect(capitalisedNames('How many employees does it have?').size).toBe(0);
  });
});
