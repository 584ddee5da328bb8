import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderNginxConf } from '../../server/deploy/cluster.js';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync);

/** The location block that starts with `header`, up to its closing brace. */
function location(conf: string, header: string): string {
  const at = conf.indexOf(header);
  expect(at, `no "${header}" in the nginx config`).toBeGreaterThanOrEqual(0);
  return conf.slice(at, conf.indexOf('}', at));
}

describe('the shipped nginx configuration (server/deploy/nginx.conf.template)', () => {
  const conf = renderNginxConf({ prefix: '/tmp/x', listen: '127.0.0.1:8080', upstreams: ['127.0.0.1:3001', '127.0.0.1:3002', '127.0.0.1:3003'] });

  it('balances over every replica and leaves no template field unfilled', () => {
    for (const port of [3001, 3002, 3003]) expect(conf).toContain(`server 127.0.0.1:${port} `);
    expect(conf).not.toMatch(/\{\{|\}\}/);
    expect(conf).toMatch(/listen 127\.0\.0\.1:8080;/);
  });

  it('retries a dead replica; re-sends a POST only for the read-only /api/ask', () => {
    expect(conf).toMatch(/^\s*proxy_next_upstream error timeout http_502 http_503;/m);
    expect(location(conf, 'location = /api/ask {')).toMatch(/proxy_next_upstream error timeout http_502 http_503 non_idempotent;/);
    expect(conf.match(/non_idempotent/g)).toHaveLength(1);
  });

  it('streams SSE unbuffered and sets X-Forwarded-For to the peer nginx sees (never the client-sent chain)', () => {
    expect(location(conf, 'location = /api/ask/stream {')).toMatch(/proxy_buffering off;/);
    expect(location(conf, 'location /v1/ {')).toMatch(/proxy_buffering off;/);
    expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    expect(conf).not.toContain('$proxy_add_x_forwarded_for');
  });

  it.runIf(NGINX)('passes `nginx -t` (Debian nginx) as rendered for npm run cluster', () => {
    const prefix = mkdtempSync(path.join(tmpdir(), 'corpus-qa-nginx-t-'));
    try {
      const file = path.join(prefix, 'nginx.conf');
      writeFileSync(file, renderNginxConf({ prefix, listen: '127.0.0.1:0', upstreams: ['127.0.0.1:3001'] }).replace('listen 127.0.0.1:0;', 'listen 127.0.0.1:1;'));
      const out = execFileSync(NGINX!, ['-t', '-p', prefix, '-c', file, '-e', path.join(prefix, 'error.log')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(out).toBeDefined();
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });
});
