/**
 * Removes <think>…</think> blocks from model output.
 *
 * Reasoning models served through OpenAI-compatible servers (Qwen3 or DeepSeek-R1 on Ollama,
 * vLLM without a reasoning parser) often put their deliberation in the message content. It must
 * not reach the user, and it must not be read as the answer: it mentions passage numbers it then
 * rejects and may even contain the not-in-article sentinel. Works on a stream, holding back a tag
 * split across chunks ("<thi" + "nk>").
 */
const OPEN = '<think>';
const CLOSE = '</think>';

/** Length of the longest proper prefix of `tag` that `text` ends with. */
function partialTagAtEnd(text: string, tag: string): number {
  for (let k = Math.min(tag.length - 1, text.length); k > 0; k--) {
    if (text.endsWith(tag.slice(0, k))) return k;
  }
  return 0;
}

export interface ReasoningFilter {
  push(chunk: string): string;
  /** End of stream: the held-back tail (an unterminated reasoning block is dropped). */
  flush(): string;
}

export function createReasoningFilter(): ReasoningFilter {
  let inside = false;
  let pending = '';
  return {
    push(chunk) {
      pending += chunk;
      let out = '';
      for (;;) {
        const tag = inside ? CLOSE : OPEN;
        const at = pending.indexOf(tag);
        if (at >= 0) {
          if (!inside) out += pending.slice(0, at);
          pending = pending.slice(at + tag.length);
          inside = !inside;
          continue;
        }
        const keep = partialTagAtEnd(pending, tag);
        if (!inside) out += pending.slice(0, pending.length - keep);
        pending = pending.slice(pending.length - keep);
        return out;
      }
    },
    flush() {
      const out = inside ? '' : pending;
      pending = '';
      return out;
    },
  };
}

export function stripReasoning(text: string): string {
  const filter = createReasoningFilter();
  return filter.push(text) + filter.flush();
}
