/**
 * A question kind is a pair of general cue sets: how a question of that kind is phrased (in Chinese or
 * English), and what a sentence that answers it tends to contain. Kinds are features of the one
 * answerability decision (see decision.ts), never gates: a phrasing no cue knows still gets an answer
 * when the evidence is strong.
 */
export interface QuestionKind {
  name: string;
  /** Cues in the question (a RegExp, or a test a RegExp cannot express). */
  asks: { test(question: string): boolean };
  /** Cues in a sentence that answers this kind (undefined: any sentence can). */
  answerCue?: RegExp;
}
