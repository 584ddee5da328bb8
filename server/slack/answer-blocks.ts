/**
 * AskResult → Slack Block Kit message. Pure: no I/O, so every limit can be unit-tested.
 *
 * Layout: [question context] · answer section(s) · [degraded note] · sources context block(s) · [share button].
 * Slack rejects (not truncates) messages over its limits, so every text is fitted here.
 */
import type { types } from '@slack/bolt';
import type { AskResult, Citation } from '../core/types.js';
import { chunkEscaped, escapeAndFit, escapeMrkdwn } from './slack-text.js';
import { feedbackBlock } from './feedback-blocks.js';

type KnownBlock = types.KnownBlock;
type ContextElement = types.MrkdwnElement;

export interface SlackMessage {
  /** Plain fallback: notifications, screen readers and clients without Block Kit. */
  text: string;
  blocks: KnownBlock[];
}

export const SLACK_LIMITS = {
  sectionText: 3000,
  contextElements: 10,
  blocks: 50,
  /** Slack truncates longer `text` fallbacks in notifications; keep it readable. */
  fallbackText: 3000,
  buttonValue: 2000,
} as const;

/** Quotes are evidence, not the answer: long ones are shortened so sources stay scannable. */
export const MAX_QUOTE_CHARS = 500;

export const SHARE_ACTION_ID = 'share_answer';

export const NOT_ANSWERED_TEXT = "I couldn't find an answer to that in the corpus.";

export interface AnswerMessageOptions {
  /** Shown above the answer where the question is not otherwise visible (slash commands, shared answers). */
  question?: string;
  /** Slack user id of the asker, for "<@U…> asked". */
  askedBy?: string;
  /** When set, adds a "Share in channel" button carrying this value. */
  shareValue?: string;
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(elements: ContextElement[]): KnownBlock {
  return { type: 'context', elements };
}

const mrkdwn = (text: string): ContextElement => ({ type: 'mrkdwn', text });

/** A link only when the source is a plain http(s) URL Slack can render safely inside <url|label>. */
function sourceLabel(c: Citation, max: number): string {
  const title = escapeAndFit(c.title || c.source || c.docId, max);
  if (/^https?:\/\/[^\s<>|]+$/.test(c.source)) return `<${c.source}|${title}>`;
  return `*${title}*`;
}

/** What the closest passages shown with a refusal are — and are not. */
export const PASSAGES_HEADING = 'Closest passages — not an answer';

function citationElement(c: Citation): ContextElement {
  const quote = escapeAndFit(c.quote.replace(/\s+/g, ' ').trim(), MAX_QUOTE_CHARS);
  return mrkdwn(`*[${c.n}]* ${sourceLabel(c, 300)} — “${quote}”`);
}

function questionBlock(question: string, askedBy?: string): KnownBlock {
  const who = askedBy && /^[A-Z0-9]+$/i.test(askedBy) ? `<@${askedBy}> asked` : 'Question';
  const prefix = `*${who}:* `;
  return context([mrkdwn(prefix + escapeAndFit(question, SLACK_LIMITS.sectionText - prefix.length))]);
}

function shareBlock(value: string): KnownBlock {
  return {
    type: 'actions',
    block_id: 'share',
    elements: [
      {
        type: 'button',
        action_id: SHARE_ACTION_ID,
        text: { type: 'plain_text', text: 'Share in channel' },
        value: value.slice(0, SLACK_LIMITS.buttonValue),
      },
    ],
  };
}

function fallbackText(result: AskResult): string {
  const head = result.answered ? result.answer : [NOT_ANSWERED_TEXT, result.answer].filter(Boolean).join(' ');
  const listed = result.answered ? result.citations : result.citations.filter((c) => c.kind === 'passage');
  const sources = listed.map((c) => `[${c.n}] ${c.title || c.source}`).join('; ');
  const tail = sources ? `\n${result.answered ? 'Sources' : PASSAGES_HEADING}: ${escapeAndFit(sources, 1000)}` : '';
  return escapeAndFit(head, SLACK_LIMITS.fallbackText - tail.length) + tail;
}

export function buildAnswerMessage(result: AskResult, options: AnswerMessageOptions = {}): SlackMessage {
  const top: KnownBlock[] = [];
  if (options.question) top.push(questionBlock(options.question, options.askedBy));

  const body: KnownBlock[] = [];
  const answerText = result.answer.trim();
  if (!result.answered) {
    body.push(section(`:grey_question: *${NOT_ANSWERED_TEXT}*`));
  }
  // An unanswered result may still carry the service's own explanation; show it, never as a claim.
  if (answerText && answerText !== NOT_ANSWERED_TEXT) {
    for (const chunk of chunkEscaped(answerText, SLACK_LIMITS.sectionText)) body.push(section(chunk));
  }
  if (result.degraded) {
    body.push(context([mrkdwn('_The language model was unavailable, so this answer was extracted directly from the text._')]));
  }

  const bottom: KnownBlock[] = [];
  if (options.shareValue) bottom.push(shareBlock(options.shareValue));
  // A stored answer can be rated (see feedback-action.ts).
  if (result.messageId) bottom.push(feedbackBlock(result.messageId));

  // Sources only back a real answer; for answered:false only the closest passages are shown, under a heading
  // that says they are not an answer.
  const passages = result.answered ? [] : result.citations.filter((c) => c.kind === 'passage');
  const citations = result.answered ? [...result.citations].sort((a, b) => a.n - b.n) : passages;
  const per = SLACK_LIMITS.contextElements;
  const fixed = top.length + bottom.length;

  // The answer comes first; sources keep a reserve of up to 5 blocks (+ divider) so they never vanish.
  const sourceReserve = citations.length > 0 ? Math.min(Math.ceil(citations.length / per), 5) + 1 + (passages.length ? 1 : 0) : 0;
  const bodyRoom = SLACK_LIMITS.blocks - fixed - sourceReserve;
  if (body.length > bodyRoom) {
    body.splice(bodyRoom - 1);
    body.push(context([mrkdwn('_Answer shortened to fit in Slack._')]));
  }

  const sourceBlocks: KnownBlock[] = [];
  if (citations.length > 0) {
    const capacity = (SLACK_LIMITS.blocks - fixed - body.length - 1) * per;
    const shown = citations.length > capacity ? citations.slice(0, capacity - 1) : citations;
    const elements = shown.map(citationElement);
    if (shown.length < citations.length) elements.push(mrkdwn(`_…and ${citations.length - shown.length} more sources_`));
    sourceBlocks.push({ type: 'divider' });
    if (passages.length) sourceBlocks.push(context([mrkdwn(`_${PASSAGES_HEADING}_`)]));
    for (let i = 0; i < elements.length; i += per) sourceBlocks.push(context(elements.slice(i, i + per)));
  }

  const blocks = [...top, ...body, ...sourceBlocks, ...bottom];
  return { text: fallbackText(result), blocks };
}

/** A short message that is not an answer: apologies, usage hints. */
export function buildNoticeMessage(text: string): SlackMessage {
  return { text: escapeMrkdwn(text), blocks: [section(escapeAndFit(text, SLACK_LIMITS.sectionText))] };
}
