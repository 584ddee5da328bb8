import { BIGRAM_PREFIX, isShortOption, normalizeForMatching } from '../../shared/text/tokenizer.js';
import { withoutIndefiniteOnes } from '../../shared/text/chinese-numerals.js';
import { satisfiesAnswerType } from '../../core/answer-type.js';
import { REFERS_BACK } from '../../core/reference-words.js';
import { innermostHeading, isHeading } from '../../core/section-headings.js';
import type { AnalyzedQuery, CandidateSentence } from '../../core/types.js';
import { languageOf } from './language/index.js';
import { charMaskOf, type CharMask } from './char-mask.js';
import { LOOSE_QUOTE_LENGTH, matcherOf, matchesAsWholeWord, needsSpacedForm, type Matcher } from './term-matcher.js';
import { candidatePositions } from './candidate-positions.js';
import { allMatches } from '../../shared/text/all-matches.js';
import { namesOption, optionsAsked, optionSpellings } from './option-names.js';
import { rankingContext } from './ranking-context.js';
import { NUMBER_TERM } from '../../core/question-words.js';

/**
 * How well one sentence supports a question: the IDF-weighted share of the question's words found
 * in it. This — not a retrieval score — decides answer vs. refusal, because it asks "does this
 * sentence say every key thing the question asks about?", which stays comparable across questions.
 */
export interface Evidence {
  candidate: CandidateSentence;
  /** 0..1, weighted share of question words supported. */
  coverage: number;
  /**
   * 0..1, the same share over what the question asks (its words other than topic and answer
   * category): a sentence that merely mentions 寒武纪 does not answer "寒武纪的创始人是谁?".
   */
  predicateCoverage: number;
  /** The sentence contains a value of the asked type (number, percent, date). */
  typeOk: boolean;
  /** Coverage came partly from the preceding sentence (the subject is often stated once per paragraph). */
  usesPrevious: boolean;
  /** The asked date is only in the sentence before ("同年…"): the answer must show that sentence too. */
  dateFromPrevious?: boolean;
  /** The question's topic, years, quoted phrases and asked attribute are all there. */
  aboutTopic: boolean;
  /** Which of those is missing: the named topic or a year; a quoted phrase; the asked attribute. */
  requiredMissing: boolean;
  /**
   * A word a name-swapped follow-up put in (AnalyzedQuery.swappedIn) is said neither where a required word may be (the
   * sentence, the one it continues, its heading or lead) nor, for a sentence referring to its subject, in the passage before.
   */
  swappedMissing: boolean;
  /** The question names its topic and nothing else ("那沐曦呢?" with no earlier turn). */
  nothingAsked: boolean;
  verbatimMissing: boolean;
  focusMissing: boolean;
  /** Weight of the heaviest question word the sentence lacks, relative to the heaviest question word (0 = nothing rare missing). */
  unmatchedRare: number;
  /** Share of the question's numbers (years, amounts) the sentence does not state. */
  numbersMissing: number;
  /** The sentence is a section heading. */
  isHeading: boolean;
  /**
   * The coverage counting also what the sentences just before and after it say (when they were retrieved):
   * a manual names its topic once and answers in the next sentence, or explains a command on the line
   * before it. Ranking context only (sentence-ranking-model.ts); the decision judges the sentence's own coverage.
   */
  contextCoverage: number;
  /**
   * 0..1, the weighted share of the words carried over from the previous turn that the sentence itself says (none
   * carried: 0). The sentence saying most of them is where the conversation was (follow-up-anchor.ts).
   */
  previousTurnShare: number;
  // The four ranking features below are read only by a fitted ranking model (sentence-ranking-model.ts), which does not
  // ship: they cost a pass over the word credits already computed, no matching of their own.
  /** 0..1, the weighted share of the question's own words the sentence itself says (no heading, lead or neighbour credit). Ranking feature. */
  ownCoverage: number;
  /**
   * Which of the query's words (its terms without the character-pair ones, in order; bit w for word w < 31) the sentence
   * itself says in part or whole: the ranking's proximity feature looks only for these.
   */
  matchedWords: number;
  /** 0..1, the weighted share of the question's own words the sentence's section heading says and the sentence itself does not. Ranking feature. */
  headingCoverage: number;
  /**
   * 0..1, the weighted share of the question's words the item's lead (the sentence that announced the list item or
   * command line) says and the item itself does not. The evidence score pools it into `coverage` at the previous
   * sentence's fixed share; the ranking model weighs it apart. Ranking feature.
   */
  leadCoverage: number;
  /**
   * 0..1, the weighted share of the question's own words said somewhere in the retrieved sentences of the same
   * document: in a corpus of several documents the one about the question's topic holds the answer. Ranking feature.
   */
  docCoverage: number;
  /** The hand-set evidence score: what the answerability decision judges (the features in features.ts read it). */
  score: number;
  /** The fitted ranking model's probability that the sentence holds the answer (sentence-ranking-model.ts), when it scored it. */
  rankProbability?: number;
  /**
   * The same on every evidence of one scoreEvidence call: the decision's absentEverywhere feature over all the candidates it was
   * given (their texts, headings and leads), read from the credits worked out here instead of matching every word again.
   */
  absentEverywhere: number;
}

