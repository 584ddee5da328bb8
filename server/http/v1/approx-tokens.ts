import { EAST_ASIAN_SCRIPTS_RANGE } from '../../shared/text/char-classes.js';

/**
 * Approximate token counts for the `usage` field of /v1 responses. No tokenizer is shipped (the
 * answer may not come from an OpenAI model at all), so this follows the usual rules of thumb of
 * BPE tokenizers: one token per CJK character, one per ~4 other characters. Clients use `usage`
 * for display and budgeting, where this precision is enough; it is not a billing figure.
 */
const CJK = new RegExp(`[${EAST_ASIAN_SCRIPTS_RANGE}]`, 'gu');

export function approxTokens(text: string): number {
  if (!text) return 0;
  const cjk = text.match(CJK)?.length ?? 0;
  const rest = text.replace(CJK, '').replace(/\s+/g, ' ').trim().length;
  return cjk + Math.ceil(rest / 4);
}
