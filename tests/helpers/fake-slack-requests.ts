import { computeSlackSignature } from '../../server/slack/verify-slack-request.js';

/**
 * Signed requests as Slack sends them: events (JSON), slash commands and interactions (form-encoded).
 * The signing code under test is used only to *produce* signatures; the unit tests pin it to Slack's
 * published example vector, so the two cannot drift together unnoticed.
 */

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEST_BOT_TOKEN = 'xoxb-test-token';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export function signed(body: string, contentType: string, nowSeconds: number, secret = TEST_SIGNING_SECRET): SignedRequest {
  const timestamp = String(nowSeconds);
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': computeSlackSignature(secret, timestamp, body),
    },
  };
}

export function eventEnvelope(eventId: string, event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'legacy-token',
    team_id: 'T00000001',
    api_app_id: 'A00000001',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [{ team_id: 'T00000001', user_id: 'UBOT0001', is_bot: true, is_enterprise_install: false }],
    event,
  };
}

export function signedEvent(eventId: string, event: Record<string, unknown>, nowSeconds: number): SignedRequest {
  return signed(JSON.stringify(eventEnvelope(eventId, event)), 'application/json', nowSeconds);
}

export function signedSlashCommand(fields: Record<string, string>, nowSeconds: number): SignedRequest {
  const body = new URLSearchParams({
    token: 'legacy-token',
    team_id: 'T00000001',
    team_domain: 'example',
    channel_id: 'C0CHANNEL1',
    channel_name: 'general',
    user_id: 'U0ASKER01',
    user_name: 'asker',
    command: '/ask',
    text: '',
    api_app_id: 'A00000001',
    trigger_id: '1.2.3',
    ...fields,
  }).toString();
  return signed(body, 'application/x-www-form-urlencoded', nowSeconds);
}

export function signedInteraction(payload: Record<string, unknown>, nowSeconds: number): SignedRequest {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return signed(body, 'application/x-www-form-urlencoded', nowSeconds);
}
