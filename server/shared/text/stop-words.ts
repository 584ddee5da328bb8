/**
 * Function words that carry no retrieval signal in either corpus or question (Chinese particles,
 * prepositions, demonstratives; English articles and auxiliaries). The tokenizer drops them, so the
 * index never holds them; other vocabularies that need "words that only glue a sentence together"
 * start from this list instead of writing their own.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  '的 了 是 在 和 与 及 也 都 而 之 其 为 把 被 从 对 于 以 并 或 等 着 这 那 有 就 还 又 但 将 让 向 给 由 中 上 下 里 个 这些 那些 这个 那个 一个 一些 the a an of to in on at for and or is are was were be been by with as it its this that from'.split(
    ' ',
  ),
);
