/**
 * "A crash or SIGKILL mid-conversation loses nothing that was acknowledged", under group commit: a child
 * process keeps 16 conversations going at once (so turns share batches), prints each turn once appendTurn
 * has resolved (the point where the server sends the answer), and is SIGKILLed mid-stream. Every printed
 * turn must be in the database, on SQLite and on PostgreSQL. It also caught issue 12: the group-commit writer
 * chained batches in promise callbacks, so the child's event loop starved and its acknowledgements stopped
 * (tests/unit/batched-turn-writer.test.ts pins that down deterministically).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openStorage } from '../../server/storage/storage.js';
import { BACKENDS } from '../helpers/storage-backends.js';

const WRITERS = 16;

describe.each(BACKENDS)('a SIGKILLed writer on $name', (backend) => {
  it.skipIf(!backend.available)('keeps every acknowledged turn of concurrent conversations', { timeout: 30_000 }, async () => {
    const opened = await backend.open();
    try {
      const script = `
        const { openStorage } = await import(${JSON.stringify(path.resolve('server/storage/storage.ts'))});
        const s = await openStorage(${JSON.stringify(opened.target)});
        await Promise.all(Array.from({ length: ${WRITERS} }, async (_, w) => {
          for (let i = 0; ; i++) {
            const cite = { n: 1, docId: 'd', source: 'd.txt', title: 'D', start: i, end: i + 1, quote: 'q' };
            // Half the writers continue one conversation, half start a minted one per turn (the common batch).
            const conversation = w % 2 ? { id: 'c' + w, title: 't', source: 'cli' } : { id: 'c' + w + '-' + i, title: 't', source: 'web', minted: true };
            await s.conversations.appendTurn('o', conversation, { messageId: 'm' + w + '-' + i, question: 'q', answer: 'a [1]', answered: true, degraded: false, citations: [cite], createdAt: i });
            process.stdout.write('ack m' + w + '-' + i + '\\n');
          }
        }));`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      // Also when the test fails or times out: a writer left running fills the disk with its WAL.
      onTestFinished(() => void child.kill('SIGKILL'));
      // Listened for from the start and never removed: the kill below must be seen to finish. (The test used to
      // removeAllListeners('exit') on every chunk past 400 acks, so a chunk that arrived after the kill also
      // removed the listener awaiting the exit, and the test hung — a second cause of issue 12's time-outs.)
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      const acked = new Set<string>();
      let buffered = '';
      await new Promise<void>((resolve, reject) => {
        void exited.then((code) => reject(new Error(`the writer exited early (${code})`)));
        const onData = (d: Buffer) => {
          buffered += d.toString();
          const lines = buffered.split('\n');
          buffered = lines.pop()!;
          for (const line of lines) if (line.startsWith('ack ')) acked.add(line.slice(4));
          if (acked.size >= 400) {
            child.stdout.off('data', onData); // later chunks are not counted: only what was seen before the kill
            child.kill('SIGKILL');
            resolve();
          }
        };
        child.stdout.on('data', onData);
      });
      await exited;
      const storage = await openStorage(opened.target);
      try {
        const stored = new Set<string>();
        for (const c of await storage.conversations.list('o', { limit: 1_000_000 })) for (const t of (await storage.conversations.get('o', c.id))!.items) stored.add(t.messageId);
        expect([...acked].filter((id) => !stored.has(id))).toEqual([]);
      } finally {
        await storage.close();
      }
    } finally {
      await opened.cleanup();
    }
  });
});
