/**
 * Ids for conversations and answers: UUID version 7 (RFC 9562), a millisecond timestamp followed by 74
 * random bits. They sort by creation time, so a new row lands at the right-hand end of every index keyed
 * by them (primary keys, citations by message, messages by conversation) instead of at a random leaf:
 * a batch of answers then dirties a few pages rather than a few per answer, which is most of what a
 * write costs in SQLite's WAL and PostgreSQL's b-trees. 74 random bits keep them unguessable in practice
 * (and reading a conversation needs its owner anyway).
 */
import { randomUUID } from 'node:crypto';

export function timeOrderedId(now: number = Date.now()): string {
  const ms = Math.max(0, Math.floor(now)).toString(16).padStart(12, '0').slice(-12);
  // randomUUID() is "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" (122 random bits, Node's pooled entropy):
  // its first 48 bits become the time and its version digit becomes 7; the variant bits stay as they are.
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${randomUUID().slice(15)}`;
}
