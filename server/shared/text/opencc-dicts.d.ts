/** opencc-js ships its dictionaries as ES modules with a string default export (`"from to|from to|…"`) and no types for them. */
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
