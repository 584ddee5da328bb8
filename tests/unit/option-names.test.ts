import { describe, expect, it } from 'vitest';
import { namesOption, optionsAsked, optionSpellings } from '../../server/generators/extractive/option-names.js';
import { scoreEvidence } from '../../server/generators/extractive/sentence-evidence.js';
import { rankEvidence } from '../../server/generators/extractive/sentence-ranking-model.js';
import type { AnalyzedQuery } from '../../server/core/types.js';
import { candidate } from '../helpers/candidates.js';

// Text from the bank's man pages (tests/bank/corpora/man-en/grep.1.txt, gzip.1.txt, man2-en/tar.1.txt).
describe('the options a question names', () => {
  it('are the short and long options as written, a long one with its value, each once', () => {
    expect(optionsAsked('grep 的 -m 参数如果给 -1 会怎样？')).toEqual(['-m']);
    expect(optionsAsked('Up to what date can gzip -N store the original file\'s timestamp?')).toEqual(['-N']);
    expect(optionsAsked("What's the point of --sort=inode when creating a tar archive?")).toEqual(['--sort=inode']);
    expect(optionsAsked('cp 用 --reflink=auto 的时候，--reflink=auto 会怎么样？')).toEqual(['--reflink=auto']);
  });

  it('are not a hyphenated word, a negative number or a dash between words', () => {
    expect(optionsAsked('Which e-mail address and which x86-64 build? It fell by -5% - a lot')).toEqual([]);
  });

  it('then the names code writes with a sigil: format escapes, variables, history, tags before a colon', () => {
    expect(optionsAsked('那 %N 呢？')).toEqual(['%N']);
    expect(optionsAsked('shell 参数 $# 含义')).toEqual(['$#']);
    expect(optionsAsked('and O:?')).toEqual(['O:']);
    expect(optionsAsked('Why order @INC before $Config{sitelib}? And what do !! and !$ do with ~rmas/x?')).toEqual(['@INC', '$Config', '!!', '!$', '~rmas']);
    expect(optionsAsked('sort -r, then %Y')).toEqual(['-r', '%Y']);
  });

  it("a shell's special parameters and parameter expansions as written, and operators written on their own", () => {
    expect(optionsAsked('shell 脚本里的 $? 变量保存的是什么？')).toEqual(['$?']);
    expect(optionsAsked('$$ shell parameter value; and $! ?')).toEqual(['$$']);
    expect(optionsAsked('If I write ${var:?string} and var is unset, what does the shell do?')).toEqual(['${var:?string}']);
    expect(optionsAsked("What's the point of tacking '|| true' onto those command && … idioms?")).toEqual(['||', '&&']);
    expect(optionsAsked('udev 规则里赋值时用 := 而不是 =，有什么好处？')).toEqual([':=']);
    expect(optionsAsked('cmd >/dev/null 2>&1 why')).toEqual(['2>&1']);
    // Backticked, and an operator before the punctuation that ends a clause.
    expect(optionsAsked('what is `$?` for')).toEqual(['$?']);
    expect(optionsAsked('What is 2>&1? And ||, && ?')).toEqual(['2>&1', '||', '&&']);
  });

  it('but no operator inside a word or a longer run, no dollars repeated, no "$!" or "$?" ending a sentence', () => {
    expect(optionsAsked('a||b, +===+, |||, x :== y')).toEqual([]);
    expect(optionsAsked('It costs $$$. Save $! How much in $? Mail me')).toEqual([]);
    // Money with a half-width mark glued to it, a Makefile's escaped dollar.
    expect(optionsAsked('这个要多少$?谢谢，花了几百$!太贵')).toEqual([]);
    expect(optionsAsked('Makefile 里 $${HOME} 是什么')).toEqual([]);
  });

  it('and a one-letter tag asked about on its own or quoted', () => {
    expect(optionsAsked('N: 呢')).toEqual(['N:']);
    expect(optionsAsked('What does "O:" mean in lintian?')).toEqual(['O:']);
  });

  it('but not money, an e-mail address, a percentage, emphatic punctuation or a prefix other words follow', () => {
    expect(optionsAsked('When did the market cap pass $4 trillion? How much in $? Mail a@b.org, up 5%! Note: none')).toEqual([]);
    expect(optionsAsked('沐曦是哪一年创办的?!!')).toEqual([]);
    expect(optionsAsked('Q: how do I install apt?')).toEqual([]);
    expect(optionsAsked('Plan B: what now? What is on the C: drive?')).toEqual([]);
  });
});

describe('a text names a sigil name', () => {
  it('as written: in its case, not inside another name', () => {
    expect(namesOption('%N = 张数', '%N')).toBe(1);
    expect(namesOption('%n = 编号', '%N')).toBe(0);
    expect(namesOption('O: for overridden', 'O:')).toBe(1);
    expect(namesOption('FOO: for overridden', 'O:')).toBe(0);
    expect(namesOption('This may be shortened to !$.', '!$')).toBe(1);
    expect(namesOption('Wow!!!', '!!')).toBe(0);
    expect(namesOption('!! repeats the last command', '!!')).toBe(1);
    expect(namesOption('the $LANGUAGE variable', '$LANG')).toBe(0);
    expect(namesOption('|$$             |PID of this shell script', '$$')).toBe(1);
    expect(namesOption('$$$', '$$')).toBe(0);
    expect(namesOption('|${var:?string}   |"$var"', '${var:?string}')).toBe(1);
  });

  it('an operator also between words, but not inside a longer run of operator characters', () => {
    expect(namesOption('command1 || command2', '||')).toBe(1);
    expect(namesOption('OWNER:="root"', ':=')).toBe(1);
    expect(namesOption('a |||b', '||')).toBe(0);
    expect(namesOption('x ::= y', ':=')).toBe(0);
    // A text table's borders and empty cells are no "||".
    expect(namesOption('|| xargs -n 1 command |', '||')).toBe(0);
    expect(namesOption('|         ||     |', '||')).toBe(0);
  });

  it('a parameter expansion whole: no half credit for another one with the same start', () => {
    expect(namesOption('|${var:+string}  |"string"  |"null"', '${var:=string}')).toBe(0);
    expect(namesOption('|${var:=string}  |"$var"', '${var:=string}')).toBe(1);
  });
});

