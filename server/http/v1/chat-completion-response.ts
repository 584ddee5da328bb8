import { randomUUID } from 'node:crypto';
import type { AskResult, Citation } from '../../core/types.js';

/**
 * The shapes /v1/chat/completions returns: `chat.completion` objects and `chat.completion.chunk`
 * frames, plus the message text (answer with [n] markers, then a Sources list) that plain chat
 * clients display. Machine clients read the top-level `citations` (the /api/ask format) instead.
 */

export const SOURCES_HEADING = 'Sources:';
const SOURCES_SEPARATOR = `\n\n${SOURCES_HEADING}\n`;
const MAX_QUOTE_CHARS = 300;

const clip = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_QUOTE_CHARS ? `${flat.slice(0, MAX_QUOTE_CHARS)}…` : flat;
};

/** "- [n] “quote” — title": a Markdown list, so chat UIs keep one source per line. */
export function formatSources(citations: readonly Citation[]): string {
  if (citations.length === 0) return '';
  return SOURCES_SEPARATOR + citations.map((c) => `- [${c.n}] “${clip(c.quote)}” — ${c.title}`).join('\n');
}

export function messageContent(result: AskResult): string {
  return result.answer + formatSources(result.citations);
}

/** Removes the Sources list from one of our earlier replies when a client sends it back as history. */
export function stripSources(text: string): string {
  const at = text.lastIndexOf(SOURCES_SEPARATOR);
  return at >= 0 ? text.slice(0, at) : text;
}

/**
 * What is left of `full` after the already-streamed prefix, tolerating whitespace differences
 * (the answer service collapses the double space a removed marker leaves). Undefined when the
 * final text does not continue what was streamed (e.g. a degraded fallback replaced it).
 */
export function remainderAfter(streamed: string, full: string): string | undefined {
  let i = 0;
  let j = 0;
  const ws = (c: string | undefined) => c !== undefined && /\s/.test(c);
  while (i < streamed.length) {
    if (ws(streamed[i]) || ws(full[j])) {
      while (ws(streamed[i])) i++;
      while (ws(full[j])) j++;
      continue;
    }
    if (j >= full.length || streamed[i] !== full[j]) return undefined;
    i++;
    j++;
  }
  return full.slice(j);
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export const usageOf = (prompt: number, completion: number): Usage => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
});

export const completionId = () => `chatcmpl-${randomUUID().replace(/-/g, '')}`;

/** Fields beyond the OpenAI schema; clients that do not know them ignore them. */
function extras(result: AskResult) {
  return { citations: result.citations, answered: result.answered, ...(result.degraded ? { degraded: true } : {}) };
}

export function completionObject(
  meta: { id: string; created: number; model: string },
  result: AskResult,
  usage: Usage,
) {
  return {
    id: meta.id,
    object: 'chat.completion' as const,
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant' as const, content: messageContent(result), refusal: null },
        logprobs: null,
        finish_reason: 'stop' as const,
      },
    ],
    usage,
    ...extras(result),
  };
}

export function chunkObject(
  meta: { id: string; created: number; model: string },
  delta: { role?: 'assistant'; content?: string },
  finish: { result: AskResult; usage: Usage } | null = null,
) {
  return {
    id: meta.id,
    object: 'chat.completion.chunk' as const,
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish ? ('stop' as const) : null }],
    ...(finish ? { usage: finish.usage, ...extras(finish.result) } : {}),
  };
}

/** The trailing chunk clients get with stream_options.include_usage: no choices, just usage. */
export function usageChunkObject(meta: { id: string; created: number; model: string }, usage: Usage) {
  return { id: meta.id, object: 'chat.completion.chunk' as const, created: meta.created, model: meta.model, choices: [], usage };
}
