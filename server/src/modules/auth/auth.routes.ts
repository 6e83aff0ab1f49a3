import {
  AUTH_COOKIES,
  createPlexPin,
  getJwks,
  getMe,
  localLogin,
  logout,
  pollPlexPin,
  refreshSession,
} from '@medianest/contracts';
import { AppError, unauthenticated } from '../../platform/http/errors.js';
import { reply, type ApiRouter } from '../../platform/http/router.js';
import { toUserDto, type UsersRepository } from '../users/index.js';
import { cookiesOf, PIN_COOKIE_PATH } from './auth.cookies.js';
import type { CsrfGuard } from './auth.csrf.js';
import type { AuthHttp } from './auth.http.js';
import type { SigningKeys } from './auth.keys.js';
import type { LocalLoginService } from './auth.local-login.service.js';
import { PlexLoginService } from './auth.plex-login.service.js';
import { toAuthResult, type SessionService } from './auth.sessions.service.js';

export interface AuthRoutesDeps {
  http: AuthHttp;
  csrf: CsrfGuard;
  keys: SigningKeys;
  users: UsersRepository;
  sessions: SessionService;
  localLogin: LocalLoginService;
  plexLogin: PlexLoginService;
}

/** Sign-in (Plex PIN, local), refresh, sign-out, who-am-I and the public keys. */
export function registerAuthRoutes(router: ApiRouter, deps: AuthRoutesDeps): void {
  const { http, csrf } = deps;

  router.handle(
    createPlexPin,
    async ({ req, res, body }) => {
      csrf.checkOrigin(req);
      const bindingSecret = PlexLoginService.bindingSecret(cookiesOf(req)[AUTH_COOKIES.pinBinding]);
      const pin = await deps.plexLogin.createPin({
        origin: http.origin(req),
        next: body.next ?? '/',
        bindingSecret,
        tokenDelivery: body.tokenDelivery,
      });
      res.cookie(AUTH_COOKIES.pinBinding, bindingSecret, {
        httpOnly: true,
        sameSite: 'lax',
        secure: http.secure(req),
        path: PIN_COOKIE_PATH,
        maxAge: Math.max(pin.expiresAt.getTime() - Date.now(), 60_000),
      });
      return reply(201, { ...pin, expiresAt: pin.expiresAt.toISOString() });
    },
    { rateLimit: { name: 'plex-pin-create', points: 10, durationSeconds: 60, by: 'ip' } },
  );

  router.handle(
    pollPlexPin,
    async ({ req, res, params, ...ctx }) => {
      const result = await deps.plexLogin.poll(params.id, cookiesOf(req)[AUTH_COOKIES.pinBinding], http.context(ctx));
      if (result.status === 'pending') return { status: 'pending' as const, expiresAt: result.expiresAt.toISOString() };
      if (result.status === 'expired') return { status: 'expired' as const };
      if (result.tokenDelivery === 'cookie') http.setCookies(req, res, result.session);
      return { status: 'approved' as const, session: toAuthResult(result.session, result.tokenDelivery), next: result.next };
    },
    { rateLimit: { name: 'plex-pin-poll', points: 120, durationSeconds: 60, by: 'ip' } },
  );

  router.handle(
    localLogin,
    async ({ req, res, body, ...ctx }) => {
      csrf.checkOrigin(req);
      const issued = await deps.localLogin.login(body.username, body.password, http.context(ctx));
      if (body.tokenDelivery === 'cookie') http.setCookies(req, res, issued);
      return toAuthResult(issued, body.tokenDelivery);
    },
    { rateLimit: { name: 'login', points: 30, durationSeconds: 60, by: 'ip' } },
  );

  router.handle(
    refreshSession,
    async ({ req, res, body, ...ctx }) => {
      const fromCookie = cookiesOf(req)[AUTH_COOKIES.refresh];
      const token = body.refreshToken ?? fromCookie;
      if (!token) throw unauthenticated('There is no refresh token: sign in again.');
      const delivery = body.refreshToken ? 'body' : 'cookie';
      if (delivery === 'cookie') csrf.checkOrigin(req);
      try {
        const issued = await deps.sessions.refresh(token, http.context(ctx));
        if (delivery === 'cookie') http.setCookies(req, res, issued);
        return toAuthResult(issued, delivery);
      } catch (error) {
        // A refresh that cannot succeed ends the browser's session, so the page goes to sign-in.
        if (delivery === 'cookie' && error instanceof AppError && error.status < 500) http.clearCookies(req, res);
        throw error;
      }
    },
    { rateLimit: { name: 'refresh', points: 120, durationSeconds: 60, by: 'ip' } },
  );

  router.handle(logout, async ({ req, res, body, principal, ...ctx }) => {
    csrf.checkOrigin(req);
    await deps.sessions.logout(
      { sessionId: principal?.sessionId, refreshToken: body.refreshToken ?? cookiesOf(req)[AUTH_COOKIES.refresh] },
      http.context(ctx),
    );
    http.clearCookies(req, res);
  });

  router.handle(getMe, async ({ principal }) => {
    const user = await deps.users.findById(principal.userId);
    if (!user) throw unauthenticated('Your account no longer exists.');
    return {
      user: toUserDto(user),
      sessionId: principal.sessionId,
      via: principal.via,
      csrfToken: principal.sessionId ? csrf.tokenFor(principal.sessionId) : null,
    };
  });

  router.handle(getJwks, ({ res }) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    return { keys: deps.keys.jwks() };
  });
}
