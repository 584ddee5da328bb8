// `stopword` 3 ships no types; only its word lists are used here.
declare module 'stopword/src/stopwords_eng.js' {
  export const eng: readonly string[];
}
declare module 'stopword/src/stopwords_zho.js' {
  export const zho: readonly string[];
}