// A term found only in the preceding sentence of the same chunk counts this much.
const PREVIOUS_SENTENCE_CREDIT = 0.6;
// A term found only in the section's heading counts this much: the heading says what the section is about.
const HEADING_CREDIT = 0.5;
// A heading is context, not an answer: it ranks below the sentences it introduces.
const HEADING_PENALTY = 0.2;
// A sentence that does not mention the question's topic is about something else, however many words match.
const OFF_TOPIC_FACTOR = 0.5;
const PREDICATE_MIN_SHARE = 0.25;
const CONTEXT_SHARE = 0.4;
const HAS_CAPITAL = /[A-Z]/;
// A capitalised word inside a sentence (a name), after its first word.
const INNER_CAPITALISED = /(?<=\S\s+)[A-Z][\w-]*/g;
const NO_NAMES: ReadonlySet<string> = new Set();
const SAME_TIME = /^(同年|当年|同期|同月|同日|当天|此前一年)/;

// Normalising a sentence (NFKC, numerals, whitespace) was the largest cost per question; the same
// corpus sentences come back again and again, so keep the results (bounded by the corpus, capped anyway).
const COMPACT_CACHE_LIMIT = 200_000;
/** A sentence as the matchers read it, worked out once per text: compact form, character mask, subject pronoun. */
interface SentenceForm {
  compact: string;
  mask?: CharMask;
  subjectPronoun?: boolean;
  refersBack?: boolean;
  /** The text's length without whitespace, as written (not normalised): how long a passage or an answer reads. */
  spaceless?: number;
  /** Normalised as the compact form is, spaces kept: where the answer type is read (satisfiesAnswerType). On first need. */
  spaced?: string;
}
const forms = new Map<string, SentenceForm>();

function formOf(text: string): SentenceForm {
  let form = forms.get(text);
  if (form === undefined) {
    // Every field present from the start: one object shape for all forms.
    form = { compact: normalizeForMatching(text).replace(/\s+/g, ''), mask: undefined, subjectPronoun: undefined, refersBack: undefined, spaceless: undefined, spaced: undefined };
    if (forms.size >= COMPACT_CACHE_LIMIT) forms.clear();
    forms.set(text, form);
  }
  return form;
}

/** A text normalised as `compact` normalises it, with its whitespace kept ("default 80" stays two words). */
function spaced(text: string, form = formOf(text)): string {
  form.spaced ??= normalizeForMatching(withoutIndefiniteOnes(text));
  return form.spaced;
}

/** A text as the matchers read it: normalised (NFKC, simplified characters, numerals) and without whitespace. */
export function compact(text: string): string {
  return formOf(text).compact;
}

/**
 * text.replace(/\s+/g, '').length, remembered with the text's form: a refusal's passages measure the sentences around each
 * one they show (passage-context.ts), question after question the same ones.
 */
export function spacelessLength(text: string): number {
  const form = formOf(text);
  form.spaceless ??= text.replace(/\s+/g, '').length;
  return form.spaceless;
}

/** The compact form of a text and its character mask (char-mask.ts), from one look-up. */
export function compactWithMask(text: string): TextForm {
  const form = formOf(text);
  form.mask ??= charMaskOf(form.compact);
  return form as TextForm;
}

/** The text's form with its spaced form worked out too (the same object): for matchers that need it, matchesAsWholeWord. */
function withSpaced(text: string): TextForm {
  const form = compactWithMask(text);
  spaced(text, form);
  return form;
}

/**
 * A matcher's credit for a whole text: what a caller outside scoreEvidence asks (answer-focus.ts). `spacedToo`: the
 * matcher's term is a short Latin word (matchesAsWholeWord), which needs the spaced form; otherwise it is not worked out.
 */
export function matchedIn(match: Matcher, text: string, spacedToo: boolean): number {
  const form = spacedToo ? withSpaced(text) : compactWithMask(text);
  return match(form.compact, form.mask, spacedToo ? form.spaced : undefined);
}

// Words past this many are all flagged as matched (Evidence.matchedWords): looked for rather than skipped.
export const MATCHED_BITS = 31;

// How far back in the same passage a subject pronoun looks for whom it means.
const SUBJECT_LOOKBACK = 4;

/** Whether a sentence says "公司", "it", "the company" (its language's subject pronoun), remembered with its form. */
function hasSubjectPronoun(text: string, form = formOf(text)): boolean {
  form.subjectPronoun ??= languageOf(text).subjectPronoun.test(text);
  return form.subjectPronoun;
}

