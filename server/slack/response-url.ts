/**
 * Posting to a slash command's or interaction's `response_url` (valid 30 minutes, up to 5 uses).
 * Done with our own injectable fetch so it has a timeout and tests can point it anywhere.
 */
import type { SlackMessage } from './answer-blocks.js';

export const RESPONSE_URL_TIMEOUT_MS = 10_000;

export type ResponseUrlPayload = Partial<SlackMessage> & {
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  delete_original?: boolean;
};

export type FetchLike = typeof fetch;

export async function postToResponseUrl(fetchFn: FetchLike, url: string, payload: ResponseUrlPayload): Promise<void> {
  const res = await fetchFn(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(payload),
    redirect: 'error',
    signal: AbortSignal.timeout(RESPONSE_URL_TIMEOUT_MS),
  });
  // Slack answers 200 "ok"; anything else (expired URL, used 5 times, bad blocks) is worth logging.
  if (!res.ok) {
    const detail = (await res.text().catch(() => '')).slice(0, 200);
    throw new Error(`response_url POST failed: HTTP ${res.status} ${detail}`);
  }
  await res.body?.cancel().catch(() => undefined);
}
