import { fittedFile } from '../../shared/fitted-file.js';
import path from 'node:path';
import { innermostHeading } from '../../core/section-headings.js';
import { ANNOUNCES, COMMAND_LINE, LIST_ITEM, NAMES_CODE } from '../../core/sentence-shapes.js';
import type { CandidateSentence } from '../../core/types.js';

/**
 * What turns a how-to explanation into an answer: the steps and commands it leads to. Manuals put the
 * command on its own line after the sentence that explains it ("To restart X, run:" / "    $ systemctl
 * restart x"), announce numbered steps whose own lines announce more ("follow these steps:" / "Insert the
 * disc and use the apt-cdrom command:" / "    apt-cdrom add"), and API references name the call in the
 * section heading while the sentence under it only says what it does.
 */

// A how-to answer quotes the steps and commands the explanation leads to, up to this many lines.
export const MAX_STEPS = 6;

const isCommand = (c: CandidateSentence) => Boolean(c.code) || COMMAND_LINE.test(c.text);

/**
 * The sentences after `c` that carry out what it explains: command lines and code right after it, and —
 * after a sentence that announces ("…as follows:", "…steps:") — the steps, each with the commands and
 * lines it announces in turn. Stops at a heading, at the end of the document, and at prose that nothing
 * announced. Only sentences the answerer was given (candidates) can be quoted.
 */
export function stepsAfter(c: CandidateSentence, bySentence: Map<number, CandidateSentence>): CandidateSentence[] {
  const out: CandidateSentence[] = [];
  let last = c;
  for (let s = c.sentence + 1; out.length < MAX_STEPS; s++) {
    const next = bySentence.get(s);
    // (By position: "# dmesg -n3" in a code block is a root prompt, not a Markdown heading.)
    if (!next || next.docId !== c.docId || next.isHeading) break;
    const announced = ANNOUNCES.test(last.text.trim());
    const inList = LIST_ITEM.test(next.text) && (out.length === 0 ? announced : LIST_ITEM.test(last.text) || isCommand(last) || ANNOUNCES.test(c.text.trim()));
    // A shell transcript goes on with prompts only: what follows "# dmesg -n3" indented is output or a
    // table caption, not more of the command.
    const command = COMMAND_LINE.test(last.text) ? COMMAND_LINE.test(next.text) : isCommand(next);
    if (!(command || announced || inList)) break;
    out.push(next);
    last = next;
  }
  // A list or a run of commands ends where its lines end: a trailing announcement has lost what it announced.
  while (out.length > 1 && ANNOUNCES.test(out[out.length - 1].text.trim()) && !isCommand(out[out.length - 1])) out.pop();
  return out;
}

// The last part of a heading path that names a call or a command rather than a topic:
// "socket.addMembership(multicastAddress[, multicastInterface])", "url.pathToFileURL(path)", "rl.close()".
const NAMES_A_CALL = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\s*\(.*\)$|^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;

/**
 * The call a sentence's section is about, when its heading names one and the sentence does not: in an API
 * reference "Tells the kernel to join a multicast group…" answers "how do I join a multicast group?" only
 * together with the heading above it, `socket.addMembership(…)`.
 */
