import { describe, expect, it } from 'vitest';
import { optionsNamedByHeading } from '../../server/generators/extractive/option-heading.js';
import { candidate } from '../helpers/candidates.js';

const under = (text: string, heading: string) => candidate(1, text, { heading });

describe('the option a man-page sentence explains', () => {
  it('is named when the sentence under the option label does not name it', () => {
    expect(optionsNamedByHeading(under('Ignore case distinctions in patterns and input data.', '-i, --ignore-case'))).toBe('-i, --ignore-case');
    expect(optionsNamedByHeading(under('Keep (don\'t delete) input files.', 'OPTIONS › -k --keep'))).toBe('-k --keep');
    expect(optionsNamedByHeading(under('Use FILE as the reference.', '--reference=RFILE'))).toBe('--reference=RFILE');
  });

  it('is left out when the sentence (or the text quoted after it) already names one of them, or the heading names no option', () => {
    expect(optionsNamedByHeading(under('With -i, case is ignored.', '-i, --ignore-case'))).toBeUndefined();
    expect(optionsNamedByHeading(under('Case is ignored.', '-i, --ignore-case'), 'Same as --ignore-case.')).toBeUndefined();
    // "-i" inside "--no-ignore-case" or "multi-io" is not the option -i.
    expect(optionsNamedByHeading(under('Unlike --no-ignore-case, this ignores case.', '-i, --ignore-case'))).toBe('-i, --ignore-case');
    expect(optionsNamedByHeading(under('Prints lines.', 'DESCRIPTION'))).toBeUndefined();
    expect(optionsNamedByHeading(under('Prints lines.', undefined as unknown as string))).toBeUndefined();
  });
});
