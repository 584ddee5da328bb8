import { describe, expect, it } from 'vitest';
import { documentWords, hyphenJoiner } from '../../ingest/formats/line-end-hyphens.js';

// Lines written for these tests (not a bank document).
describe('a hyphen at the end of a PDF line', () => {
  const pairs = (lines: string[]) => lines.slice(1).map((l, i): [string, string] => [lines[i], l]);
  const joinerOf = (lines: string[]) => hyphenJoiner(documentWords(lines), pairs(lines));

  it("is the typesetter's when the document writes the word whole elsewhere, the word's when it writes the hyphen", () => {
    const join = joinerOf(['The two settings are equiv-', 'alent here.', 'They are equivalent.', 'Edit the file in system-', 'connections.', 'Each system-connections entry is a file.']);
    expect(join('The two settings are equiv-', 'alent here.')).toBe('join');
    expect(join('Edit the file in system-', 'connections.')).toBe('keep');
    // An upper-case word is looked up like any other.
    expect(joinerOf(['THE MAP-', 'PING OF', 'THE MAPPING'])('THE MAP-', 'PING OF')).toBe('join');
    expect(joinerOf(['THE MAP-', 'PING OF'])('THE MAP-', 'PING OF')).toBe('keep');
  });

  it("follows the document's habit for a word written neither way, and keeps the hyphen with no habit to follow", () => {
    const typeset = ['a config-', 'uration file', 'the configuration', 'an inter-', 'face name', 'each interface', 'the wpa-', 'keymgmt value'];
    expect(joinerOf(typeset)('the wpa-', 'keymgmt value')).toBe('join');
    expect(joinerOf(['the wpa-', 'key-mgmt value'])('the wpa-', 'key-mgmt value')).toBe('keep');
  });

  it('stays before a digit, before a capital after a lower-case letter, and after a part that has a hyphen of its own', () => {
    const typeset = ['a config-', 'uration file', 'the configuration'];
    const join = hyphenJoiner(documentWords([...typeset, 'sha512']), pairs(typeset));
    expect(join('hashed with SHA-', '512 now')).toBe('keep');
    expect(join('encoded in UTF-', '8 text')).toBe('keep');
    expect(join('over Wi-', 'Fi links')).toBe('keep');
    // The habit is to join, but TeX breaks a compound only at its own hyphens.
    expect(join('install fonts-crosextra-', 'carlito first')).toBe('keep');
    expect(join('a plain line', 'and its next')).toBeUndefined();
  });

  it("joins an option's lone dash to its name after a bracket or when the document writes the option, never a dash in prose", () => {
    const join = joinerOf(['use --follow to keep reading', 'or -n to count']);
    expect(join('see the chage (-', 'l user option)')).toBe('keep');
    expect(join('use the --', 'follow option')).toBe('keep');
    expect(join('then pass -', 'n 5')).toBe('keep');
    // A dash in prose is not an option's.
    expect(join('must differ from the username -', 'otherwise login fails')).toBeUndefined();
    expect(join('it takes anything -', 'a number or a name')).toBeUndefined();
    expect(join('ports 80 -', '90 are open')).toBeUndefined();
    expect(join('the end --', 'and then more')).toBeUndefined();
    // The document writes -a and -1, but also "a" and "1" as words: the dash may be prose.
    const also = joinerOf(['use -a or -1 to pick', 'a number from 1 to 9']);
    expect(also('it takes anything -', 'a number or a name')).toBeUndefined();
    expect(also('values from 0 -', '1 upward')).toBeUndefined();
    expect(also('see the option (-', 'a for all)')).toBe('keep');
  });
});