/**
 * The passage a sentence referring to its subject (该公司, 它, the company) takes it from (passageBefore), as the matchers
 * read it: compact, and spaced when the question needs that form.
 */
function subjectPassage(candidates: CandidateSentence[], texts: readonly string[], spacedTexts: readonly string[] | undefined, i: number): { text?: string; spaced?: string } {
  return { text: passageBefore(candidates, texts, i), spaced: spacedTexts && passageBefore(candidates, spacedTexts, i, ' ') };
}

/** Whether a sentence opens by referring back ("其", "该", "However"): REFERS_BACK, tested once per text. */
function refersBack(text: string, form = formOf(text)): boolean {
  form.refersBack ??= REFERS_BACK.test(text);
  return form.refersBack;
}

/** The sentences just before candidate i in the same retrieved passage (contiguous, same chunk), joined. */
function passageBefore(candidates: CandidateSentence[], texts: readonly string[], i: number, separator = ''): string | undefined {
  const out: string[] = [];
  for (let j = i - 1; j >= 0 && i - j <= SUBJECT_LOOKBACK; j--) {
    if (candidates[j].chunkRank !== candidates[i].chunkRank || candidates[j].sentence !== candidates[i].sentence - (i - j)) break;
    out.push(texts[j]);
  }
  return out.length ? out.join(separator) : undefined;
}

/** What scoreEvidence works out besides the decision's features. */
export interface EvidenceOptions {
  /**
   * The four ranking-only features (ownCoverage, matchedWords, headingCoverage, docCoverage), which only a fitted
   * ranking model reads (sentence-ranking-model.ts; none ships). Default true; the answerer asks for them only when
   * it has a model, and they are 0 otherwise.
   */
  rankingFeatures?: boolean;
  /**
   * The weight of a command-line option the question names ("-m", "--sort=inode": option-names.ts) as a share of
   * its heaviest word's; 0: options count only through their words. Fitted by `npm run fit:bm25`
   * (ranking-context.json optionWeight), 0 when not fitted.
   */
  optionWeight?: number;
}

/**
 * The credit tables of one scoreEvidence call (every cell written before it is read), kept between calls: a fresh
 * pair per question was two typed arrays outside the heap (a few hundred cells each) to allocate and free.
 * scoreEvidence is synchronous and keeps no reference to them, so one pair serves every call.
 */
let ownScratch = new Float32Array(1024);
let exactScratch = new Float64Array(1024);
function creditBuffers(cells: number): { ownCredits: Float32Array; exactCredits: Float64Array } {
  if (ownScratch.length < cells) {
    ownScratch = new Float32Array(cells * 2);
    exactScratch = new Float64Array(cells * 2);
  }
  return { ownCredits: ownScratch, exactCredits: exactScratch };
}

