/** What the answerer says in one language: written once here, not spread over the answerer's files. */
export interface LanguagePack {
  code: 'zh' | 'en';
  /** The refusal, shown with the closest passages. */
  refusal: string;
  /** Leads the closest passages in plain-text renderings (CLI, Slack). */
  passagesHeading: string;
  /** Pronouns and definite descriptions that stand for the document's or the conversation's subject. */
  subjectPronoun: RegExp;
}
