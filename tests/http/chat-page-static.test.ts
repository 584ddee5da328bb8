import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp, PUBLIC_DIR } from '../../server/http/app.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';

/** The chat page as static files: served at GET /, and free of anything a strict CSP or XSS review would flag. */

const app = createApp({ services: { current: undefined }, logger: silentLogger(), config: loadConfig({}) });

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));

describe('chat page static files', () => {
  it('serves index.html at / and the modules as JavaScript, even with no index loaded', async () => {
    const page = await request(app).get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<script type="module" src="/js/app.js"></script>');
    const script = await request(app).get('/js/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect((await request(app).get('/styles.css')).headers['content-type']).toMatch(/^text\/css/);
  });

  it('serves the Markdown and sanitiser libraries from node_modules as JavaScript modules, and nothing else from there', async () => {
    for (const [path, marker] of [
      ['/vendor/markdown-it.js', /markdown-it 15\./],
      ['/vendor/dompurify.js', /DOMPurify/],
    ] as const) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toMatch(/^text\/javascript/);
      expect(res.text, path).toMatch(marker);
      // One self-contained module each: no bare imports a browser could not resolve without an import map.
      expect(res.text, path).not.toMatch(/^\s*import\s[^;]*from\s*['"][^./]/m);
      expect(res.text, path).toMatch(/export\s*\{/);
    }
    for (const path of ['/vendor/', '/vendor/markdown-it', '/vendor/..%2Fpackage.json', '/vendor/purify.cjs.js', '/node_modules/dompurify/package.json']) {
      expect((await request(app).get(path)).status, path).toBe(404);
    }
  });

  it('does not serve the page\'s type-checking files', async () => {
    for (const path of ['/tsconfig.json', '/types/api.d.ts']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code, path).toBe('not_found');
    }
  });

  it('answers unknown paths and directory paths with the JSON 404, never a redirect', async () => {
    for (const path of ['/nope', '/js', '/api/..', '/js/../js']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code, path).toBe('not_found');
    }
  });

  it('has no inline script, inline style or inline event handler in the HTML', () => {
    const html = readFileSync(join(PUBLIC_DIR, 'index.html'), 'utf8');
    for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) {
      expect(tag).toMatch(/^<script\b[^>]*\bsrc="\/[^"]+"[^>]*><\/script>$/);
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('never builds markup from strings in the page scripts', () => {
    const scripts = filesUnder(PUBLIC_DIR).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(5);
    for (const file of scripts) {
      const source = readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(/\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
      expect(source, file).not.toMatch(/\.style\.|setAttribute\(\s*['"]style['"]/);
    }
  });
});
