/**
 * `npm run ask -- --chat`: an interactive session in the terminal. Each question is asked inside one
 * stored conversation (owner "cli:<user>"), so follow-ups ("那沐曦呢?") use the earlier turns, and the
 * questions show up in the report. `/new` starts a new conversation, `/exit` or Ctrl-D quits.
 * Works the same with piped stdin (one question per line), which is how the tests drive it.
 */
import os from 'node:os';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createPersistence } from '../core/persistence.js';
import type { AnswerService, AskResult, HistoryTurn } from '../core/types.js';
import { historyFromTurns } from '../core/conversation-service.js';
import { silentLogger } from '../logger.js';
import type { Storage } from '../storage/storage.js';

export interface ChatSessionDeps {
  answerService: AnswerService;
  /** Without storage the history is kept in memory for this session only. */
  storage?: Storage;
  input: Readable;
  output: Writable;
  /** Resume this stored conversation. */
  conversationId?: string;
  owner?: string;
}

export function formatAnswer(result: AskResult): string {
  const lines = [result.answer];
  if (result.citations.length) {
    lines.push('', 'Sources:');
    for (const c of result.citations) lines.push(`  [${c.n}] ${c.source} @${c.start}-${c.end}: ${c.quote}`);
  }
  return lines.join('\n');
}

export async function runChatSession(deps: ChatSessionDeps): Promise<void> {
  const { answerService, storage, output } = deps;
  const owner = deps.owner ?? `cli:${os.userInfo().username}`;
  const persistence = storage ? createPersistence(storage, silentLogger()) : undefined;
  const say = (s: string) => output.write(`${s}\n`);
  const interactive = Boolean((deps.input as { isTTY?: boolean }).isTTY);
  const rl = readline.createInterface({ input: deps.input, output: interactive ? output : undefined, terminal: interactive });

  let conversationId = deps.conversationId;
  let memory: HistoryTurn[] = [];
  if (conversationId && storage) {
    const found = await storage.conversations.get(owner, conversationId);
    if (!found) throw new Error(`No conversation ${conversationId} for ${owner}.`);
    memory = historyFromTurns(found.items);
    say(`Resuming "${found.title}" (${found.items.length} turns).`);
  }
  say('Ask about the documents; follow-up questions use the conversation. /new starts over, /exit quits.');
  const prompt = () => interactive && rl.prompt();
  rl.setPrompt('? ');
  prompt();

  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/exit' || line === '/quit') break;
    if (line === '/new') {
      conversationId = undefined;
      memory = [];
      say('New conversation.');
      prompt();
      continue;
    }
    if (!line) {
      prompt();
      continue;
    }
    try {
      if (persistence) {
        const result = await persistence.conversations.ask({ owner, question: line, conversationId, history: memory, source: 'cli' }, answerService);
        conversationId = result.conversationId;
        say(formatAnswer(result));
      } else {
        const result = await answerService.answerQuestion(line, memory);
        memory = [...memory, { role: 'user' as const, content: line }, { role: 'assistant' as const, content: result.answer }].slice(-20);
        say(formatAnswer(result));
      }
    } catch (error) {
      say(`Error: ${error instanceof Error ? error.message : String(error)}`);
    }
    say('');
    prompt();
  }
  rl.close();
  if (conversationId) say(`Conversation ${conversationId} (resume with: npm run ask -- --chat --conversation ${conversationId})`);
}
