/**
 * Interface strings in English and Chinese. Every visible string of the page goes through `t(key)`;
 * each feature module registers its own table with `registerStrings` so the words live beside the
 * code that shows them, and one language choice applies to all of them.
 */

/** @typedef {'en' | 'zh'} Language */
/** @typedef {Record<string, string>} StringTable */

/** @type {Record<Language, StringTable>} */
const tables = { en: {}, zh: {} };
/** @type {Language} */
let current = 'en';
/** @type {Set<(language: Language) => void>} */
const listeners = new Set();

/** Add a feature's strings. `{name}` in a string is filled from `t`'s second argument. */
export function registerStrings(/** @type {Record<Language, StringTable>} */ table) {
  Object.assign(tables.en, table.en);
  Object.assign(tables.zh, table.zh);
}

/**
 * The string for `key` in the current language (English when the key has no translation yet).
 * `language` overrides the interface language: an answer's labels follow the question's language.
 */
export function t(
  /** @type {string} */ key,
  /** @type {Record<string, string | number>} */ vars = {},
  /** @type {Language} */ language = current,
) {
  const template = tables[language][key] ?? tables.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** 'zh' when the first language the browser prefers is any Chinese, else 'en'. */
export function pickLanguage(/** @type {readonly string[]} */ preferred) {
  return /^zh\b/i.test(preferred[0] ?? '') ? 'zh' : 'en';
}

/** A stored or typed value, if it names a language the page speaks. */
export function asLanguage(/** @type {unknown} */ value) {
  return value === 'en' || value === 'zh' ? /** @type {Language} */ (value) : undefined;
}

/** The BCP 47 tag for `<html lang>` and `lang` attributes (picks CJK glyph shapes and hyphenation). */
export function languageTag(/** @type {Language} */ language) {
  return language === 'zh' ? 'zh-CN' : 'en';
}

export function getLanguage() {
  return current;
}

export function setLanguage(/** @type {Language} */ language) {
  if (language === current) return;
  current = language;
  for (const listener of listeners) listener(language);
}

/** Called with the new language whenever it changes (views re-render their labels). */
export function onLanguageChange(/** @type {(language: Language) => void} */ listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