describe('a text names an option', () => {
  const label = '-m NUM, --max-count=NUM';
  it('as a whole token and in its case', () => {
    expect(namesOption(label, '-m')).toBe(1);
    expect(namesOption(label, '--max-count')).toBe(1);
    // "-m" is not inside "--max-count", "-N" is not "-n", "-n" is not the start of "-name".
    expect(namesOption('--max-count=NUM', '-m')).toBe(0);
    expect(namesOption('-n --no-name', '-N')).toBe(0);
    expect(namesOption('-N --name', '-N')).toBe(1);
  });

  it('a long option with a value fully as asked, half by its name alone', () => {
    expect(namesOption('Using --sort=inode reduces the number of disk seeks made when creating the archive', '--sort=inode')).toBe(1);
    expect(namesOption('--sort=ORDER', '--sort=inode')).toBe(0.5);
    expect(namesOption('When creating an archive, sort directory entries according to ORDER, which is one of none, name, or inode.', '--sort=inode')).toBe(0);
  });

  it('spelt as the corpus spells it when the question slips ("--exclude-vsc" → --exclude-vcs)', () => {
    const words = [{ term: 'tar' }, { term: 'exclude-vsc', alternatives: ['exclude-vcs'] }];
    expect(optionSpellings('--exclude-vsc', words)).toEqual(['--exclude-vsc', '--exclude-vcs']);
    expect(optionSpellings('-m', words)).toEqual(['-m']);
    expect(optionSpellings('%N', words)).toEqual(['%N']);
  });
});

describe('an option the question names counts as a word of its own (scoreEvidence optionWeight)', () => {
  // "grep 的 -m 参数如果给 -1 会怎样？": the tokenizer keeps grep and 1, and has no word for -m.
  const query: AnalyzedQuery = {
    text: 'grep 的 -m 参数如果给 -1 会怎样？',
    answerType: 'other',
    terms: [
      { term: 'grep', weight: 3.7, origin: 'question', role: 'topic' },
      { term: '1', weight: 2.5, origin: 'question' },
    ],
  };
  const example = candidate(1, "$ grep -n -- 'f.*\\.c$' *g*.h /dev/null argmatch.h:1:/* definitions and prototypes for argmatch.c", { heading: 'GREP(1) User Commands GREP(1) › EXAMPLE' });
  const underLabel = candidate(2, 'A NUM of -1 is treated as infinity and grep does not stop;', { heading: 'GREP(1) User Commands GREP(1) › OPTIONS › General Output Control › -m NUM, --max-count=NUM' });
  const best = (optionWeight: number) => rankEvidence(scoreEvidence(query, [example, underLabel], { optionWeight }), query, undefined, null, 0)[0].candidate.id;

  it('the sentence under the label "-m NUM" outranks an example that only shares the words', () => {
    expect(best(0)).toBe(1);
    expect(best(0.5)).toBe(2);
  });

  it('a sentence that names no asked option has it as an unmatched rare word', () => {
    const [ex, under] = scoreEvidence(query, [example, underLabel], { optionWeight: 0.5 });
    expect(ex.unmatchedRare).toBeGreaterThan(0);
    expect(under.unmatchedRare).toBe(0);
  });
});

describe('a sigil name the question names counts as a word of its own', () => {
  // "那 %N 呢？" after a question about %S: lower-cased, the only word is "n", which every sentence has.
  const query: AnalyzedQuery = { text: '那 %N 呢？', answerType: 'other', terms: [{ term: 'n', weight: 2.8, origin: 'question' }] };
  const other = candidate(1, '%n = number of the sheet, N of n', {});
  const named = candidate(2, '%N = 张数', {});
  const best = (optionWeight: number) => rankEvidence(scoreEvidence(query, [other, named], { optionWeight }), query, undefined, null, 0)[0].candidate.id;

  it('the sentence that writes "%N" outranks one with only the letter', () => {
    expect(best(0)).toBe(1);
    expect(best(1.5)).toBe(2);
  });
});

describe('a follow-up counts only the options it names itself', () => {
  // "And -c?" after "What does grep -m do?": the resolved text carries the previous question (for its topic), but
  // -m was the last question's option; the sentence about -c is the one asked for.
  const query: AnalyzedQuery = {
    text: 'What does grep -m do? -c',
    asked: 'And -c?',
    answerType: 'other',
    terms: [{ term: 'grep', weight: 1, origin: 'context' }],
  };
  const aboutM = candidate(1, 'Stop reading a file after NUM matching lines.', { heading: 'GREP(1) › OPTIONS › -m NUM, --max-count=NUM' });
  const aboutC = candidate(2, 'Suppress normal output; instead print a count of matching lines for each input file.', { heading: 'GREP(1) › OPTIONS › -c, --count' });
  const scores = (q: AnalyzedQuery) => scoreEvidence(q, [aboutM, aboutC], { optionWeight: 0.5 }).map((e) => e.score);

  it('the sentence under "-c" scores above the one under "-m"; reading the carried text would tie them', () => {
    const [m, c] = scores(query);
    expect(c).toBeGreaterThan(m);
    const [mCarried, cCarried] = scores({ ...query, asked: undefined });
    expect(cCarried).toBe(mCarried);
  });
});
