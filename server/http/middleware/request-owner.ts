/**
 * Who owns the conversations a request may see. With API_KEYS each key is its own owner (a SHA-256 of
 * the key is stored, never the key); without keys each browser gets a random id in an HttpOnly,
 * SameSite=Lax cookie (its SHA-256 is stored, so a leaked database reveals no usable cookie).
 *
 * The id starts with the time it was issued, and so does the stored owner: a new browser's conversation
 * then lands at the right-hand end of the owner index (owner, updated_at) instead of at a random leaf,
 * which was a third of the CPU SQLite spent writing a new browser's first answer (issue 12:
 * tests/bench/turn-write-cost.ts, 33 → 22 µs per turn). Ids issued before this (43 random characters, no
 * time) keep their owner.
 */
import { hash, randomFillSync } from 'node:crypto';
import type { Request, Response } from 'express';
import { bearerToken } from './api-key-auth.js';

export const OWNER_COOKIE = 'cqa_owner';
const COOKIE_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;
/**
 * The only cookie values we accept: the issue time (milliseconds, 12 hex digits) and 32 bytes of randomness
 * (base64url), or the random part alone (ids issued before the time was added).
 */
const COOKIE_VALUE = /^(?:([0-9a-f]{12})\.)?[A-Za-z0-9_-]{43}$/;

// The one-shot hash: a third of the CPU of createHash().update().digest() (no Hash object per request).
const sha256 = (s: string) => hash('sha256', s, 'hex');

/**
 * 32 bytes from the CSPRNG per new cookie, drawn from a block filled 128 ids at a time: the same entropy as
 * randomBytes(32), without a call into OpenSSL for every first request (as crypto.randomUUID pools its own).
 */
const ID_BYTES = 32;
const pool = Buffer.alloc(ID_BYTES * 128);
let poolOffset = pool.length;
function newCookieValue(now: number): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const value = `${issueTime(now)}.${pool.toString('base64url', poolOffset, poolOffset + ID_BYTES)}`;
  // Used bytes are wiped so no id is ever in memory longer than its response needs it.
  pool.fill(0, poolOffset, poolOffset + ID_BYTES);
  poolOffset += ID_BYTES;
  return value;
}

/**
 * The Set-Cookie header, as express's res.cookie would write it (Max-Age, Path, Expires, HttpOnly, Secure,
 * SameSite), built from a template: the value is known to be URL-safe, and Expires changes once a second.
 */
let expires = { second: -1, text: '' };
function setCookieHeader(value: string, secure: boolean, now: number): string {
  const second = Math.floor(now / 1000);
  if (second !== expires.second) expires = { second, text: new Date(second * 1000 + COOKIE_MAX_AGE_MS).toUTCString() };
  return `${OWNER_COOKIE}=${value}; Max-Age=${COOKIE_MAX_AGE_MS / 1000}; Path=/; Expires=${expires.text}; HttpOnly${secure ? '; Secure' : ''}; SameSite=Lax`;
}

function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export type OwnerResolver = (req: Request, res: Response) => string;

/** 12 hex digits of milliseconds since the epoch: they sort as the times do (until the year 10889). */
const issueTime = (now: number) => Math.floor(now).toString(16).padStart(12, '0');

/**
 * The stored owner of an accepted cookie value: its SHA-256, after the value's issue time when it has one
 * (so owners sort by when their browser first came).
 */
export function anonymousOwner(cookieValue: string): string {
  const time = COOKIE_VALUE.exec(cookieValue)?.[1];
  return time ? `anon:${time}.${sha256(cookieValue)}` : `anon:${sha256(cookieValue)}`;
}

/**
 * `keysConfigured`: API_KEYS is set, so apiKeyAuth has already accepted the bearer key this reads.
 */
export function ownerResolver(keysConfigured: boolean): OwnerResolver {
  return (req, res) => {
    if (keysConfigured) return `key:${sha256(bearerToken(req.headers.authorization) ?? '')}`;
    const id = readCookie(req, OWNER_COOKIE);
    if (id && COOKIE_VALUE.test(id)) return anonymousOwner(id);
    const now = Date.now();
    const issued = newCookieValue(now);
    res.append('Set-Cookie', setCookieHeader(issued, req.secure, now));
    return anonymousOwner(issued);
  };
}
