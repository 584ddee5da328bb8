import { clauseWithValue, focusSentence } from './answer-focus.js';
import { PLAIN_REFUSAL_BELOW, defaultModel, probability, type AnswerabilityModel } from './decision.js';
import { answerFeatures, type FeatureName } from './features.js';
import { kindOf, type QuestionKind } from './kinds/index.js';
import { asksForSeveral } from './kinds/list.js';
import { languageOf } from './language/index.js';
import { valueForYear } from './range-values.js';
import { valueLead } from './value-lead.js';
import { askedColumn, rowAsItem, rowAsRead } from './table-answer.js';
import { compact, matchedIn, scoreEvidence, type Evidence } from './sentence-evidence.js';
import { answerRankingModel, defaultRankingModel, rankEvidence, type RankingModel } from './sentence-ranking-model.js';
import { ELLIPSIS } from '../../core/question-words.js';
import { OPENS_WITH_PERSONAL_PRONOUN } from '../../core/reference-words.js';
import { ANNOUNCES, LIST_ITEM } from '../../core/sentence-shapes.js';
import { MAX_TABLE_ROWS } from '../../core/list-leads.js';
import { callNamedByHeading, explanationOf, namesAction, stepsAfter, stepsBetween } from './how-to-answer.js';
import { givesReason, reasonAfter, reasonBefore } from './why-answer.js';
import { optionsNamedByHeading } from './option-heading.js';
import { neighbourShare, quotedNeighbour } from './neighbour-quote.js';
import { nextAddsCoverage, nextSentenceGain, type NextQuote } from './next-sentence-gain.js';
import { holdsNewShape, shapeAskedFor } from './asked-shape.js';
import { VALUE_TYPES, satisfiesAnswerType } from '../../core/answer-type.js';
import { withContext } from './passage-context.js';
import { matcherOf, needsSpacedForm } from './term-matcher.js';
import { BIGRAM_PREFIX } from '../../shared/text/tokenizer.js';
import { allMatches } from '../../shared/text/all-matches.js';
import { ITEM_MARKS, hasHan } from '../../shared/text/char-classes.js';
import type { AnalyzedQuery, AnswerOptions, CandidateSentence, GeneratedAnswer, GenerateInput } from '../../core/types.js';
import type { Generator } from '../../core/generator.js';

export interface ExtractiveOptions {
  /** The answerability model; the committed, calibrated one by default. */
  model?: AnswerabilityModel;
  /** The sentence-ranking model; by default the model file, if `fit:ranking -- --write` wrote one (none ships). null: the first stage alone. */
  rankingModel?: RankingModel | null;
  /** At most this many sentences in one answer. */
  maxSentences?: number;
  /** The runner-up's share of the best sentence's score at which a neighbouring runner-up is quoted too (neighbour-quote.ts); by default the fitted one. */
  neighbourShare?: number | null;
  /** The coverage the next sentence must add to the best one's for it to be quoted too (next-sentence-gain.ts); by default the fitted one. */
  nextGain?: number | null;
  /** At most this many closest passages with a refusal. */
  maxPassages?: number;
  /**
   * Sees every decision (calibration records the features and scores the forced answer). `fixed`: refused whatever the
   * model says (a bare-topic look-up, a swapped-in name the best sentence does not say): no row to fit.
   */
  onDecision?: (decision: { features: Record<FeatureName, number>; probability: number; answered: boolean; fixed: boolean }) => void;
}

