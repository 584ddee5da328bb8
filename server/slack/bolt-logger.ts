/**
 * Bolt and the Web API client log through @slack/logger's interface; route them into our pino logger
 * so Slack messages share the server's format, level and redaction instead of printing to the console.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

function describe(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) return part.message;
  try {
    return JSON.stringify(part);
  } catch {
    return String(part); // circular structures must not turn a log line into a crash
  }
}

const toMessage = (parts: unknown[]): string => parts.map(describe).join(' ');

export function createBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ lib: 'bolt' }); // not "component": the parent logger already binds that key
  let level: LogLevel = LogLevel.INFO;
  return {
    // Bolt's debug output includes full request bodies; keep it at trace so debug stays readable.
    debug: (...parts: unknown[]) => child.trace(toMessage(parts)),
    info: (...parts: unknown[]) => child.info(toMessage(parts)),
    warn: (...parts: unknown[]) => child.warn(toMessage(parts)),
    error: (...parts: unknown[]) => child.error(toMessage(parts)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
