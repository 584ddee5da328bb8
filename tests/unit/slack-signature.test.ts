import { describe, expect, it } from 'vitest';
import { computeSlackSignature, MAX_CLOCK_SKEW_SECONDS, verifySlackSignature } from '../../server/slack/verify-slack-request.js';

// Slack's worked example from "Verifying requests from Slack" (api.slack.com/authentication/verifying-requests-from-slack).
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = '1531420618';
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const EXPECTED = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

const at = (nowSeconds: number, overrides: Partial<Parameters<typeof verifySlackSignature>[0]> = {}) =>
  verifySlackSignature({ signingSecret: SECRET, timestamp: TIMESTAMP, signature: EXPECTED, rawBody: BODY, nowSeconds, ...overrides });

describe('Slack request signatures', () => {
  it('reproduces Slack’s published example signature', () => {
    expect(computeSlackSignature(SECRET, TIMESTAMP, BODY)).toBe(EXPECTED);
    expect(computeSlackSignature(SECRET, TIMESTAMP, Buffer.from(BODY))).toBe(EXPECTED);
  });

  it('accepts the example at its own time and anywhere within ±5 minutes', () => {
    const t = Number(TIMESTAMP);
    expect(at(t)).toBeUndefined();
    expect(at(t + MAX_CLOCK_SKEW_SECONDS)).toBeUndefined();
    expect(at(t - MAX_CLOCK_SKEW_SECONDS)).toBeUndefined();
  });

  it('rejects stale and future timestamps (the window applies in both directions)', () => {
    const t = Number(TIMESTAMP);
    expect(at(t + MAX_CLOCK_SKEW_SECONDS + 1)).toBe('stale_timestamp');
    expect(at(t - MAX_CLOCK_SKEW_SECONDS - 1)).toBe('future_timestamp');
    // With the real clock the 2018 example is long stale.
    expect(at(Math.floor(Date.now() / 1000))).toBe('stale_timestamp');
  });

  it('rejects a changed body, a wrong secret, a malformed or missing signature', () => {
    const t = Number(TIMESTAMP);
    expect(at(t, { rawBody: `${BODY}&x=1` })).toBe('bad_signature');
    expect(at(t, { signingSecret: 'another-secret' })).toBe('bad_signature');
    expect(at(t, { signature: EXPECTED.slice(0, -1) })).toBe('bad_signature');
    expect(at(t, { signature: `${EXPECTED}0` })).toBe('bad_signature');
    expect(at(t, { signature: EXPECTED.toUpperCase() })).toBe('bad_signature');
    expect(at(t, { signature: 'v1=' + EXPECTED.slice(3) })).toBe('bad_signature');
    expect(at(t, { signature: undefined })).toBe('missing_headers');
    expect(at(t, { timestamp: undefined })).toBe('missing_headers');
  });

  it('rejects timestamps that are not plain integers', () => {
    const t = Number(TIMESTAMP);
    for (const ts of ['1531420618.5', '-1531420618', '0x5B47B3CA', ' 1531420618', '1e9', 'NaN']) {
      expect(at(t, { timestamp: ts })).toBe('bad_timestamp');
    }
  });
});
