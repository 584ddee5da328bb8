import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../server/slack/slack-adapter.js';

// No YAML parser in the dependencies (and not worth adding one): check the lines that must agree with the code.
const manifest = readFileSync(new URL('../../server/slack/slack-app-manifest.yaml', import.meta.url), 'utf8');
const lines = manifest.split('\n').map((l) => l.replace(/#.*$/, '').trimEnd());

describe('slack-app-manifest.yaml', () => {
  it('points events, the slash command and interactivity at the one endpoint', () => {
    const urls = lines.filter((l) => /^\s*(url|request_url):/.test(l)).map((l) => l.split(/:\s+/)[1]);
    expect(urls).toHaveLength(3);
    for (const url of urls) expect(url).toBe(`https://YOUR-HOST${SLACK_EVENTS_PATH}`);
  });

  it('subscribes to exactly the events the adapter handles and asks for the scopes it uses', () => {
    const listed = (l: string) => l.trim().replace(/^- /, '');
    const start = lines.findIndex((l) => l.trim() === 'bot_events:');
    const events = lines.slice(start + 1).filter((l) => /^\s+- /.test(l));
    expect(events.slice(0, 2).map(listed)).toEqual(['app_mention', 'message.im']);
    for (const scope of ['app_mentions:read', 'chat:write', 'commands', 'im:history', 'channels:history', 'reactions:write']) {
      expect(lines.some((l) => listed(l) === scope)).toBe(true);
    }
    expect(lines.some((l) => l.trim() === '- command: /ask')).toBe(true);
    expect(lines.some((l) => l.trim() === 'is_enabled: true')).toBe(true);
  });
});
