import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';

/** The part of a `pg` Pool this store uses (a Pool or a test double). */
export interface SqlQueryable {
  query<R extends Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

const TABLE = 'rate_limit_hits';

/**
 * express-rate-limit's Store over PostgreSQL, so every replica counts against one budget per client.
 * Fixed windows of `windowMs`: one row per key, reset in the same upsert that counts the hit, so a hit is
 * one round trip and no reader can see a half-reset counter.
 * UNLOGGED table: counters are worth nothing after a database crash, and skipping the WAL keeps a
 * hot key (many requests from one client) from costing a disk flush per request.
 */
export class PgRateLimitStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = 60_000;
  private ready: Promise<void> | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: SqlQueryable,
    options: { prefix?: string } = {},
  ) {
    this.prefix = options.prefix ?? 'rl:';
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
    void this.ensureTable().catch(() => undefined); // retried by the first increment; passOnStoreError lets requests through meanwhile
    // Expired rows are reset in place when their client comes back; the rest are swept now and then.
    clearInterval(this.pruneTimer);
    this.pruneTimer = setInterval(() => void this.prune().catch(() => undefined), Math.max(this.windowMs, 60_000));
    this.pruneTimer.unref();
  }

  private ensureTable(): Promise<void> {
    this.ready ??= this.db
      .query(`create unlogged table if not exists ${TABLE} (key text primary key, hits integer not null, reset_at bigint not null)`)
      .then(() => undefined)
      .catch((error: unknown) => {
        this.ready = undefined;
        // Two replicas creating the table at once: the loser's error is harmless once the table exists.
        if ((error as { code?: string }).code === '23505' || (error as { code?: string }).code === '42P07') return;
        throw error;
      });
    return this.ready;
  }

  private key(key: string): string {
    return this.prefix + key;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    await this.ensureTable();
    const { rows } = await this.db.query<{ hits: number; reset_at: string }>(`select hits, reset_at from ${TABLE} where key = $1 and reset_at > $2`, [
      this.key(key),
      Date.now(),
    ]);
    return rows[0] ? { totalHits: rows[0].hits, resetTime: new Date(Number(rows[0].reset_at)) } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    await this.ensureTable();
    const now = Date.now();
    const { rows } = await this.db.query<{ hits: number; reset_at: string }>(
      `insert into ${TABLE} as t (key, hits, reset_at) values ($1, 1, $2)
       on conflict (key) do update set
         hits = case when t.reset_at <= $3 then 1 else t.hits + 1 end,
         reset_at = case when t.reset_at <= $3 then excluded.reset_at else t.reset_at end
       returning hits, reset_at`,
      [this.key(key), now + this.windowMs, now],
    );
    return { totalHits: rows[0].hits, resetTime: new Date(Number(rows[0].reset_at)) };
  }

  async decrement(key: string): Promise<void> {
    await this.ensureTable();
    await this.db.query(`update ${TABLE} set hits = greatest(hits - 1, 0) where key = $1 and reset_at > $2`, [this.key(key), Date.now()]);
  }

  async resetKey(key: string): Promise<void> {
    await this.ensureTable();
    await this.db.query(`delete from ${TABLE} where key = $1`, [this.key(key)]);
  }

  async resetAll(): Promise<void> {
    await this.ensureTable();
    await this.db.query(`delete from ${TABLE} where key like $1`, [`${this.prefix.replace(/[\\%_]/g, '\\$&')}%`]);
  }

  private async prune(): Promise<void> {
    await this.ensureTable();
    await this.db.query(`delete from ${TABLE} where reset_at <= $1`, [Date.now()]);
  }

  shutdown(): void {
    clearInterval(this.pruneTimer);
  }
}