export function scoreEvidence(query: AnalyzedQuery, candidates: CandidateSentence[], options: EvidenceOptions = {}): Evidence[] {
  const rankingFeatures = options.rankingFeatures ?? true;
  // The options the question names (credited below, case-sensitive, at the option weight) and, among its words, the short
  // options among them ("-a" of "-A"): those are credited as options only, not a second time as words.
  const optionShare = options.optionWeight ?? rankingContext().optionWeight ?? 0;
  const optionNames = optionShare > 0 ? optionsAsked(query.asked ?? query.text) : [];
  const creditedAsOptions = optionNames.length ? new Set(optionNames.map((o) => o.toLowerCase()).filter(isShortOption)) : undefined;
  const words = query.terms.filter((t) => !t.term.startsWith(BIGRAM_PREFIX) && !creditedAsOptions?.has(t.term));
  const W = words.length;
  // The question's own words and the weight totals, in one pass (each sum in word order, as a filter and a reduce added them).
  const ownWords: AnalyzedQuery['terms'] = [];
  let wordsTotal = 0;
  let contextTotal = 0;
  // Everything carried over from the previous turn, for the anchor (previousTurnShare).
  let carriedTotal = 0;
  let heaviest = 1e-6;
  for (const t of words) {
    if (t.origin === 'question') {
      ownWords.push(t);
      wordsTotal += t.weight;
      heaviest = Math.max(heaviest, t.weight);
    } else carriedTotal += t.weight;
    if (t.origin === 'context') contextTotal += t.weight;
  }
  // A question with a Latin word of one to three letters (a word, a required one, the focus) matches sentences, headings and
  // leads with their spaced forms too. (Only those matchers read the spaced form: otherwise it is never worked out here.)
  const asksShortLatin = needsSpacedForm(words) || (query.required ?? []).some(matchesAsWholeWord) || (query.focus !== undefined && matchesAsWholeWord(query.focus));
  const formOfText = asksShortLatin ? withSpaced : compactWithMask;
  const sentenceForms = candidates.map((c) => formOfText(c.text));
  const texts = sentenceForms.map((f) => f.compact);
  // (As one list for the passage a subject pronoun looks back on; each sentence's own is its form's.)
  const spacedTexts = asksShortLatin ? sentenceForms.map((f) => f.spaced ?? '') : undefined;
  // The options the question names, each a word of its own: found in the sentence, or named by the label or heading
  // over it (credited as any word the heading says).
  // A long option as asked and as the corpus spells its name ("--exclude-vsc": its word's alternative exclude-vcs, near-names.ts).
  const asked = optionNames.map((option) => optionSpellings(option, words));
  const optionWeight = optionShare * (ownWords.length ? heaviest : 1);
  const total = wordsTotal + asked.length * optionWeight;
  const numbers = ownWords.filter((t) => NUMBER_TERM.test(t.term)).map((t) => t.term);
  // The question's names (a topic, or a capitalised word inside an English question: "Acme Widgets"), which a pronoun can stand for.
  // (Most questions have no capital letter at all: then no pattern run, no list, no set.)
  const capitalised = HAS_CAPITAL.test(query.text) ? allMatches(INNER_CAPITALISED, query.text).map((m) => m[0].toLowerCase()) : [];
  const names = capitalised.length ? new Set(ownWords.filter((t) => capitalised.some((c) => c.startsWith(t.term))).map((t) => t.term)) : NO_NAMES;
  // Each word's matcher, looked up once per question rather than once per word per sentence.
  const matchersOfWords = words.map((t) => matcherOf(t.term, t.alternatives));
  // Per word, read in the loop over sentences × words: plain arrays rather than the term objects' properties.
  const weights = words.map((t) => t.weight);
  const fromContext = words.map((t) => t.origin === 'context');
  const fromHistory = words.map((t) => t.origin === 'history');
  const predicate = words.map((t) => !t.role);
  // A subject pronoun's passage lends only the topic and the names.
  const nameLike = words.map((t) => t.role === 'topic' || names.has(t.term));
  // A required name counts in any of its spellings: "udve" is the corpus's udev, "Muxi" its 沐曦 (the term's alternatives).
  const requiredMatchers = (query.required ?? []).map((w) => matcherOf(w, words.find((t) => t.term === w)?.alternatives));
  const focusMatcher = query.focus !== undefined ? matcherOf(query.focus) : undefined;
  const offeredMatchers = (query.offered ?? []).map((w) => matcherOf(w, words.find((t) => t.term === w)?.alternatives));
  const numberMatchers = numbers.map((n) => matcherOf(n));
  // A required word, the focus or a number that is one of the words (with the same alternatives: then it has the same
  // matcher) reads the credits the loop below works out for that word instead of matching the texts again (-1: not a word).
  const requiredWords = (query.required ?? []).map((w) => words.findIndex((t) => t.term === w));
  // The required words a name swap put in (AnalyzedQuery.swappedIn), by their place among the required words.
  const swappedRequired = query.swappedIn?.length ? (query.required ?? []).flatMap((w, r) => (query.swappedIn!.includes(w) ? [r] : [])) : [];
  const focusWord = query.focus !== undefined ? plainWordIndex(words, query.focus) : -1;
  const numberWords = numbers.map((n) => plainWordIndex(words, n));
  // Each word's own credit in each sentence, once: a sentence's neighbours lend theirs to its contextCoverage, and the
  // sentence after it reads them as its previous sentence's. (A mask only spares substring searches: same credits.)
  // (Kept as computed too: what the sentence after it takes as its previous sentence's credit is the matcher's own value.)
  // Which words some candidate, heading or lead says (credit above 0), as the credits are worked out: absentEverywhere.
  const said = new Uint8Array(W);
  const { ownCredits, exactCredits } = creditBuffers(candidates.length * W);
  for (let i = 0; i < candidates.length; i++) {
    const { compact: text, mask, spaced: spacedText } = sentenceForms[i];
    for (let w = 0; w < W; w++) {
      const credit = (ownCredits[i * W + w] = exactCredits[i * W + w] = matchersOfWords[w](text, mask, spacedText));
      if (credit > 0) said[w] = 1;
    }
  }
  // A heading's or lead's credits, per distinct text (NaN: not yet asked): a section's sentences share one
  // heading, so each word is matched against it once per question, not once per sentence under it.
  const sharedCredits = new Map<string, Float64Array>();
  const verbatim = query.verbatim ?? [];
  const verbatimMatchers = verbatim.map((p): Matcher => (p.length >= LOOSE_QUOTE_LENGTH ? matcherOf(p) : (text) => (text.includes(p) ? 1 : 0)));
  const position = candidatePositions(candidates);
  // Per document, the share of the question's own words said in its retrieved sentences (docCoverage: ranking only).
  const docCoverage = rankingFeatures ? documentCoverage(candidates, words, ownCredits, total) : undefined;
  // Every heading's and lead's credit the loop below reads (for each word a sentence under it does not fully say), worked
  // out first: then which words some text says is known, and so absentEverywhere, before any evidence is made. (Written
  // into every evidence after they were made, that store sent the optimised scoreEvidence back to the interpreter on
  // every call in about half of the processes — V8's "wrong map" deoptimisation, ~1,000 times over the bank's article
  // questions.) The same credits, each worked out once: the loop below reads them, and each candidate's heading and lead
  // forms and credits as found here. A section's sentences come one after another under the same heading (and a list's
  // under the same lead): its form and credits are the previous candidate's when the text is the same.
  const headingForms = new Array<TextForm | undefined>(candidates.length);
  const headingCreditsOf = new Array<Float64Array | undefined>(candidates.length);
  const leadForms = new Array<TextForm | undefined>(candidates.length);
  const leadCreditsOf = new Array<Float64Array | undefined>(candidates.length);
  {
    let heading: string | undefined;
    let headingForm: TextForm | undefined;
    let headingCredits: Float64Array | undefined;
    let lead: string | undefined;
    let leadForm: TextForm | undefined;
    let leadCredits: Float64Array | undefined;
    for (let i = 0; i < candidates.length; i++) {
      const candidate = candidates[i];
      if (candidate.heading !== heading) {
        heading = candidate.heading;
        headingForm = heading ? formOfText(heading) : undefined;
        headingCredits = headingForm?.compact ? creditsIn(sharedCredits, headingForm.compact, W) : undefined;
      }
      if (candidate.lead !== lead) {
        lead = candidate.lead;
        leadForm = lead ? formOfText(lead) : undefined;
        leadCredits = leadForm?.compact ? creditsIn(sharedCredits, leadForm.compact, W) : undefined;
      }
      headingForms[i] = headingForm;
      headingCreditsOf[i] = headingCredits;
      leadForms[i] = leadForm;
      leadCreditsOf[i] = leadCredits;
      if (!headingCredits && !leadCredits) continue;
      for (let w = 0; w < W; w++) {
        if (ownCredits[i * W + w] >= 1) continue;
        if (headingForm && headingCredits) creditIn(headingCredits, headingForm, w, matchersOfWords, said);
        if (leadForm && leadCredits) creditIn(leadCredits, leadForm, w, matchersOfWords, said);
      }
    }
  }
  const absent = absentFromAll(words, heaviest, said);
  const evidence = candidates.map((candidate, i) => {
    const continues = i > 0 && candidates[i - 1].sentence === candidate.sentence - 1 && candidates[i - 1].chunkRank === candidate.chunkRank;
    // (The sentence's form is its text's: what it says of itself is read from there, not looked up by text again.)
    const form = sentenceForms[i] as SentenceForm;
    const previous = continues && refersBack(candidate.text, form) ? texts[i - 1] : undefined;
    const previousForm = previous !== undefined ? sentenceForms[i - 1] : undefined;
    // "公司", "该公司", "the company", "it" stand for the subject named earlier in the passage: the topic may be there.
    // The passage is joined (subjectPassage) only when a name-like word the sentence does not fully say is looked for in it.
    const pronoun = hasSubjectPronoun(candidate.text, form);
    let subject: { text?: string; spaced?: string } | undefined;
    const headingForm = headingForms[i];
    const headingCredits = headingCreditsOf[i];
    const leadForm = leadForms[i];
    const leadCredits = leadCreditsOf[i];
    const heading = headingForm?.compact;
    const headingItself = candidate.isHeading ?? isHeading(candidate.text);
    const { mask, spaced: spacedText } = sentenceForms[i];
    let supported = 0;
    let ownSupported = 0;
    let matchedWords = 0;
    let headingAdds = 0;
    let leadAdds = 0;
    let contextSupported = 0;
    let contextOwn = 0;
    let predicateTotal = 0;
    let predicateSupported = 0;
    let usesPrevious = false;
    let unmatchedRare = 0;
    const before = neighbour(candidates, position, i, -1);
    const after = neighbour(candidates, position, i, 1);
    let withNeighbours = 0;
    const row = i * W;
    for (let w = 0; w < W; w++) {
      const weight = weights[w];
      const own = ownCredits[row + w];
      if (rankingFeatures && (own > 0 || w >= MATCHED_BITS)) matchedWords |= 1 << Math.min(w, MATCHED_BITS);
      // The previous sentence is candidate i - 1 (continues): its own credits are already there.
      const prev = previous !== undefined && own < 1 ? exactCredits[row - W + w] * PREVIOUS_SENTENCE_CREDIT : 0;
      if (prev > own) usesPrevious = true;
      // A credit already worked out is read in place: creditIn, a call the loop does not inline, returned each as a new heap number.
      const fromHeading =
        headingForm && headingCredits && own < 1 ? (Number.isNaN(headingCredits[w]) ? creditIn(headingCredits, headingForm, w, matchersOfWords, said) : headingCredits[w]) * HEADING_CREDIT : 0;
      const fromLead =
        leadForm && leadCredits && own < 1 ? (Number.isNaN(leadCredits[w]) ? creditIn(leadCredits, leadForm, w, matchersOfWords, said) : leadCredits[w]) * PREVIOUS_SENTENCE_CREDIT : 0;
      if (pronoun && nameLike[w] && own < 1) subject ??= subjectPassage(candidates, texts, spacedTexts, i);
      const fromSubject = subject?.text && nameLike[w] && own < 1 ? matchersOfWords[w](subject.text, undefined, subject.spaced) * PREVIOUS_SENTENCE_CREDIT : 0;
      if (fromSubject > Math.max(own, prev)) usesPrevious = true;
      const credit = Math.max(own, prev, fromHeading, fromLead, fromSubject);
      if (fromHistory[w]) {
        contextOwn += weight * own;
        continue;
      }
      if (fromContext[w]) {
        contextSupported += weight * credit;
        contextOwn += weight * own;
        continue;
      }
      supported += weight * credit;
      if (rankingFeatures) {
        ownSupported += weight * own;
        if (fromHeading > 0) headingAdds += weight * Math.max(0, fromHeading / HEADING_CREDIT - own);
        if (fromLead > 0) leadAdds += weight * Math.max(0, fromLead / PREVIOUS_SENTENCE_CREDIT - own);
      }
      withNeighbours += weight * Math.max(credit, before >= 0 ? ownCredits[before * W + w] : 0, after >= 0 ? ownCredits[after * W + w] : 0);
      if (credit === 0) unmatchedRare = Math.max(unmatchedRare, weight / heaviest);
      if (predicate[w]) {
        predicateTotal += weight;
        predicateSupported += weight * credit;
      }
    }
    if (asked.length) {
      const label = innermostHeading(candidate.heading);
      for (const spellings of asked) {
        let own = 0;
        let fromLabel = 0;
        for (const option of spellings) {
          own = Math.max(own, namesOption(candidate.text, option));
          if (label) fromLabel = Math.max(fromLabel, namesOption(label, option) * HEADING_CREDIT);
        }
        const credit = Math.max(own, fromLabel);
        supported += optionWeight * credit;
        withNeighbours += optionWeight * credit;
        if (rankingFeatures) ownSupported += optionWeight * own;
        if (credit === 0) unmatchedRare = Math.max(unmatchedRare, Math.min(1, optionWeight / heaviest));
      }
    }
    // The word's credits: its own and the previous sentence's are in the table; a heading's or lead's was worked out
    // in the loop above whenever the sentence does not fully say the word (else its own credit decides first).
    // A text's credit of '' (no heading or lead text) is 0, as the table's missing one.
    const requiredSaid = (r: number): boolean => {
      const w = requiredWords[r];
      return w >= 0
        ? exactCredits[row + w] >= 0.5 ||
            (previousForm !== undefined && exactCredits[row - W + w] >= 0.5) ||
            (headingForm !== undefined && sharedCredit(headingCredits, headingForm, w, matchersOfWords) >= 0.5) ||
            (leadForm !== undefined && sharedCredit(leadCredits, leadForm, w, matchersOfWords) >= 0.5)
        : saidAround(requiredMatchers[r], form, previousForm, headingForm, leadForm);
    };
    let requiredMissing = false;
    for (let r = 0; r < requiredMatchers.length && !requiredMissing; r++) requiredMissing = !requiredSaid(r);
    // A name a swap put in is said where a required word is, or — the sentence refers to its subject (该公司, 它, the
    // company) — in the passage before it, as the coverage reads a name there (fromSubject above).
    let swappedMissing = false;
    for (const r of swappedRequired) {
      if (requiredSaid(r)) continue;
      if (pronoun) {
        subject ??= subjectPassage(candidates, texts, spacedTexts, i);
        if (subject.text !== undefined && requiredMatchers[r](subject.text, undefined, subject.spaced) >= 0.5) continue;
      }
      swappedMissing = true;
      break;
    }
    // A choice offered ("exim4 or postfix?"): the sentence, the one before it, its heading or lead names one of them.
    if (!requiredMissing && offeredMatchers.length > 0) requiredMissing = !offeredMatchers.some((m) => saidAround(m, form, previousForm, headingForm, leadForm));
    // A quoted phrase is often the section's heading ("“为什么 GNU su 不支持 wheel 组”这句话是谁说的?"): the sentence under it answers.
    // A long quotation is often from memory ("每个国家都该有自己的AI" for “每个国家都需要拥有自己的 AI”): it is said when its
    // matcher finds it — the phrase itself, or at least half of its character pairs, as any long word is found. A short one
    // ("词的组成字符") must be there as quoted.
    const verbatimMissing =
      verbatim.length > 0 && !verbatim.every((p, v) => verbatimMatchers[v](texts[i]) > 0 || (heading !== undefined && verbatimMatchers[v](heading) > 0) || (previous !== undefined && verbatimMatchers[v](previous) > 0));
    const focusMissing = focusMatcher !== undefined && (focusWord >= 0 ? exactCredits[row + focusWord] : focusMatcher(texts[i], mask, spacedText)) < 0.5;
    const aboutTopic = !requiredMissing && !verbatimMissing && !focusMissing;
    // Context carried over from the previous turn (whom "他" means) must be there too, but it is the
    // question's own words that have to be answered.
    const contextFactor = contextTotal > 0 ? 1 - CONTEXT_SHARE + (CONTEXT_SHARE * contextSupported) / contextTotal : 1;
    // "她有什么名头?" has no words of its own left: then the carried-over context is the whole question.
    const ownShare = total > 0 ? (supported / total) * contextFactor : contextTotal > 0 ? contextSupported / contextTotal : 0;
    const coverage = ownShare * (aboutTopic ? 1 : OFF_TOPIC_FACTOR);
    // Scaled like the coverage (context turn, topic): the neighbours lend words, not the right topic.
    const contextCoverage = total > 0 ? Math.max(coverage, (withNeighbours / total) * contextFactor * (aboutTopic ? 1 : OFF_TOPIC_FACTOR)) : coverage;
    // "同年成立的摩尔线程": the year is the one the sentence before states.
    const yearFromPrevious =
      query.answerType === 'date' && continues && SAME_TIME.test(texts[i]) && satisfiesAnswerType(query, spaced(candidates[i - 1].text)) && !satisfiesAnswerType(query, spaced(candidate.text));
    if (yearFromPrevious) usesPrevious = true;
    // On the sentence as the matchers read it (三种 → 3种, traditional → simplified) but with its spaces: the compact form
    // glues "default 80" into "default80", which reads like a name (H100).
    // (An abbreviation's long form is read in its own case: "LinuX Containers", "Tape ARchive" spell by their capitals.)
    const typeOk = yearFromPrevious || satisfiesAnswerType(query, query.answerType === 'expansion' ? candidate.text : spaced(candidate.text, form));
    // A number the sentence does not say may be its section's (a heading "Debian 7 (wheezy)" over "The system could be
    // installed using software speech") or its lead's, as a required word may.
    let numbersAbsent = 0;
    for (let k = 0; k < numberMatchers.length; k++) {
      if ((numberWords[k] >= 0 ? exactCredits[row + numberWords[k]] : numberMatchers[k](texts[i], mask)) > 0) continue;
      if (numberIn(numberWords[k], numberMatchers[k], headingForm, headingCredits, matchersOfWords) || numberIn(numberWords[k], numberMatchers[k], leadForm, leadCredits, matchersOfWords)) continue;
      numbersAbsent++;
    }
    const numbersMissing = numbers.length ? numbersAbsent / numbers.length : 0;
    const evidence: Evidence = {
      candidate,
      coverage,
      aboutTopic,
      requiredMissing,
      swappedMissing,
      nothingAsked: predicateTotal === 0,
      verbatimMissing,
      focusMissing,
      unmatchedRare,
      numbersMissing,
      // Only judged when the question asks for something of weight beyond its topic ("沐曦股份创始人叫什么名字" asks nothing more).
      predicateCoverage: predicateTotal > 0 && predicateTotal >= PREDICATE_MIN_SHARE * total ? predicateSupported / predicateTotal : 1,
      typeOk,
      usesPrevious,
      isHeading: headingItself,
      contextCoverage,
      previousTurnShare: carriedTotal > 0 ? contextOwn / carriedTotal : 0,
      ownCoverage: total > 0 ? ownSupported / total : 0,
      matchedWords,
      headingCoverage: total > 0 ? headingAdds / total : 0,
      leadCoverage: total > 0 ? leadAdds / total : 0,
      docCoverage: docCoverage?.get(candidate.docId) ?? 0,
      absentEverywhere: absent,
      // (A bonus for the kind's answer cue was tried: leave-one-corpus-out was worse with it, 227 vs 251 utility.)
      score: coverage + (typeOk ? 0.1 : 0) - candidate.chunkRank * 0.005 - (headingItself ? HEADING_PENALTY : 0),
      // Present on every evidence (undefined when not so, as a missing field reads): one object shape for every candidate,
      // also once a ranking model writes its probability.
      dateFromPrevious: yearFromPrevious ? true : undefined,
      rankProbability: undefined,
    };
    return evidence;
  });
  return evidence;
}

