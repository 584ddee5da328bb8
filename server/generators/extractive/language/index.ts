import { en } from './en.js';
import { zh } from './zh.js';
import type { LanguagePack } from './language-pack.js';
import { hasHan } from '../../../shared/text/char-classes.js';


/** The asker's language: Chinese when the text has any CJK character, else English. */
export function languageOf(text: string): LanguagePack {
  return hasHan(text) ? zh : en;
}

export { en, zh, type LanguagePack };
