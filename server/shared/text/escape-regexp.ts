/** A text as a regular expression that matches it literally (each of the pattern syntax characters escaped; valid with the u flag too). */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
