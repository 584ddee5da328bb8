import { en } from './en.js';
import { zh } from './zh.js';
import type { LanguagePack } from './language-pack.js';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** The asker's language: Chinese when the text has any CJK character, else English. */
export function languageOf(text: string): LanguagePack {
  return CJK.test(text) ? zh : en;
}

export { en, zh, type LanguagePack };
