import { asLanguage, getLanguage, languageTag, onLanguageChange, pickLanguage, setLanguage } from './i18n.js';

const LANGUAGE_STORAGE = 'corpus-qa.language';

/**
 * The interface language: the reader's earlier choice if they made one, else the browser's
 * (`navigator.languages`). The <select> switches it; the choice is remembered in localStorage and
 * `<html lang>` follows it, so screen readers and the font fallback pick the right voice and glyphs.
 *
 * @param {{select: HTMLSelectElement, storage: Storage | null, preferred: readonly string[], root: HTMLElement}} deps
 */
export function startLanguageSwitch({ select, storage, preferred, root }) {
  const show = (/** @type {import('./i18n.js').Language} */ language) => {
    root.lang = languageTag(language);
    select.value = language;
  };
  onLanguageChange(show);
  setLanguage(asLanguage(readChoice(storage)) ?? pickLanguage(preferred));
  show(getLanguage());

  select.addEventListener('change', () => {
    const language = asLanguage(select.value);
    if (!language) return;
    try {
      storage?.setItem(LANGUAGE_STORAGE, language);
    } catch {
      // Storage full or disabled (private mode): the switch still works for this page.
    }
    setLanguage(language);
  });
}

function readChoice(/** @type {Storage | null} */ storage) {
  try {
    return storage?.getItem(LANGUAGE_STORAGE);
  } catch {
    return null;
  }
}
