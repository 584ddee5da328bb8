import express, { type Router } from 'express';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The browser builds of the page's two libraries, served from node_modules (no CDN: the page works
 * offline and under `script-src 'self'`). Each is one self-contained ES module file, so the page
 * imports it with a plain `import ... from '/vendor/<name>.js'` and needs no bundler or import map.
 * The paths are resolved through each package's own exports, so a version bump cannot point them
 * at a file that no longer exists without failing at start-up.
 */
export const VENDOR_MODULES: Record<string, string> = {
  // markdown-it's browser ES build (its dependencies bundled in); `markdown-it/browser` maps to it.
  'markdown-it.js': join(dirname(require.resolve('markdown-it/package.json')), 'dist/browser/markdown-it.esm.min.mjs'),
  'dompurify.js': join(dirname(require.resolve('dompurify/dist/purify.js')), 'purify.es.mjs'),
};

/** Type-checking inputs that sit beside the page sources but are not part of the page. */
const NOT_SERVED = /(^|\/)tsconfig\.json$|\.d\.ts$/;

/**
 * The chat page: its static files (GET / serves index.html) plus /vendor/*.js. No directory
 * redirects: a path like /api/.. would otherwise get a 301 HTML page instead of the JSON 404.
 */
export function pageAssets(publicDir: string): Router {
  const router = express.Router();
  router.get('/vendor/:file', (req, res, next) => {
    const file = Object.hasOwn(VENDOR_MODULES, req.params.file) ? VENDOR_MODULES[req.params.file] : undefined;
    if (!file) return next();
    // sendFile would pick the type from the extension (.mjs); a module script needs a JavaScript type.
    res.type('text/javascript');
    res.sendFile(file, { dotfiles: 'deny' }, (err) => err && next(err));
  });
  router.use((req, _res, next) => (NOT_SERVED.test(req.path) ? next('router') : next()));
  router.use(express.static(publicDir, { redirect: false }));
  return router;
}
