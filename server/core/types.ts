/** Contracts shared by the answer service, its generators and every adapter (HTTP, stream, Slack, /v1, CLI). */
import type { TextTableRow } from '../shared/text/text-tables.js';

export interface HistoryTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** One cited span: always whole sentences (or a run of adjacent sentences) of one document. */
export interface Citation {
  n: number;
  docId: string;
  source: string;
  title: string;
  start: number;
  end: number;
  /** Exactly documents[docId].text.slice(start, end). */
  quote: string;
  /** PDF page (1-based) the quote starts on. */
  page?: number;
  /** Heading path of the section the quote is in, outermost first. */
  headings?: string[];
  /** "passage": shown with a refusal as one of the closest passages — not an answer. Absent: cited by the answer. */
  kind?: 'passage';
}

/** The /api/ask response body; also the `done` event of the stream and the payload of the other adapters. */
export interface AskResult {
  answer: string;
  answered: boolean;
  citations: Citation[];
  /** Present and true when the configured LLM failed and the extractive answer was used instead. */
  degraded?: boolean;
  /** With persistence on: the stored conversation this answer belongs to (send it back to follow up). */
  conversationId?: string;
  /** With persistence on: this answer's id, for feedback (POST /api/feedback, Slack 👍/👎). */
  messageId?: string;
}

export interface AnswerOptions {
  /** Aborts the work (client disconnected, Stop pressed). */
  signal?: AbortSignal;
  /** Receives answer text as it is produced (citation markers included). */
  onDelta?: (text: string) => void;
}

export interface CondenseOptions extends AnswerOptions {
  language?: string;
}

export interface AnswerService {
  answerQuestion(question: string, history?: HistoryTurn[], options?: AnswerOptions): Promise<AskResult>;
}

/** A sentence offered to a generator as evidence. `id` is what the generator cites. */
/** The rows of the text table a sentence introduces: their sentence numbers, first and last, and how many there are. */
export interface IntroducedTable {
  firstRow: number;
  lastRow: number;
  rows: number;
}

export interface CandidateSentence {
  id: number;
  /** Global sentence index in the loaded index. */
  sentence: number;
  docId: string;
  start: number;
  end: number;
  /** The sentence as read (a hard-wrapped line break joined: loaded-index.ts sentenceAsRead); start/end are the original's. */
  text: string;
  /** Rank (0 = best) of the retrieved chunk the sentence came from. */
  chunkRank: number;
  /** The heading of the section the sentence is in (context, not evidence of its own). */
  heading?: string;
  /** For an item of a list, table or command block: the sentence that announced it (context, like the heading). */
  lead?: string;
  /** For a row of a text table: its cells with their column headers (text-tables.ts). */
  table?: TextTableRow;
  /** A shell line, a line of an indented code block or of a code block the format marked (a command a how-to answer quotes). */
  code?: boolean;
  /** The sentence is itself a section heading (by its line position or the document's recorded structure). */
  isHeading?: boolean;
  /** The sentence is a plain-text label line, the name of the block under it (section-headings.ts labelSentence). */
  isLabel?: boolean;
  /** The text table the sentence introduces ("Several packages provide …" over its caption and header): where its rows are. */
  introducesTable?: IntroducedTable;
}

export type AnswerType = 'number' | 'percent' | 'date' | 'duration' | 'ordinal' | 'role' | 'expansion' | 'person' | 'entity' | 'other';

export interface WeightedTerm {
  term: string;
  weight: number;
  /**
   * 'question' terms came from the asked text; 'context' terms were carried over from history to resolve a reference
   * (a pronoun, an ellipsis: the sentence must say them too); 'history' terms were carried over for a follow-up that
   * names no reference: they steer retrieval and the anchor (follow-up-anchor.ts), never the coverage.
   */
  origin: 'question' | 'context' | 'history';
  /** Other words that count as this one (translations of one word form one group). */
  alternatives?: string[];
  /** 'topic': names what is asked about; 'category': names the kind of answer (哪家公司). Others say what is asked. */
  role?: 'topic' | 'category';
}

/** A question after follow-up resolution and term analysis, ready for retrieval. */
export interface AnalyzedQuery {
  /** The standalone question text used for retrieval. */
  text: string;
  /**
   * What the user typed this turn, when a follow-up's `text` also holds the previous turn ("And -c?" → "What does
   * -m do? -c"): what the question names itself (its options) is read from this, not from the carried words.
   */
  asked?: string;
  terms: WeightedTerm[];
  answerType: AnswerType;
  /** Words naming what the question is about; evidence that lacks them is about something else. */
  required?: string[];
  /**
   * The required words a name-swapped follow-up put in the previous topic's place ("那摩尔线程呢?" after "沐曦的估值是
   * 多少?" → 摩尔, 线程): the answering sentence must name them itself (or the sentence, heading or lead it takes its
   * subject from); a value beside a neighbour that names them is the previous topic's.
   */
  swappedIn?: string[];
  /**
   * Names the question offers to choose from ("exim4 or postfix?", "445 还是 139?"): evidence that names none of them
   * does not answer the choice (counted as a required word missing).
   */
  offered?: string[];
  /** Measure word of a counted answer ("多少名员工" → 名). */
  measure?: string;
  /** Phrases the asker quoted: evidence must contain them exactly (normalised, without spaces). */
  verbatim?: string[];
  /** The attribute asked about ("估值" in "新鼎资本估值多少?"): evidence that lacks it answers something else. */
  focus?: string;
  /**
   * The attribute asked about when the corpus never says it, nor any synonym or translation of it ("零售价" of "MTTS80
   * 的零售价是多少?", "price" of "What is the retail price of…"): evidence that the documents do not answer it.
   */
  absentAsked?: string;
  /** The question was in another language than the corpus and its words were translated by dictionary. */
  translated?: boolean;
  /** The index tokens of the options and sigil names it asks, searched by retrieval as code names (RetrievalQuery.codeTokens); a short option ("-m") is among the terms too. */
  codeTokens?: string[];
}

export interface GenerateInput {
  question: string;
  history: HistoryTurn[];
  query: AnalyzedQuery;
  candidates: CandidateSentence[];
}

/** A generator's answer: text with [n] markers, each n bound to one or more candidate ids. */
export interface GeneratedAnswer {
  answer: string;
  answered: boolean;
  /**
   * Each citation's sentences. `wholeSpan`: the quote runs from the first to the last however far apart they are (a
   * table's lead and the rows it announces, with the caption, header and rules between them); otherwise gaps of a few
   * sentences are bridged (citations.ts).
   */
  citations: Array<{ n: number; candidateIds: number[]; wholeSpan?: boolean }>;
  /** With a refusal: the closest candidate sentences, shown as passages (never cited by a marker). */
  passages?: Array<{ candidateIds: number[] }>;
  degraded?: boolean;
}
