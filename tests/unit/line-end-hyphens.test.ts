import { describe, expect, it } from 'vitest';
import { documentWords, hyphenJoiner } from '../../ingest/formats/line-end-hyphens.js';

// Lines written for these tests (not a bank document).
describe('a hyphen at the end of a PDF line', () => {
  const pairs = (lines: string[]) => lines.slice(1).map((l, i): [string, string] => [lines[i], l]);

  it('is the typesetter\'s when the document writes the word whole elsewhere, the word\'s when it writes the hyphen', () => {
    const lines = ['The two settings are equiv-', 'alent here.', 'They are equivalent.', 'Edit the file in system-', 'connections.', 'Each system-connections entry is a file.'];
    const join = hyphenJoiner(documentWords(lines), pairs(lines));
    expect(join('The two settings are equiv-', 'alent here.')).toBe('join');
    expect(join('Edit the file in system-', 'connections.')).toBe('keep');
  });

  it('follows the document\'s habit for a word written neither way, and keeps the hyphen with no habit to follow', () => {
    const typeset = ['a config-', 'uration file', 'the configuration', 'an inter-', 'face name', 'each interface', 'the wpa-', 'keymgmt value'];
    expect(hyphenJoiner(documentWords(typeset), pairs(typeset))('the wpa-', 'keymgmt value')).toBe('join');
    const printed = ['the wpa-', 'key-mgmt value'];
    expect(hyphenJoiner(documentWords(printed), pairs(printed))('the wpa-', 'key-mgmt value')).toBe('keep');
  });

  it('stays before a digit or a capital, keeps an option\'s lone dash, and says nothing about other line ends', () => {
    const join = hyphenJoiner(new Set(['sha512']), []);
    expect(join('hashed with SHA-', '512 now')).toBe('keep');
    expect(join('encoded in UTF-', '8 text')).toBe('keep');
    expect(join('see the chage -', 'l user option')).toBe('keep');
    expect(join('use the --', 'follow option')).toBe('keep');
    // A dash in prose is not an option's.
    expect(join('must differ from the username -', 'otherwise login fails')).toBeUndefined();
    expect(join('a plain line', 'and its next')).toBeUndefined();
  });
});
