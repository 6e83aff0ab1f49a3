import { createHmac, timingSafeEqual } from 'node:crypto';
import { AUTH_COOKIES, CSRF_HEADER } from '@medianest/contracts';
import type { Request } from 'express';
import { AppError } from '../../platform/http/errors.js';
import { readCookies } from './auth.cookies.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const isUnsafeMethod = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

const sameBytes = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

function originOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return 'invalid';
  }
}

export interface CsrfOptions {
  secret: Buffer;
  publicUrl: string | undefined;
  /** Other origins the admin allows to call the API from a browser (MEDIANEST_CORS_ORIGINS). */
  corsOrigins: () => string[];
}

/**
 * CSRF protection for requests authenticated by cookie (a bearer token is never sent by a browser on
 * its own, so it needs none):
 * 1. the Origin (or, lacking it, the Referer) must be MediaNest's own origin or an allowed one;
 * 2. double submit: the X-CSRF-Token header must equal the mn_csrf cookie, and that value must be the
 *    HMAC of the session id, so a cookie planted by a sibling subdomain does not pass either.
 */
export class CsrfGuard {
  constructor(private readonly options: CsrfOptions) {}

  /** The token of a session: stable for the session's life, so every tab agrees on it. */
  tokenFor(sessionId: string): string {
    return createHmac('sha256', this.options.secret).update(`csrf:${sessionId}`).digest('base64url');
  }

  /** Refuses a cross-site request by its Origin or Referer; sign-in endpoints call this too. */
  checkOrigin(req: Request): void {
    this.checkOriginOf(req.headers.origin ?? originOf(req.headers.referer), req.get('host'), req.protocol);
  }

  /** The same check for a connection that is not an Express request (a Socket.IO handshake). */
  checkOriginOf(origin: string | undefined, host: string | undefined, protocol: string): void {
    if (origin === undefined) return;
    if (this.allowedOrigins(host, protocol).has(origin)) return;
    throw new AppError(
      'CSRF_FAILED',
      `This request came from another site (${origin}) and was refused. Open MediaNest at its own address and try again.`,
    );
  }

  check(req: Request, sessionId: string): void {
    this.checkOrigin(req);
    const header = req.header(CSRF_HEADER);
    const cookie = readCookies(req.headers.cookie)[AUTH_COOKIES.csrf];
    if (!header || !cookie || !sameBytes(header, cookie) || !sameBytes(header, this.tokenFor(sessionId))) {
      throw new AppError(
        'CSRF_FAILED',
        `The request is missing its security token (${CSRF_HEADER} header). Reload the page and try again.`,
      );
    }
  }

  private allowedOrigins(host: string | undefined, protocol: string): Set<string> {
    const allowed = new Set(this.options.corsOrigins());
    if (host) allowed.add(`${protocol}://${host}`);
    const configured = originOf(this.options.publicUrl);
    if (configured) allowed.add(configured);
    return allowed;
  }
}
