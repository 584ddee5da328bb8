import { t } from './i18n.js';

/**
 * Fills the page's fixed text from the string tables. index.html names each string by key:
 *   data-i18n="key"              → textContent
 *   data-i18n-placeholder="key"  → placeholder
 *   data-i18n-aria-label="key"   → aria-label
 *   data-i18n-title="key"        → title
 * The English in index.html is only what shows before the script runs (and to a no-JS reader).
 */
const ATTRIBUTES = /** @type {const} */ ([
  ['i18nPlaceholder', 'placeholder'],
  ['i18nAriaLabel', 'aria-label'],
  ['i18nTitle', 'title'],
]);

export function applyStaticText(/** @type {ParentNode} */ root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) {
    const key = /** @type {HTMLElement} */ (node).dataset.i18n;
    if (key) node.textContent = t(key);
  }
  for (const [dataKey, attribute] of ATTRIBUTES) {
    const selector = `[data-${dataKey.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}]`;
    for (const node of root.querySelectorAll(selector)) {
      const key = /** @type {HTMLElement} */ (node).dataset[dataKey];
      if (key) node.setAttribute(attribute, t(key));
    }
  }
}
