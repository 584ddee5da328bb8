import { describe, expect, it } from 'vitest';
import { kindOf } from '../../server/generators/extractive/kinds/index.js';

describe('question kinds: "how" + a degree word asks for a measure or a time, not for steps', () => {
  it.each([
    ['How often is DNS updated from LDAP?', 'when'],
    ['How wide is the Unicode code point range?', 'quantity'],
    ['How old is the oldest supported release?', 'quantity'],
    ['How do I rebuild the diskless workstation image?', 'how-to'],
  ])('%s → %s', (q, kind) => {
    expect(kindOf(q)?.name).toBe(kind);
  });
});
