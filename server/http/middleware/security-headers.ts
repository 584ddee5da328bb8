import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The Content-Security-Policy the chat page runs under: scripts, styles and fetches only from this origin,
 * no inline script or style, images from this origin or data: URLs, never framed (clickjacking).
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  connectSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** helmet's defaults (nosniff, frame denial, referrer policy, CORP/COOP, …) plus the strict CSP above. */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
