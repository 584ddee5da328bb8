/**
 * Whether storage is working, as /api/health reports it. Persistence failures never fail an answer;
 * they are logged and make the service "degraded" until the next successful operation.
 */
export interface PersistenceHealth {
  succeeded(): void;
  failed(operation: string, error: unknown): void;
  snapshot(): { status: 'ok' | 'degraded'; lastFailure?: { operation: string; at: string; message: string } };
}

export function createPersistenceHealth(clock: () => number = Date.now): PersistenceHealth {
  let lastFailure: { operation: string; at: number; message: string } | undefined;
  let degraded = false;
  return {
    succeeded() {
      degraded = false;
    },
    failed(operation, error) {
      degraded = true;
      // Only the kind of failure, never connection strings or row contents.
      const code = (error as { code?: unknown })?.code;
      lastFailure = { operation, at: clock(), message: typeof code === 'string' ? code : error instanceof Error ? error.name : 'error' };
    },
    snapshot() {
      return {
        status: degraded ? 'degraded' : 'ok',
        ...(lastFailure ? { lastFailure: { operation: lastFailure.operation, at: new Date(lastFailure.at).toISOString(), message: lastFailure.message } } : {}),
      };
    },
  };
}
