/**
 * Who owns the conversations a request may see. With API_KEYS each key is its own owner (a SHA-256 of
 * the key is stored, never the key); without keys each browser gets a random id in an HttpOnly,
 * SameSite=Lax cookie (its SHA-256 is stored, so a leaked database reveals no usable cookie).
 */
import { createHash, randomFillSync } from 'node:crypto';
import type { Request, Response } from 'express';
import { bearerToken } from './api-key-auth.js';

export const OWNER_COOKIE = 'cqa_owner';
const COOKIE_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;
/** 32 bytes of randomness, base64url: the only cookie values we accept. */
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * 32 bytes from the CSPRNG per new cookie, drawn from a block filled 128 ids at a time: the same entropy as
 * randomBytes(32), without a call into OpenSSL for every first request (as crypto.randomUUID pools its own).
 */
const ID_BYTES = 32;
const pool = Buffer.alloc(ID_BYTES * 128);
let poolOffset = pool.length;
function newCookieValue(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const value = pool.toString('base64url', poolOffset, poolOffset + ID_BYTES);
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
function setCookieHeader(value: string, secure: boolean): string {
  const now = Date.now();
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

/**
 * `keysConfigured`: API_KEYS is set, so apiKeyAuth has already accepted the bearer key this reads.
 */
export function ownerResolver(keysConfigured: boolean): OwnerResolver {
  return (req, res) => {
    if (keysConfigured) return `key:${sha256(bearerToken(req.headers.authorization) ?? '')}`;
    let id = readCookie(req, OWNER_COOKIE);
    if (!id || !COOKIE_VALUE.test(id)) {
      id = newCookieValue();
      res.append('Set-Cookie', setCookieHeader(id, req.secure));
    }
    return `anon:${sha256(id)}`;
  };
}
