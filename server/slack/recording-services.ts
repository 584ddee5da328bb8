/**
 * Slack answers are stored like the page's: each thread (or /ask command) is a conversation, owned by
 * its channel, so the report sees Slack questions and the 👍/👎 buttons have a messageId to point at.
 * The history still comes from the Slack thread itself; only the id ties the turns together.
 */
import type { ConversationService } from '../core/conversation-service.js';
import type { Services, ServicesHolder } from '../core/services.js';

export interface SlackConversationRef {
  channel: string;
  /** The thread's ts (or a command's unique id): one conversation per thread. */
  key: string;
}

export function recordingServices(holder: ServicesHolder, conversations: ConversationService, ref: SlackConversationRef): ServicesHolder {
  return {
    // Read per question like the plain holder, so an index reload is picked up.
    get current(): Services | undefined {
      const services = holder.current;
      if (!services) return undefined;
      return {
        ...services,
        answerService: {
          answerQuestion: (question, history = [], options) =>
            conversations.ask(
              { owner: `slack:${ref.channel}`, conversationId: `slack:${ref.channel}:${ref.key}`, createIfMissing: true, question, history, source: 'slack' },
              services.answerService,
              options,
            ),
        },
      };
    },
  };
}
