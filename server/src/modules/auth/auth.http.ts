import type { Request, Response } from 'express';
import type { Clock } from '../../platform/clock.js';
import { clearSessionCookies, isSecureRequest, setSessionCookies } from './auth.cookies.js';
import type { IssuedSession, RequestContext } from './auth.sessions.service.js';

/** What the auth routes share: how to read the request's origin and write or clear session cookies. */
export class AuthHttp {
  constructor(
    private readonly publicUrl: string | undefined,
    private readonly clock: Clock,
  ) {}

  /** MediaNest's own origin: the public URL when configured, else what the request was addressed to. */
  origin(req: Request): string {
    if (this.publicUrl) return new URL(this.publicUrl).origin;
    return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  }

  secure(req: Request): boolean {
    return isSecureRequest(req, this.publicUrl);
  }

  context(ctx: { ip: string; userAgent: string; requestId: string }): RequestContext {
    return { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId };
  }

  setCookies(req: Request, res: Response, issued: IssuedSession): void {
    setSessionCookies(res, issued, this.secure(req), this.clock.now());
  }

  clearCookies(req: Request, res: Response): void {
    clearSessionCookies(res, this.secure(req));
  }
}