// scoreEvidence's helpers, at module level rather than closures made per call: what they read is passed in.

/** A text as the matchers read it; `spaced` once some matcher needed it (the cached form's, as worked out by spaced()). */
type TextForm = { compact: string; mask: CharMask; spaced?: string };

/** The matcher finds its word (a credit of half or more) in the sentence, the one before it, its heading or its lead. */
function saidAround(m: Matcher, own: { compact: string; mask?: CharMask; spaced?: string }, previous?: TextForm, heading?: TextForm, lead?: TextForm): boolean {
  const saysIn = (f: { compact: string; mask?: CharMask; spaced?: string }) => m(f.compact, f.mask, f.spaced) >= 0.5;
  return saysIn(own) || (previous !== undefined && saysIn(previous)) || (heading !== undefined && saysIn(heading)) || (lead !== undefined && saysIn(lead));
}

/** The index of the word `term` without alternatives (then its matcher is the plain one), or -1. */
function plainWordIndex(words: AnalyzedQuery['terms'], term: string): number {
  return words.findIndex((t) => t.term === term && !t.alternatives?.length);
}

/** A heading's or lead's credits for `W` words, one table per distinct text per call (NaN: not yet asked). */
function creditsIn(sharedCredits: Map<string, Float64Array>, text: string, W: number): Float64Array {
  let credits = sharedCredits.get(text);
  if (!credits) sharedCredits.set(text, (credits = new Float64Array(W).fill(NaN)));
  return credits;
}

