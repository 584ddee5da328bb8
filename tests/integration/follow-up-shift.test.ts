import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestServices, type TestServices } from '../helpers/build-test-services.js';

let t: TestServices;
beforeAll(async () => {
  t = await buildTestServices();
});
afterAll(() => t.cleanup());

const ask = (q: string, history: { role: 'user' | 'assistant'; content: string }[] = []) => t.services.answerService.answerQuestion(q, history);

// A follow-up carries the previous turn's words (follow-up-weights.json); a question that changes the subject must
// not be pulled back to the previous turn's sentences by them.
describe('a conversation that changes the subject', () => {
  const losses = [
    { role: 'user' as const, content: '摩尔线程2022到2024年一共亏了多少?' },
    { role: 'assistant' as const, content: '摩尔线程2022年至2024年归母净利润分别为-18.40亿元、-16.73亿元和-14.92亿元,3年累计亏损约50亿元。[1]' },
  ];

  for (const q of ['私募大佬葛卫东在沐曦股份的股东里排第几?', '沐曦股份创始人是谁?']) {
    it(`"${q}" after an unrelated turn cites what it cites when asked alone`, async () => {
      const alone = await ask(q);
      const after = await ask(q, losses);
      expect(after.answered).toBe(alone.answered);
      expect(after.citations[0]?.quote).toBe(alone.citations[0]?.quote);
    });
  }
});
