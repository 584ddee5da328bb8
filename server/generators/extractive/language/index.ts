import { en } from './en.js';
import { zh } from './zh.js';
import type { LanguagePack } from './language-pack.js';
import { mainlyHan } from '../../../shared/text/char-classes.js';


/** The asker's language: Chinese when most of the text is written in Han characters (char-classes.ts), else English. */
export function languageOf(text: string): LanguagePack {
  return mainlyHan(text) ? zh : en;
}

export { en, zh, type LanguagePack };
