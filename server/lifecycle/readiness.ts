import type { ServicesHolder } from '../core/services.js';

export type CheckState = 'ok' | 'failing' | 'not_configured';

export interface ReadinessReport {
  ready: boolean;
  checks: { index: CheckState; database: CheckState; draining: boolean };
  /** The shared index version this replica serves (with DATABASE_URL). */
  indexVersion?: number;
  /** Why it is not ready, for the operator (no internals: no paths, no stack). */
  reasons: string[];
}

export interface ReadinessOptions {
  holder: ServicesHolder;
  /** A round trip to the shared database; absent when there is none. */
  pingDatabase?: () => Promise<void>;
  /** True once SIGTERM started the drain: balancers should stop sending new requests. */
  draining?: () => boolean;
  indexVersion?: () => number | undefined;
  /** A database slower than this counts as unreachable (a probe must answer fast). */
  pingTimeoutMs?: number;
}

export type Readiness = () => Promise<ReadinessReport>;

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/**
 * Readiness for load balancers (GET /api/health/ready), separate from liveness (GET /api/health): a live
 * process may still be unfit for traffic — no index loaded yet, the shared database unreachable, or draining.
 */
export function createReadiness({ holder, pingDatabase, draining, indexVersion, pingTimeoutMs = 1000 }: ReadinessOptions): Readiness {
  return async () => {
    const reasons: string[] = [];
    const index: CheckState = holder.current ? 'ok' : 'failing';
    if (index === 'failing') reasons.push('no index is loaded yet');
    let database: CheckState = 'not_configured';
    if (pingDatabase) {
      database = await withTimeout(pingDatabase(), pingTimeoutMs).then(
        () => 'ok' as const,
        () => 'failing' as const,
      );
      if (database === 'failing') reasons.push('the shared database is unreachable');
    }
    const isDraining = draining?.() ?? false;
    if (isDraining) reasons.push('shutting down');
    const version = indexVersion?.();
    return {
      ready: reasons.length === 0,
      checks: { index, database, draining: isDraining },
      ...(version !== undefined ? { indexVersion: version } : {}),
      reasons,
    };
  };
}
