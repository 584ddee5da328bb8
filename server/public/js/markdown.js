import markdownit from '/vendor/markdown-it.js';
import createDOMPurify from '/vendor/dompurify.js';

/**
 * Answers as Markdown: an LLM writes **bold**, lists and tables, and extractive answers quote
 * Markdown documents. Two libraries do the work, each with its own job:
 *   markdown-it parses with raw HTML disabled (a `<img onerror>` in an answer stays text), links
 *     only http(s) (anything else stays text), no images (an answer must not load or track anything);
 *   DOMPurify then sanitises the HTML markdown-it produced against a short allow-list and hands
 *     back DOM nodes, so the page never assigns markup itself.
 * Citation markers `[n]` are parsed as their own tokens and come back as placeholders that the
 * caller replaces with real buttons.
 */

const CITE_ATTR = 'data-cite';
const SAFE_URL = /^https?:\/\//i;

const md = markdownit({ html: false, linkify: true, breaks: true, typographer: false });
md.validateLink = (/** @type {string} */ url) => SAFE_URL.test(url.trim());
// Only explicit URLs become links: "example.com" in a Chinese sentence stays text.
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
md.disable('image');

/** `[12]` → a `cite` token, when the caller says 12 is a citation of this answer. */
md.inline.ruler.before('link', 'cite', (state, silent) => {
  if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false;
  const match = /^\[(\d{1,4})\]/.exec(state.src.slice(state.pos, state.pos + 6));
  const isCited = /** @type {((n: number) => boolean) | undefined} */ (state.env.isCited);
  if (!match || !isCited?.(Number(match[1]))) return false;
  if (!silent) state.push('cite', '', 0).meta = { n: Number(match[1]) };
  state.pos += match[0].length;
  return true;
});
md.renderer.rules.cite = (/** @type {import('/vendor/markdown-it.js').Token[]} */ tokens, /** @type {number} */ idx) => `<span ${CITE_ATTR}="${Number(tokens[idx].meta?.n)}"></span>`;

/** Table alignment arrives as inline `style`, which the CSP forbids: carry it as a class instead. */
md.core.ruler.push('align-classes', (state) => {
  for (const token of state.tokens) {
    const style = token.attrGet('style');
    if (!style) continue;
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
    const align = /text-align:\s*(left|center|right)/.exec(String(style));
    if (align) token.attrJoin('class', `md-align-${align[1]}`);
  }
});

const purify = createDOMPurify(window);
const SANITIZE = {
  ALLOWED_TAGS: [
    'p', 'br', 'strong', 'em', 's', 'code', 'pre', 'blockquote', 'hr', 'ul', 'ol', 'li', 'a',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span',
  ],
  // data-* stays allowed for the citation placeholders (DOMPurify checks data-* apart from ALLOWED_ATTR);
  // with raw HTML off, markdown-it's own renderer is the only source of attributes.
  ALLOWED_ATTR: ['href', 'title', 'start', 'class'],
  ALLOWED_URI_REGEXP: SAFE_URL,
  RETURN_DOM_FRAGMENT: /** @type {const} */ (true),
};
// Every link opens in a new tab, without handing this page to it (opener) or telling it where from (referrer).
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName !== 'A') return;
  const link = /** @type {HTMLAnchorElement} */ (node);
  if (!SAFE_URL.test(link.getAttribute('href') ?? '')) link.removeAttribute('href');
  link.setAttribute('target', '_blank');
  link.setAttribute('rel', 'noopener noreferrer');
});

/**
 * @param {string} text Markdown
 * @param {{isCited?: (n: number) => boolean, citeNode?: (n: number) => Node}} [citations]
 *   which `[n]` are citations, and the node that stands for each
 * @returns {DocumentFragment}
 */
export function renderMarkdown(text, { isCited = () => false, citeNode } = {}) {
  const fragment = purify.sanitize(md.render(text, { isCited }), SANITIZE);
  for (const placeholder of fragment.querySelectorAll(`span[${CITE_ATTR}]`)) {
    const n = Number(placeholder.getAttribute(CITE_ATTR));
    placeholder.replaceWith(citeNode ? citeNode(n) : `[${n}]`);
  }
  return fragment;
}