/** A heading's or lead's credit for word w, worked out once and marked said when above 0 (absentEverywhere). */
function creditIn(credits: Float64Array, form: TextForm, w: number, matchers: readonly Matcher[], said: Uint8Array): number {
  let credit = credits[w];
  if (Number.isNaN(credit)) {
    credit = credits[w] = matchers[w](form.compact, form.mask, form.spaced);
    if (credit > 0) said[w] = 1;
  }
  return credit;
}

/** A heading's or lead's credit for word w as the required check reads it: without marking the word said (absentEverywhere reads only the loop's). */
function sharedCredit(credits: Float64Array | undefined, form: TextForm, w: number, matchers: readonly Matcher[]): number {
  if (!credits) return 0;
  const credit = credits[w];
  return Number.isNaN(credit) ? matchers[w](form.compact, form.mask, form.spaced) : credit;
}

/** The candidate holding the sentence `step` away from candidate i's in the same document, or -1. */
function neighbour(candidates: CandidateSentence[], position: (sentence: number) => number, i: number, step: number): number {
  const j = position(candidates[i].sentence + step);
  return j >= 0 && candidates[j].docId === candidates[i].docId ? j : -1;
}

/**
 * Whether a heading or lead says one of the question's numbers: a number that is one of the words (`word` ≥ 0) reads the
 * credits already worked out, as the required check does; otherwise its own matcher.
 */