export function callNamedByHeading(c: CandidateSentence, alsoQuoted = ''): string | undefined {
  const last = innermostHeading(c.heading);
  if (!last || !NAMES_A_CALL.test(last)) return undefined;
  const name = /^[^(]+/.exec(last)![0].trim();
  const bare = name.split('.').pop()!;
  const named = new RegExp(`(?<![\\w$])${bare.replace(/\$/g, '\\$')}(?![\\w$])`);
  return named.test(c.text) || named.test(alsoQuoted) ? undefined : last;
}

// A heading that asks how ("14.13.1. How to set up shutdown-at-night", "6.3.8. 怎样关闭远程系统").
const HEADING_ASKS_HOW = /\bhow to\b|\bhow do\b|怎样|怎么|如何/i;

/**
 * 1 when a sentence reads as a step of a procedure: it leads to a command or code (the next line is one,
 * or it announces what follows), or it sits under a heading that asks how. A how-to question prefers such
 * a sentence to one that only talks about the topic ("By default Icinga does not send email." against
 * "This can be changed by replacing notify-by-nothing…"); how much is fitted (`npm run fit:how-to`).
 */
export function stepCue(c: CandidateSentence, bySentence: Map<number, CandidateSentence>): number {
  if (isCommand(c)) return 0;
  const next = bySentence.get(c.sentence + 1);
  if (next && next.docId === c.docId && !next.isHeading && (isCommand(next) || (ANNOUNCES.test(c.text.trim()) && LIST_ITEM.test(next.text)))) return 1;
  const heading = innermostHeading(c.heading) ?? '';
  return HEADING_ASKS_HOW.test(heading) ? 1 : 0;
}

/** A command line, code, or prose that names what to type, run, edit or pick: what a how-to's answer gives. */
export const namesAction = (c: CandidateSentence): boolean => isCommand(c) || NAMES_CODE.test(c.text);

/**
 * 1 when a prose sentence names what to type, run, edit or pick (sentence-shapes.ts NAMES_CODE): "If you want
 * extra run-time checks use the --enable-debug configure switch." against "This is useful when your program dies
 * mysteriously while using libffi."; how much a how-to prefers it is fitted (`npm run fit:how-to`). A command
 * line itself is not counted: stepCue's explanation before it, or the line as it ranks, speaks for it.
 */
export function codeCue(c: CandidateSentence): number {
  return !isCommand(c) && NAMES_CODE.test(c.text) ? 1 : 0;
}

export interface HowToWeights {
  /** Added to a sentence's ranking key when stepCue is 1 and the question asks how. */
  step: number;
  /** Added when codeCue is 1 and the question asks how (0 when the file predates it). */
  code?: number;
  fitted?: Record<string, unknown>;
}

export const HOW_TO_WEIGHTS_FILE = path.join(import.meta.dirname, 'how-to-weights.json');
/** The committed weights (fitted by `npm run fit:how-to`), read once; 0 when none were adopted. */
export const howToWeights = fittedFile<HowToWeights>(HOW_TO_WEIGHTS_FILE, { step: 0 });

/** What a how-to question adds to a sentence's ranking key: the fitted weights times its step and code cues. */
export function howToBonus(c: CandidateSentence, bySentence: Map<number, CandidateSentence>, w: HowToWeights = howToWeights()): number {
  return (w.step ? w.step * stepCue(c, bySentence) : 0) + (w.code ? w.code * codeCue(c) : 0);
}

/**
 * The sentence that explains a command line: the candidate its lead names (the nearest sentence above it
 * that is neither a list item nor code, list-leads.ts), when the command is one of the steps it leads to.
 */
export function explanationOf(c: CandidateSentence, bySentence: Map<number, CandidateSentence>): CandidateSentence | undefined {
  if (!isCommand(c) || !c.lead) return undefined;
  for (let s = c.sentence - 1; s >= c.sentence - MAX_STEPS; s--) {
    const before = bySentence.get(s);
    // (A section's first paragraph can look indented against its heading: a heading explains nothing.)
    if (!before || before.docId !== c.docId || before.isHeading) return undefined;
    if (isCommand(before) || LIST_ITEM.test(before.text)) continue;
    return stepsAfter(before, bySentence).some((x) => x.id === c.id) ? before : undefined;
  }
  return undefined;
}

/**
 * The steps between a command line's explanation and the command (explanationOf) that say what the command is for: the
 * list item that announced it and what follows that item up to it ("有替代的方式来记录 shell 活动：" / "* 使用 tee (在
 * initramfs 的启动过程中可用)：" / "$ sh -i 2>&1 | tee typescript") — not the other items and commands before it; with
 * no item between them, the lines that lead to it ("You can change it by the following.").
 */
export function stepsBetween(explanation: CandidateSentence, c: CandidateSentence, bySentence: Map<number, CandidateSentence>): CandidateSentence[] {
  const path = stepsAfter(explanation, bySentence);
  const at = path.findIndex((x) => x.id === c.id);
  if (at < 0) return [];
  let item = at - 1;
  while (item >= 0 && !LIST_ITEM.test(path[item].text)) item--;
  return path.slice(Math.max(0, item), at);
}
