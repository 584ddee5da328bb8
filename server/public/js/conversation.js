/**
 * The conversation's history, kept only in the page and sent with each question.
 * The limits mirror server/http/ask-schema.ts so a long chat never turns into a 400:
 * the oldest turns are dropped first.
 */
const MAX_TURNS = 20;
const MAX_TOTAL_CHARS = 16 * 1024;
const MAX_TURN_CHARS = 8000;

export function createConversation() {
  /** @type {Array<{role: 'user'|'assistant', content: string}>} */
  let turns = [];

  return {
    /** A copy, safe to serialise while the next exchange is being recorded. */
    history() {
      return turns.map((t) => ({ ...t }));
    },
    /** Records one finished exchange. @param {string} question @param {string} answer */
    addExchange(question, answer) {
      turns.push({ role: 'user', content: question.slice(0, MAX_TURN_CHARS) });
      turns.push({ role: 'assistant', content: answer.slice(0, MAX_TURN_CHARS) });
      const total = () => turns.reduce((n, t) => n + t.content.length, 0);
      // Drop whole exchanges so the history never starts with an orphaned answer.
      while (turns.length > MAX_TURNS || total() > MAX_TOTAL_CHARS) turns = turns.slice(2);
    },
    clear() {
      turns = [];
    },
    get length() {
      return turns.length;
    },
  };
}
