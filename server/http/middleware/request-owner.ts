/**
 * Who owns the conversations a request may see. With API_KEYS each key is its own owner (a SHA-256 of
 * the key is stored, never the key); without keys each browser gets a random id in an HttpOnly,
 * SameSite=Lax cookie (its SHA-256 is stored, so a leaked database reveals no usable cookie).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { bearerToken } from '../api-key-auth.js';

export const OWNER_COOKIE = 'cqa_owner';
const COOKIE_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;
/** 32 bytes of randomness, base64url: the only cookie values we accept. */
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

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
      id = randomBytes(32).toString('base64url');
      res.cookie(OWNER_COOKIE, id, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: COOKIE_MAX_AGE_MS });
    }
    return `anon:${sha256(id)}`;
  };
}