function numberIn(word: number, matcher: Matcher, form: TextForm | undefined, credits: Float64Array | undefined, matchers: readonly Matcher[]): boolean {
  return form !== undefined && (word >= 0 ? sharedCredit(credits, form, word, matchers) : matcher(form.compact, form.mask)) > 0;
}

/**
 * The decision's absentEverywhere feature (features.ts) from the credits already worked out (`said`: some credit
 * above 0): a word is said somewhere when a candidate's own credit for it is above 0, or a heading's or lead's is. A heading's (lead's)
 * credit is worked out for every word some sentence under it does not fully say (own < 1); a word a sentence fully
 * says is said anyway. Same matchers, same compact forms: the same value as matching each word against every text
 * again (tests/helpers/absent-everywhere.ts, checked in tests/unit/sentence-evidence.test.ts).
 */
function absentFromAll(words: AnalyzedQuery['terms'], heaviest: number, said: Uint8Array): number {
  let out = 0;
  for (let w = 0; w < words.length; w++) if (words[w].origin === 'question' && !said[w]) out = Math.max(out, words[w].weight / heaviest);
  return out;
}

/** Per document, the weighted share of the question's own words said somewhere in its retrieved sentences (Evidence.docCoverage). */
function documentCoverage(candidates: CandidateSentence[], words: AnalyzedQuery['terms'], ownCredits: Float32Array, total: number): Map<string, number> {
  const W = words.length;
  const docBest = new Map<string, Float32Array>();
  candidates.forEach((c, i) => {
    let best = docBest.get(c.docId);
    if (!best) docBest.set(c.docId, (best = new Float32Array(W)));
    for (let w = 0; w < W; w++) best[w] = Math.max(best[w], ownCredits[i * W + w]);
  });
  const shareOfOwn = (best: Float32Array) => {
    let n = 0;
    for (let w = 0; w < W; w++) if (words[w].origin === 'question') n += words[w].weight * best[w];
    return total > 0 ? n / total : 0;
  };
  return new Map([...docBest].map(([doc, best]) => [doc, shareOfOwn(best)]));
}
