import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { anonymousOwner, ownerResolver } from '../../server/http/middleware/request-owner.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Resolves the owner of a request carrying `cookie`; returns it with the Set-Cookie headers written. */
function resolve(cookie?: string) {
  const setCookies: string[] = [];
  const req = { headers: cookie ? { cookie } : {}, secure: false } as unknown as Request;
  const res = { append: (name: string, value: string) => void (name === 'Set-Cookie' && setCookies.push(value)) } as unknown as Response;
  const owner = ownerResolver(false)(req, res);
  return { owner, setCookies, issued: setCookies[0]?.match(/^cqa_owner=([^;]+);/)?.[1] };
}

describe('anonymous owners', () => {
  afterEach(() => vi.useRealTimers());

  it('issues a new browser an id that starts with its issue time, and stores the hash after that time', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 11, 2, 4, 0, 0, 123));
    const { owner, issued } = resolve();
    const time = Date.UTC(2026, 11, 2, 4, 0, 0, 123).toString(16).padStart(12, '0');
    expect(issued).toMatch(new RegExp(`^${time}\\.[A-Za-z0-9_-]{43}$`));
    expect(owner).toBe(`anon:${time}.${sha256(issued!)}`);
    // The same browser next time: same owner, no new cookie.
    expect(resolve(`other=1; cqa_owner=${issued}`)).toMatchObject({ owner, setCookies: [] });
  });

  it('orders the owners of new browsers by when they came (so their rows append to the owner index)', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const owners: string[] = [];
    for (let i = 0; i < 50; i++) {
      vi.setSystemTime(Date.UTC(2026, 0, 1) + i * 7);
      owners.push(resolve().owner);
    }
    expect([...owners].sort()).toEqual(owners);
    expect(new Set(owners).size).toBe(50);
  });

  it('keeps the owner of an id issued before the time was added (43 random characters)', () => {
    const old = 'A'.repeat(20) + '_-' + 'b'.repeat(21);
    expect(resolve(`cqa_owner=${old}`)).toMatchObject({ owner: `anon:${sha256(old)}`, setCookies: [] });
    expect(anonymousOwner(old)).toBe(`anon:${sha256(old)}`);
  });

  it('replaces a malformed id with a new one', () => {
    for (const bad of ['../../etc', '0123456789ab.short', `0123456789AB.${'a'.repeat(43)}`, 'a'.repeat(44)]) {
      const { owner, issued } = resolve(`cqa_owner=${bad}`);
      expect(issued).toBeDefined();
      expect(owner).toBe(anonymousOwner(issued!));
    }
  });
});
