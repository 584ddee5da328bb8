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
  /**
   * The kind asks for a value of its own — a reason, a date, a verdict, a speaker — so a file, command or port
   * the question names ("为什么每个 LilyPond 文件都要写版本声明?") is its topic, not the shape of the answer (asked-shape.ts).
   */
  ownValue?: true;
}
