/**
 * What adapters need to keep conversations: the storage, the conversation service over it, and the
 * health that /api/health reports. Built once at an entry point.
 */
import type { Logger } from 'pino';
import { createPersistenceHealth, type PersistenceHealth } from '../storage/persistence-health.js';
import type { Storage } from '../storage/storage.js';
import { createConversationService, type ConversationService } from './conversation-service.js';

export interface Persistence {
  storage: Storage;
  conversations: ConversationService;
  health: PersistenceHealth;
  clock: () => number;
}

export function createPersistence(storage: Storage, logger: Logger, clock: () => number = Date.now): Persistence {
  const health = createPersistenceHealth(clock);
  return { storage, health, clock, conversations: createConversationService({ conversations: storage.conversations, health, logger, clock }) };
}

/** Storage status for /api/health: a live round trip (bounded), folded into the recent failures. */
export async function storageHealth(p: Persistence, timeoutMs = 1000): Promise<{ status: 'ok' | 'degraded'; dialect: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      p.storage.ping(),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('storage ping timed out')), timeoutMs);
      }),
    ]);
    p.health.succeeded();
  } catch (error) {
    p.health.failed('health ping', error);
  } finally {
    clearTimeout(timer);
  }
  return { status: p.health.snapshot().status, dialect: p.storage.dialect };
}
