/**
 * English derivational endings the light stemmer (tokenizer.ts stemLatin) leaves on: "connection" stays
 * "connection" while CC-CEDICT glosses 连接 "to connect"; "security" stays while 安全 is glossed "secure".
 * A word and its base mean one thing for matching a translation, so the lexicon relates them (ingest:
 * a gloss to the corpus's derived words; server: a question's derived word to the gloss it comes from).
 * Closed-class English morphology, not vocabulary: no word is listed here.
 */
const ENDINGS = ['ions', 'ion', 'ity', 'ive', 'ers', 'er', 'ors', 'or', 'al', 'able', 'ness', 'ure'];
// Shorter bases are too often a different word ("part" → party, "form" → formal, "port" → portal).
const MIN_BASE = 5;

/** The bases a stemmed English word may derive from ("connection" → connect), longest first; [] for most words. */
export function derivationalBases(stem: string): string[] {
  if (!/^[a-z]+$/.test(stem)) return [];
  const out: string[] = [];
  for (const ending of ENDINGS) {
    if (stem.endsWith(ending) && stem.length - ending.length >= MIN_BASE) out.push(stem.slice(0, -ending.length));
  }
  return out;
}