const ENUMERATION_START = /一类是|一是|其一|第一类|一方面/;
const ENUMERATION_NEXT = /^[\s“"]*(另一|二是|其二|第二类|另一方面)/;
// A sentence that announces a number of things ("可以使用两种 BOOTP 服务器。", "有几个软件包提供…", "There are two ways to…"),
// and the sentences that then go through them: the first ("首先是…", "First, …"), the next ones ("其次", "另一个", "Second").
const COUNTED = /(?:[两二三四五六七八九十几多]|\d+)\s*[种类个项条步点款]|\b(?:two|three|four|five|six|several)\s+[a-z]/i;
const ENUMERATION_FIRST = /^[\s“"]*(?:首先|第一|其一|一是|一个是|一种是|(?:first(?:ly)?|the first( one)?|one is)\b)/i;
const ENUMERATION_THEN = /^[\s“"]*(?:其次|然后|再次|最后|第[二三四五六]|其[二三四]|[二三四]是|另一|另外|还有|(?:second(?:ly)?|third(?:ly)?|then|finally|the other|another|also)\b)/i;
// An announced list is quoted whole, up to this many items.
const MAX_CONTINUATION = 6;
// What separates the things a sentence names one after another (countsWhatFollows: none after the count).
const LIST_SEPARATOR = /[、，,;；]|及|和|\band\b/;
// The same and the alternatives ("PDF, MIDI or PNG"), counted: with ENUMERATES of them a sentence enumerates.
const ENUMERATION_MARK = new RegExp(`${LIST_SEPARATOR.source}|\\bor\\b|或`, 'gi');
const ENUMERATES = 2;
const enumerationMarks = (text: string): number => allMatches(ENUMERATION_MARK, text).length;

/**
 * The sentences after `c` that complete it: the other half of an enumeration, what a colon announces, the
 * steps and commands a how-to explanation leads to (how-to-answer.ts), or — for a "why?" the sentence does
 * not answer with a reason of its own — the next sentence that goes on about it ("Do not … without rescue
 * media. It makes you boot …"); and the next sentence when it gives what was asked and the sentence does not
 * (answerComesNext), or when it says enough of the question's words the sentence lacks (next-sentence-gain.ts; judged
 * too: the decision's checks of the quoted text see the pair). `judged`: what the decision judges — not a next sentence that only holds a value of the asked type,
 * nor one that only names a how-to's action (judging those answered more questions wrongly); the answer quotes them.
 */
function continuationOf(
  c: CandidateSentence,
  bySentence: Map<number, CandidateSentence>,
  kind: QuestionKind | undefined,
  query: AnalyzedQuery,
  question: string,
  next: NextQuote,
  judged = false,
): CandidateSentence[] {
  const after = bySentence.get(c.sentence + 1);
  if (!after || after.docId !== c.docId) return [];
  const more = continuationByShape(c, after, bySentence, kind);
  if (more.length || after.isHeading) return more;
  if (!answerComesNext(c, after, kind, query, question, judged) && !nextAddsCoverage(c, after, query, next)) return [];
  const items = itemsFrom(after, bySentence);
  // A quoted announcement goes on to what it announces ("…to use your key. You do that with the -k option:" and the
  // command after it): cut there, it would promise the answer and not give it.
  const last = items[items.length - 1];
  const announced = ANNOUNCES.test(last.text.trim()) ? bySentence.get(last.sentence + 1) : undefined;
  if (!announced || announced.docId !== last.docId || announced.isHeading) return items;
  return [...items, ...continuationByShape(last, announced, bySentence, kind)].slice(0, MAX_CONTINUATION);
}

/**
 * The next sentence completes the quoted one when the quoted one sets the scene and the next one delivers what the
 * question asks for, by the question's general cues: the quoted sentence is itself a heading or a label; the question
 * asks for a command, file or port by name ("which command…", asked-shape.ts shapeAskedFor) and only the next sentence
 * names one the question does not already say; it asks why and only the next sentence gives a reason; it asks for a
 * value type (a number, a date) that only the next sentence holds. ("…APT will not install it automatically." / "One
 * would have to use apt install limnoria/bullseye-backports"; "…就要手动启用相应模块了。" / "semodule 命令可以实现该目的".)
 * `question` is the question as asked (query.text may carry glosses appended for retrieval).
 */
function answerComesNext(c: CandidateSentence, next: CandidateSentence, kind: QuestionKind | undefined, query: AnalyzedQuery, question: string, judged = false): boolean {
  if (c.isHeading || c.isLabel) return true;
  const shape = shapeAskedFor(question);
  if (shape) return !holdsNewShape(shape, c.text, question, c.code) && holdsNewShape(shape, next.text, question, next.code, true);
  if (kind?.name === 'why') return !givesReason(c) && givesReason(next);
  // A how-to asked: the sentence that states the situation ("…hidden by default."), the next one that names what to
  // type, run or press ("…or press Ctrl+H.", a command line).
  if (kind?.name === 'how-to') return !judged && !namesAction(c) && namesAction(next);
  // A list asked: the sentence that speaks of the things without naming them ("Output files are generated."), the next
  // one that names several ("Output files are generally PDF, MIDI and PNG").
  if (kind?.name === 'list') return enumerationMarks(c.text) < ENUMERATES && enumerationMarks(next.text) >= ENUMERATES;
  if (!judged && VALUE_TYPES.has(query.answerType)) return !satisfiesAnswerType(query, c.text) && satisfiesAnswerType(query, next.text);
  return false;
}

/** The continuations a sentence's own shape announces: an enumeration's other half, a why's consequence, a how-to's steps, a colon's list. */
function continuationByShape(c: CandidateSentence, next: CandidateSentence, bySentence: Map<number, CandidateSentence>, kind: QuestionKind | undefined): CandidateSentence[] {
  if (ENUMERATION_START.test(c.text)) return ENUMERATION_NEXT.test(next.text) ? [next] : [];
  // "Which two…?" answered by the sentence that counts them: the list is what follows it (its items, or "首先…" "另一个…").
  if (kind?.name === 'list' && countsWhatFollows(c.text)) {
    if (LIST_ITEM.test(next.text)) return itemsFrom(next, bySentence);
    if (ENUMERATION_FIRST.test(next.text)) return enumerationFrom(next, bySentence);
  }
  if (kind?.name === 'why') {
    const after = reasonAfter(c, bySentence);
    if (after) return [after];
  }
  // "How do I…?": the commands and steps after the explanation are the answer's point.
  if (kind?.name === 'how-to') return stepsAfter(c, bySentence);
  if (!ANNOUNCES.test(c.text)) return [];
  return itemsFrom(next, bySentence);
}

/**
 * The sentence counts things it does not list itself: after the count no separator follows ("两种 BOOTP 服务器。"; not
 * "由三个部分组成，消息的信封，邮件头及邮件正文。", which names them). A colon's announcement is continuationByShape's own case.
 */
function countsWhatFollows(text: string): boolean {
  const m = COUNTED.exec(text);
  return m !== null && !ANNOUNCES.test(text) && !LIST_SEPARATOR.test(text.slice(m.index + m[0].length));
}

/** `first` ("首先是…") and the sentences after it that go on through the enumeration ("另一个是…"), up to MAX_CONTINUATION. */
function enumerationFrom(first: CandidateSentence, bySentence: Map<number, CandidateSentence>): CandidateSentence[] {
  const out = [first];
  for (let s = first.sentence + 1; out.length < MAX_CONTINUATION; s++) {
    const more = bySentence.get(s);
    if (!more || more.docId !== first.docId || more.isHeading || !ENUMERATION_THEN.test(more.text)) break;
    out.push(more);
  }
  return out;
}

/**
 * The offered rows of the table `c` introduces (CandidateSentence.introducesTable), in order, up to MAX_TABLE_ROWS (the
 * rules between them and a wrapped cell's further lines are no rows) — when the question's own words name the table
 * (its caption and header, each row's lead) or one of its rows: a sentence over a table about something else lists none.
 */
function tableRowsAfter(c: CandidateSentence, bySentence: Map<number, CandidateSentence>, query: AnalyzedQuery): CandidateSentence[] {
  const table = c.introducesTable;
  if (!table) return [];
  const out: CandidateSentence[] = [];
  for (let s = table.firstRow; s <= table.lastRow && out.length < MAX_TABLE_ROWS; s++) {
    const row = bySentence.get(s);
    if (row?.table) out.push(row);
  }
  const terms = query.terms.filter((t) => t.origin === 'question' && !t.term.startsWith(BIGRAM_PREFIX));
  const words = terms.map((t) => matcherOf(t.term, t.alternatives));
  const spacedToo = needsSpacedForm(terms);
  const named = (r: CandidateSentence) => {
    const text = `${r.lead ?? ''} ${r.text}`; // once per row, not once per word
    return words.some((word) => matchedIn(word, text, spacedToo) > 0);
  };
  return out.some(named) ? out : [];
}

/** `next`, and when it is a list item the items after it, up to MAX_CONTINUATION: a list is quoted whole, not its first item. */
function itemsFrom(next: CandidateSentence, bySentence: Map<number, CandidateSentence>): CandidateSentence[] {
  const out = [next];
  for (let s = next.sentence + 1; out.length < MAX_CONTINUATION && LIST_ITEM.test(out[out.length - 1].text); s++) {
    const more = bySentence.get(s);
    // (A numbered heading, "3. History", reads as an item: it starts the next section, not the list.)
    if (!more || more.docId !== next.docId || more.isHeading || !LIST_ITEM.test(more.text)) break;
    out.push(more);
  }
  return out;
}
// A second sentence joins the answer only when it is nearly as good as the best (list questions).
const SECOND_SENTENCE_GAP = 0.05;

/** When the sentence's subject is a personal pronoun: the sentence before it in its document, which says whom it means. */
function antecedentOf(c: CandidateSentence, bySentence: ReadonlyMap<number, CandidateSentence>): CandidateSentence | undefined {
  const previous = bySentence.get(c.sentence - 1);
  return previous !== undefined && previous.docId === c.docId && !previous.isHeading && OPENS_WITH_PERSONAL_PRONOUN.test(c.text) ? previous : undefined;
}

/** The candidates by their sentence number (the neighbours a sentence's continuation is looked up among). */
function sentencesByNumber(candidates: CandidateSentence[]): Map<number, CandidateSentence> {
  const out = new Map<number, CandidateSentence>();
  for (const c of candidates) out.set(c.sentence, c);
  return out;
}

export function refusalText(question: string): string {
  return languageOf(question).refusal;
}

/**
 * The offline answerer: ranks the candidate sentences by how well they support the question's words,
 * then ONE calibrated decision (decision.ts) says whether quoting the best of them answers it. If it
 * does, the answer leads with the value and quotes the sentence(s) with [n]; if not, the refusal comes
 * with up to three closest passages, so the asker is never left empty-handed.
 */
export function createExtractiveGenerator(options: ExtractiveOptions = {}): Generator {
  const maxSentences = options.maxSentences ?? 2;
  const maxPassages = options.maxPassages ?? 3;
  // What an answer quotes besides its best sentence, both fitted: a neighbouring runner-up (its share), the next sentence (its gain).
  const share = options.neighbourShare === undefined ? neighbourShare().share : options.neighbourShare;
  const nextGain = options.nextGain === undefined ? nextSentenceGain().gain : options.nextGain;
  return {
    name: 'extractive',
    deterministic: true,
    async generate(input: GenerateInput, opts?: AnswerOptions): Promise<GeneratedAnswer> {
      const kind = kindOf(input.question);
      const rankingModel = options.rankingModel === undefined ? defaultRankingModel() : options.rankingModel;
      const answerModel = answerRankingModel(rankingModel);
      // The ranking-only features cost a pass over every sentence's words: only worked out for a model that reads them.
      const evidence = scoreEvidence(input.query, input.candidates, { rankingFeatures: answerModel !== null });
      const ordered = rankEvidence(evidence, input.query, kind, answerModel);
      // A name-swapped follow-up ("那摩尔线程呢?" after "…沐曦的估值是多少?") is answered from the best sentence that names
      // the new name (Evidence.swappedMissing): a better-ranked one about the previous topic would lend its value to the
      // new name, the sentence after it naming the new name lending nothing. None names it: passages.
      const swapAnswer = ordered.length > 0 && ordered[0].swappedMissing ? ordered.find((e) => !e.swappedMissing && e.score > 0) : undefined;
      const ranked = swapAnswer ? [swapAnswer, ...ordered.filter((e) => e !== swapAnswer)] : ordered;
      const otherSubject = ranked.length > 0 && ranked[0].swappedMissing;
      const model = options.model ?? defaultModel();
      // The decision judges what an answer would quote: the best sentence and what completes it (continuationOf) — but not
      // a next sentence that merely holds a value of the asked type (`judged`): it may be another subject's ("它有
      // 多少个股东?" about one company, the next sentence giving another's 86 shareholders).
      const bySentence = sentencesByNumber(input.candidates);
      const next: NextQuote = { gain: nextGain, coverage: new Map(evidence.map((e) => [e.candidate.id, e.coverage])) };
      const completing = ranked.length ? continuationOf(ranked[0].candidate, bySentence, kind, input.query, input.question, next, true) : [];
      // The sentence quoted in front of the best one (composeAnswer quotes it too): part of the answer, no rival of it.
      const features = ranked.length ? answerFeatures(input.query, ranked, kind, input.history, completing, quotedInFront(ranked[0], bySentence)) : undefined;
      const p = features ? probability(model, features) : 0;
      // An ellipsis with nothing before it ("那沐曦呢?") swaps a topic into a question that was never asked:
      // show passages. A bare term ("chage", "彭莉") is a look-up: the calibrated decision judges it.
      const lookUp =
        features?.nothingAsked === 1 && input.history.length === 0 && !kind && input.query.answerType === 'other' && ELLIPSIS.test(input.question.normalize('NFKC').trim()) && /呢/.test(input.question);
      const fixed = lookUp || otherSubject;
      const answered = features !== undefined && !fixed && p >= model.threshold;
      if (features) options.onDecision?.({ features, probability: p, answered, fixed });
      if (!answered) {
        const answer = p >= PLAIN_REFUSAL_BELOW && !lookUp ? languageOf(input.question).unsure : refusalText(input.question);
        opts?.onDelta?.(answer);
        // A model fitted for the passages only (RankingModel.scope) orders what a refusal shows, not what the answer quotes:
        // scored again with its features then, so that an answered question pays nothing for it.
        const passageOrder =
          rankingModel && !answerModel ? rankEvidence(scoreEvidence(input.query, input.candidates), input.query, kind, rankingModel) : ranked;
        return { answer, answered: false, citations: [], passages: closestPassages(passageOrder, maxPassages, kind, input.candidates) };
      }
      const answer = composeAnswer(input, ranked, maxSentences, kind, bySentence, share, next);
      opts?.onDelta?.(answer.answer);
      return answer;
    },
  };
}

/**
 * The best distinct sentences, as passages (no [n] markers: they are shown, not cited as an answer), each with the
 * sentences around it (passage-context.ts); a sentence already inside an earlier passage does not take a place.
 */
function closestPassages(ranked: Evidence[], max: number, kind: QuestionKind | undefined, candidates: CandidateSentence[]): Array<{ candidateIds: number[] }> {
  const bySentence = new Map(candidates.map((c) => [c.sentence, c]));
  // What earlier passages show: by text (the same sentence twice in a corpus is shown once) and by candidate (no overlap).
  const shownText = new Set<string>();
  const shown = new Set<number>();
  const out: Array<{ candidateIds: number[] }> = [];
  for (const e of ranked) {
    if (out.length >= max) break;
    // (The fitted ranking orders by its own probability: a sentence without evidence can sit among the first.)
    if (e.score <= 0 || shownText.has(e.candidate.text) || shown.has(e.candidate.id)) continue;
    // A how-to's passage shows the explanation with the command it leads to; a why's consequence, the reason before it.
    // (Stopped where an earlier passage begins, so that the passage stays one span of its own.)
    const steps = kind?.name === 'how-to' ? stepsAfter(e.candidate, bySentence) : [];
    const firstShownStep = steps.findIndex((c) => shown.has(c.id));
    const reason = kind?.name === 'why' ? reasonBefore(e.candidate, bySentence) : undefined;
    const core = [
      ...(reason && !shown.has(reason.id) ? [reason] : []),
      e.candidate,
      ...(firstShownStep < 0 ? steps : steps.slice(0, firstShownStep)),
    ];
    const passage = withContext(core, bySentence, shown);
    for (const c of passage) {
      shownText.add(c.text);
      shown.add(c.id);
    }
    out.push({ candidateIds: passage.map((c) => c.id) });
  }
  return out;
}

/** `kind` is the question's (kindOf) and `bySentence` its candidates by sentence number, both worked out once by generate. */
/** The sentence before `e`, quoted in front of it when `e` takes its subject from there (usesPrevious). */
const quotedInFront = (e: Evidence, bySentence: Map<number, CandidateSentence>): CandidateSentence | undefined =>
  e.usesPrevious ? bySentence.get(e.candidate.sentence - 1) : undefined;

function composeAnswer(
  input: GenerateInput,
  ranked: Evidence[],
  maxSentences: number,
  kind: QuestionKind | undefined,
  bySentence: Map<number, CandidateSentence>,
  share: number | null,
  next: NextQuote,
): GeneratedAnswer {
  const best = ranked[0];
  // A list asked, and the best sentence introduces a table: the table's rows are the list it goes on to. (The decision
  // judged the sentence alone; the rows are added after it, unscored.)
  const bestRows = asksForSeveral(input.question, kind) ? tableRowsAfter(best.candidate, bySentence, input.query) : [];
  // What completes the best sentence (worked out once: the loop below quotes it). A neighbour it quotes anyway is quoted
  // there, in one citation.
  const bestContinuation = bestRows.length ? bestRows : continuationOf(best.candidate, bySentence, kind, input.query, input.question, next);
  const beside = quotedNeighbour(ranked, share);
  const neighbour = beside && bestContinuation.some((c) => c.id === beside.candidate.id) ? undefined : beside;
  const chosen = [
    best,
    ...(neighbour ? [neighbour] : []),
    // (A row of the table the best sentence lists is quoted in that list, not again on its own; a sentence about the
    // topic a name swap replaced, Evidence.swappedMissing, is no second answer about the new name.)
    ...ranked
      .slice(1)
      .filter(
        (e) => e !== neighbour && e.score >= best.score - SECOND_SENTENCE_GAP && e.candidate.text !== best.candidate.text && !bestRows.includes(e.candidate) && !e.swappedMissing,
      ),
  ].slice(
    0,
    maxSentences,
  );
  chosen.sort((a, b) => a.candidate.sentence - b.candidate.sentence);
  // The answer leads with what the first sentence says — but a neighbour quoted beside the best sentence is context: the
  // best one leads even when the neighbour comes first ("同年成立的摩尔线程,股东数量多达 86 个" after the sentence on
  // another company's "8 轮融资"), and the neighbour is quoted as it stands.
  const leader = neighbour && chosen.includes(neighbour) ? best : chosen[0];
  let frontHead = '';

  // One year asked, a per-year list in the sentence: lead with that year's figure (if the list is about what was asked).
  const years = (input.query.required ?? []).filter((w) => /^\d{4}$/.test(w));
  // (Words, not character pairs: a pair "~摩尔" is never in a sentence's text, and would count as a word the list must name.)
  const asked = input.query.terms
    .filter((t) => t.origin === 'question' && !t.role && t.term.length >= 2 && !t.term.startsWith(BIGRAM_PREFIX) && !/^\d+$/.test(t.term))
    .map((t) => t.term);
  const parts: string[] = [];
  const citations: GeneratedAnswer['citations'] = [];
  // A how-to quotes its steps in order: a chosen sentence that is one of an earlier one's steps is quoted there.
  const quotedAsStep = new Set<number>();
  const steps = kind?.name === 'how-to';
  // What each chosen sentence quotes before itself: when the subject came from the sentence before, that sentence (so the
  // quote is self-contained); a how-to's command line, the explanation that announced it ("To reload it, run:"); a why's
  // consequence ("So binary data … are encoded …"), the sentence before it, which gives the reason.
  const before = new Map(
    chosen.map((e) => {
      const previous = quotedInFront(e, bySentence);
      // (A why's consequence quotes its reason even when that sentence is also where its subject came from: cited alone,
      // "因此，Debian 有个 invoke-rc.d 程序…" answers no why.)
      const explanation = steps ? (previous ? undefined : explanationOf(e.candidate, bySentence)) : kind?.name === 'why' ? reasonBefore(e.candidate, bySentence) : undefined;
      // A sentence whose subject is a pronoun ("它被期望作为 ext4 之后的下一个默认文件系统") says what "它" is only with the
      // sentence before: that one is quoted in front of it (unless something else already is).
      const antecedent = explanation ? undefined : antecedentOf(e.candidate, bySentence);
      // (A how-to's explanation is quoted with the steps that lead from it to the command: the item that announced it.)
      const between = steps && explanation ? stepsBetween(explanation, e.candidate, bySentence) : [];
      return [e, { previous, explanation, antecedent, between }] as const;
    }),
  );
  // Quoted by a chosen sentence or in front of one: another's continuation does not quote it a second time.
  // (A loop, not a flatMap of three-element arrays: flatMap's generic flattening was ~1% of an answer.)
  const quoted = new Set<number | undefined>();
  // (Each chosen sentence is quoted in a citation of its own: no other one quotes or cites it in front of itself.)
  const chosenIds = new Set(chosen.map((e) => e.candidate.id));
  for (const e of chosen) {
    const { previous, explanation, antecedent } = before.get(e)!;
    quoted.add(e.candidate.id).add(previous?.id).add(explanation?.id).add(antecedent?.id);
  }
  chosen.forEach((e) => {
    if (quotedAsStep.has(e.candidate.id)) return;
    const i = citations.length;
    const n = i + 1;
    const ids = [e.candidate.id];
    const { previous, explanation, antecedent, between } = before.get(e)!;
    const explained = explanation && !chosenIds.has(explanation.id) ? [explanation, ...between.filter((c) => !chosenIds.has(c.id))] : [];
    if (previous && previous.id !== explanation?.id && !chosenIds.has(previous.id)) ids.unshift(previous.id);
    const shownAntecedent = antecedent && !chosenIds.has(antecedent.id) ? antecedent : undefined;
    if (shownAntecedent && shownAntecedent.id !== previous?.id) ids.unshift(shownAntecedent.id);
    if (explained.length) ids.unshift(...explained.map((c) => c.id));
    // What the sentence announces follows it: "一类是…;" "另一类是…", "as follows:" and the command or list after it.
    // (A sentence quoted elsewhere is skipped — and an announcement chosen on its own takes what it announces with it: its
    // own continuation quotes that.)
    const continuing = e === best ? bestContinuation : continuationOf(e.candidate, bySentence, kind, input.query, input.question, next);
    const quotedAnnouncement = steps ? -1 : continuing.findIndex((c) => chosenIds.has(c.id) && ANNOUNCES.test(c.text.trim()));
    const continuation = (quotedAnnouncement < 0 ? continuing : continuing.slice(0, quotedAnnouncement)).filter((c) => steps || !quoted.has(c.id));
    // A table's rows are read as items ("bison (GNU LALR parser generator); byacc (…)"), not as their pipes and padding;
    // one quote holds the introducing sentence and the rows, with the caption, header and rules between them.
    const listsRows = e === best && bestRows.length > 0 && continuation.length > 0;
    if (steps) for (const c of continuation) quotedAsStep.add(c.id);
    ids.push(...continuation.map((c) => c.id));
    citations.push({ n, candidateIds: ids, ...(listsRows ? { wholeSpan: true } : {}) });
    const text = e.candidate.text;
    // A table row is quoted whole, as header: cell pairs (table-answer.ts); anything else around the asked words.
    const { table } = e.candidate;
    const focused = table ? rowAsRead(table) : withoutLeadingEllipsis(focusSentence(input.query, text));
    const value = years.length === 1 && e !== neighbour ? valueForYear(text, Number(years[0]), asked) : undefined;
    const leads = e === leader;
    // "同年成立的…": show the sentence that says which year; "它被期望…": the one that says what 它 is.
    const lead =
      e.dateFromPrevious && previous
        ? `${withoutLeadingEllipsis(clauseWithValue(input.query, previous.text))} `
        : explained.length
          ? `${explained.map((c) => c.text.trim()).join(' ')} `
          : shownAntecedent
            ? `${shownAntecedent.text.trim()} `
            : '';
    // (Separated as the document writes: "；" after a Chinese sentence; "…" where the table has rows not quoted.)
    const separator = hasHan(e.candidate.text) ? '；' : '; ';
    const more = listsRows && continuation.length < best.candidate.introducesTable!.rows ? `${separator}…` : '';
    const tail = listsRows
      ? ` ${continuation.map((c) => rowAsItem(c.table!)).join(separator)}${more}`
      : continuation.map((c) => ` ${c.text.trim()}`).join('');
    // The first sentence's answer leads with the asked value and whose it is ("摩尔线程:1126 名。"), then the quote.
    // A how-to answered by an API reference's sentence names the call its section heading is about.
    // Under a man page's option label, any answer names the option the sentence explains.
    const call = leads ? (kind?.name === 'how-to' ? callNamedByHeading(e.candidate, tail) : undefined) ?? optionsNamedByHeading(e.candidate, tail) : undefined;
    // A "why" asks for a reason: a figure in front of the quote would read as the answer to another question.
    // A table row's value is the cell of the column asked ("openssl 大小:2269。"), never another number of the row
    // (and, as for any sentence, no figure in front of the answer to a "why").
    const column = leads && table && kind?.name !== 'why' ? askedColumn(input.query, table) : undefined;
    const head = call
      ? `${call}: `
      : table
        ? column !== undefined && table.cells[column]
          ? languageOf(input.question).leadWith(table.cells[column], `${table.cells[0]} ${table.header[column]}`.trim())
          : ''
        : leads && !value && kind?.name !== 'why'
          ? valueLead(input, focused)
          : '';
    // After a leading value, a list item's bullet would read as a dash of the answer ("35 — - LXDE has…"): the quote goes on
    // without it (the citation still holds the whole item).
    const quote = head || value ? withoutBullet(focused) : focused;
    // A leader quoted after its neighbour still leads: its head goes in front of the whole answer.
    if (i > 0 && head) frontHead = head;
    parts.push(value ? `${years[0]} 年:${value}。${quote}[${n}]` : `${i > 0 ? '' : head}${lead}${quote}${tail}[${n}]`);
  });
  if (frontHead) parts[0] = `${frontHead}${withoutBullet(parts[0])}`;
  return { answer: parts.join(' '), answered: true, citations };
}

const LEADING_BULLET = new RegExp(`^[${ITEM_MARKS}]\\s+`);
/** The quote without the bullet of a list item. */
function withoutBullet(text: string): string {
  return text.replace(LEADING_BULLET, '');
}

/** An answer never opens with "…": the clause stands on its own, the citation holds the whole sentence. */
function withoutLeadingEllipsis(text: string): string {
  return text.replace(/^…+\s*/, '');
}
