import type { Citation } from '../core/types.js';

/** The knowledge-gap report: what the documents could not answer and which answers users marked wrong. */
export interface ReportRepository {
  knowledgeGapReport(window: ReportWindow): Promise<KnowledgeGapReport>;
}

export interface ReportWindow {
  /** Inclusive start, ms since the epoch. */
  since: number;
  /** Exclusive end, ms since the epoch. */
  until: number;
  /** Rows per list (unanswered groups, down-votes, passages). */
  limit?: number;
}

export interface KnowledgeGapReport {
  since: string;
  until: string;
  totals: {
    questions: number;
    answered: number;
    unanswered: number;
    up: number;
    down: number;
    /** up / (up + down), null without any rating. */
    satisfactionRate: number | null;
  };
  /** Questions answered "not in the documents", grouped by normalised text, most asked first. */
  unanswered: Array<{ question: string; normalized: string; count: number; lastAskedAt: string }>;
  /** Down-voted answers, newest first, with the rater's comment and the citations the answer gave. */
  downVoted: Array<{
    messageId: string;
    question: string;
    answer: string;
    comment: string | null;
    ratedAt: string;
    slackUser: string | null;
    citations: Citation[];
  }>;
  /** Questions per UTC day (days without questions are left out). */
  perDay: Array<{ day: string; questions: number; unanswered: number }>;
  /** The passages cited most often. */
  topPassages: Array<{ docId: string; title: string; start: number; end: number; quote: string; count: number }>;
}
