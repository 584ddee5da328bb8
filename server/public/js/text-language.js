/**
 * Which of the page's languages a piece of text is written in. A question with any Han character is
 * Chinese (questions mix in Latin names, numbers and "GPU" freely); anything else is answered with
 * English labels. The server's refusal follows the question the same way.
 */
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** @returns {import('./i18n.js').Language} */
export function languageOf(/** @type {string} */ text) {
  return HAN.test(text) ? 'zh' : 'en';
}
