/**
 * A bounded map whose entries expire: memory stays flat however many events arrive,
 * and the oldest entry is evicted first when full (Map keeps insertion order).
 */
export interface TtlCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  /** Stores `key` and returns true only the first time it is seen within the TTL. */
  claim(key: string, value: V): boolean;
  readonly size: number;
}

export interface TtlCacheOptions {
  maxEntries: number;
  ttlMs: number;
  clock: () => number;
}

export function createTtlCache<V>({ maxEntries, ttlMs, clock }: TtlCacheOptions): TtlCache<V> {
  const entries = new Map<string, { value: V; expiresAt: number }>();

  const get = (key: string): V | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= clock()) {
      entries.delete(key);
      return undefined;
    }
    return entry.value;
  };

  const set = (key: string, value: V): void => {
    entries.delete(key);
    entries.set(key, { value, expiresAt: clock() + ttlMs });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value as string;
      entries.delete(oldest);
    }
  };

  return {
    get,
    set,
    claim(key, value) {
      if (get(key) !== undefined) return false;
      set(key, value);
      return true;
    },
    get size() {
      return entries.size;
    },
  };
}
