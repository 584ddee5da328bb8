/** What the answerer says in one language: written once here, not spread over the answerer's files. */
export interface LanguagePack {
  code: 'zh' | 'en';
  /** The refusal, shown with the closest passages: the documents do not seem to answer the question. */
  refusal: string;
  /**
   * The refusal when the decision found the best passage fairly likely to answer, but not likely enough to quote it as
   * the answer (decision.ts PLAIN_REFUSAL_BELOW): "they do not say" would then be wrong as often as right. Few content
   * words, like the refusal: a follow-up reads the previous answer's words as context (query-analysis.ts).
   */
  unsure: string;
  /** Leads the closest passages in plain-text renderings (CLI, Slack). */
  passagesHeading: string;
  /** Pronouns and definite descriptions that stand for the document's or the conversation's subject. */
  subjectPronoun: RegExp;
  /**
   * How a sentence opens that states the consequence of the one before it ("所以…", "For this reason, …"): a "why"
   * answered by it is answered by the sentence before, which gives the reason.
   */
  consequenceOpener: RegExp;
  /** A value quoted from a sentence in the other language, said in this one (a number, a date, an amount). */
  valueFromOtherLanguage(value: string): string;
  /** How an answer leads with the asked value, and whose it is when the question names that, before the quote. */
  leadWith(value: string, subject?: string): string;
}
