import type { Services } from '../../server/core/services.js';
import type { AskResult } from '../../server/core/types.js';
import {
  citeSentence,
  corpusDocument,
  fakeServices,
  scriptedAnswerService,
  splitIntoDeltas,
  type FakeDocument,
  type ScriptedAnswerService,
  type ScriptedReply,
} from '../helpers/fake-services.js';

/**
 * Scripted answers for the chat-page tests, standing in for the retrieval core.
 * Citations are real sentence spans of the real article (and of a hostile extra document).
 */

export const XSS_PAYLOAD = '<img src=x onerror=alert(1)>';

export const XSS_DOCUMENT: FakeDocument = {
  docId: 'xss-sample',
  source: 'xss-sample.txt',
  title: '示例公司简介 <b>not bold</b>',
  date: null,
  text: `示例公司简介 <b>not bold</b>\n\n示例公司的吉祥物名叫 ${XSS_PAYLOAD},它在 2024 年首次亮相。这句话里的 <script>alert(2)</script> 也必须原样显示。\n`,
};

export interface FakeChat {
  services: Services;
  answerService: ScriptedAnswerService;
}

export function fakeChatServices(): FakeChat {
  const article = corpusDocument();
  const reply = (answer: string, citations: AskResult['citations'], delayMs = 40): ScriptedReply => ({
    deltas: splitIntoDeltas(answer, 8),
    result: { answer, answered: true, citations },
    delayMs,
  });

  const answerService = scriptedAnswerService((question, history) => {
    if (question.includes('估值')) {
      return reply('截至 2025 年 3 月最后一轮融资,沐曦股份的估值已达 210.71 亿元 [1]。', [
        citeSentence(article, '210.71 亿元', 1),
      ]);
    }
    if (question.includes('那摩尔线程呢') && history.length > 0) {
      return reply('摩尔线程的股东数量多达 86 个 [1]。', [citeSentence(article, '股东数量多达 86 个', 1)]);
    }
    if (question.includes('吉祥物')) {
      return reply(`示例公司的吉祥物名叫 ${XSS_PAYLOAD} [1]。`, [citeSentence(XSS_DOCUMENT, XSS_PAYLOAD, 1)]);
    }
    if (question.includes('慢')) {
      return { ...reply('这是一个很长很长的回答。'.repeat(10), []), deltas: splitIntoDeltas('慢'.repeat(100), 100), delayMs: 150 };
    }
    const answer = '文章中没有提到这个问题。';
    return { deltas: [answer], result: { answer, answered: false, citations: [] }, delayMs: 20 };
  });

  return { services: fakeServices(answerService, [article, XSS_DOCUMENT]), answerService };
}
