import { describe, expect, it } from 'vitest';
import { fixtureSets } from '../../server/eval/fixture-sets.js';

// The fitting scripts (calibrate, fit:ranking) read every JSON file directly under tests/fixtures as a question file:
// a fixture of another kind put there once broke them ("set.cases is not iterable") while every test still passed.
describe('fixture question sets', () => {
  it('loads every file under tests/fixtures as a set of questions over the article', async () => {
    const sets = await fixtureSets();
    expect(sets.length).toBeGreaterThan(0);
    for (const set of sets) {
      expect(set.corpus).toBe('article');
      expect(set.cases.length, set.name).toBeGreaterThan(0);
      for (const c of set.cases) expect(typeof c.q, `${set.name} ${c.id}`).toBe('string');
    }
  });
});
