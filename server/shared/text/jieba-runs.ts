import type { Jieba } from '@node-rs/jieba';

/**
 * jieba's work on one CJK run — its words (cut, with HMM) and the ones tagged as phrasing — with as few calls into
 * jieba as give the same result. A call costs ~10–15 µs inside an answer (its 5 MB dictionary is cold by then), and a
 * question used to make two per run: a cut while it was tokenized, then a tag of the same run to weigh a word the corpus
 * lacks (query-analysis.ts).
 *
 * Why the tag can be put together from the cut: jieba-rs's `tag` is its `cut` of the text, each word then given its
 * dictionary tag (or, for a word the dictionary lacks, x, m or eng by its characters) — a tag that depends on the word
 * alone, never on the words around it. So a run cut a moment ago in the same request, with each of its words' tags
 * known, is phrasing-tagged without jieba; and every tag call teaches the tags of its words.
 */
export interface JiebaRuns {
  /** jieba's words of the run (HMM on), in order. Shared: do not modify. */
  cut(run: string): readonly string[];
  /** The run's words whose tag `isPhrasing` accepts, in order (what filtering `jieba.tag(run, true)` gives). */
  phrasing(run: string): readonly string[];
}

// A CJK run this short is a word or a name (营收, 摩尔线程), and the same ones come back question after question: the
// dictionary translations appended for the embedder, short questions, the parts between digits and punctuation. Over
// the article's 690 bank questions, asked once each, 993 of the 1,344 cuts of such runs repeat an earlier question's.
const SHORT_RUN = 4;
// Longer runs are kept only while their question is analysed: tokenized first, phrasing-tagged a moment later.
const RECENT_RUNS = 8;
// Word memos are bounded like the tokenizer's others (a question brings words without end).
const WORD_MEMO_LIMIT = 10_000;

export function createJiebaRuns(jieba: () => Jieba, isPhrasing: (tag: string) => boolean): JiebaRuns {
  const shortCuts = new Map<string, readonly string[]>();
  // A short run's phrasing words, however found (it may have been tagged without being cut).
  const shortPhrasing = new Map<string, readonly string[]>();
  const recentCuts = new Map<string, readonly string[]>();
  // Per word: whether its tag is phrasing. The tag is the word's own (see above), so it holds in any run.
  const phrasingWord = new Map<string, boolean>();

  /** The run's words when this instance cut it already (a short run, or a recent one); undefined otherwise. */
  function knownCut(run: string): readonly string[] | undefined {
    return run.length <= SHORT_RUN ? shortCuts.get(run) : recentCuts.get(run);
  }

  /** The phrasing words among `words`, when every word's tag is known; undefined otherwise. */
  function fromKnownTags(words: readonly string[] | undefined): string[] | undefined {
    if (words === undefined) return undefined;
    const out: string[] = [];
    for (const w of words) {
      const yes = phrasingWord.get(w);
      if (yes === undefined) return undefined;
      if (yes) out.push(w);
    }
    return out;
  }

  /** One tag call, as before this memo, and its words' tags kept. */
  function tagged(run: string): string[] {
    const out: string[] = [];
    if (phrasingWord.size >= WORD_MEMO_LIMIT) phrasingWord.clear();
    for (const { word, tag } of jieba().tag(run, true)) {
      const yes = isPhrasing(tag);
      phrasingWord.set(word, yes);
      if (yes) out.push(word);
    }
    return out;
  }

  return {
    cut(run) {
      let words = knownCut(run);
      if (words !== undefined) return words;
      words = jieba().cut(run, true);
      if (run.length <= SHORT_RUN) {
        if (shortCuts.size >= WORD_MEMO_LIMIT) shortCuts.clear();
        shortCuts.set(run, words);
      } else {
        if (recentCuts.size >= RECENT_RUNS) recentCuts.delete(recentCuts.keys().next().value!);
        recentCuts.set(run, words);
      }
      return words;
    },
    phrasing(run) {
      const short = run.length <= SHORT_RUN;
      let out = short ? shortPhrasing.get(run) : undefined;
      if (out !== undefined) return out;
      out = fromKnownTags(knownCut(run)) ?? tagged(run);
      if (short) {
        if (shortPhrasing.size >= WORD_MEMO_LIMIT) shortPhrasing.clear();
        shortPhrasing.set(run, out);
      }
      return out;
    },
  };
}
