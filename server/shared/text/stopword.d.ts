// `stopword` 3 ships no types; only its word lists are used here.
declare module 'stopword' {
  export const eng: readonly string[];
}
