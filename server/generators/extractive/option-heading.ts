import { innermostHeading } from '../../core/section-headings.js';
import type { CandidateSentence } from '../../core/types.js';

// A heading that names command-line options: a man page's or a `--help` listing's label line
// ("-E, --extended-regexp", "-c --stdout --to-stdout", "--reference=RFILE", "-n <0|1|false>").
const NAMES_OPTIONS = /^-{1,2}[A-Za-z0-9?]/;
const OPTION = /(?<![\w-])-{1,2}[A-Za-z0-9?][\w-]*/g;

/**
 * The options a sentence's section heading names, when the sentence names none of them: under
 * "-i, --ignore-case" the sentence says only "Ignore case distinctions in patterns and input data", so an
 * answer quoting it alone never says which option does that.
 */
export function optionsNamedByHeading(c: CandidateSentence, alsoQuoted = ''): string | undefined {
  const last = innermostHeading(c.heading);
  if (!last || !NAMES_OPTIONS.test(last)) return undefined;
  const names = last.match(OPTION) ?? [];
  const said = `${c.text} ${alsoQuoted}`;
  return names.some((n) => new RegExp(`(?<![\\w-])${n.replace(/[?]/g, '\\?')}(?![\\w-])`).test(said)) ? undefined : last;
}
