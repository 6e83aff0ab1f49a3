import { API_KEY_PREFIX, AUTH_COOKIES } from '@medianest/contracts';
import type { Request } from 'express';
import { AppError } from '../../platform/http/errors.js';
import type { Principal, RequestAuthenticator } from '../../platform/http/principal.js';
import type { ApiKeyService } from './auth.api-keys.service.js';
import { readCookies } from './auth.cookies.js';
import { isUnsafeMethod, type CsrfGuard } from './auth.csrf.js';
import type { AccessDenylist } from './auth.denylist.js';
import { tokenExpired, type AccessTokens } from './auth.tokens.js';

export interface AuthenticatorDeps {
  tokens: AccessTokens;
  denylist: AccessDenylist;
  csrf: CsrfGuard;
  apiKeys: Pick<ApiKeyService, 'authenticate'>;
}

/**
 * Resolves the caller of every request:
 * - `Authorization: Bearer <access JWT>` or `Bearer mnk_…` (a personal API key);
 * - else the `mn_access` cookie, with CSRF checks on unsafe methods;
 * - else nobody (null).
 * A token of a revoked session, or issued before the user's access changed, is refused at once
 * (denylist), so disabling a user or revoking a session takes effect on the next request.
 */
export class Authenticator implements RequestAuthenticator {
  constructor(private readonly deps: AuthenticatorDeps) {}

  async authenticate(req: Request): Promise<Principal | null> {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) {
        throw new AppError('TOKEN_INVALID', 'Send credentials as "Authorization: Bearer <access token or API key>".');
      }
      const credential = match[1]!;
      if (credential.startsWith(API_KEY_PREFIX)) return this.deps.apiKeys.authenticate(credential, req.method);
      return this.fromAccessToken(credential, 'bearer');
    }
    const cookie = readCookies(req.headers.cookie)[AUTH_COOKIES.access];
    if (!cookie) return null;
    const principal = await this.fromAccessToken(cookie, 'cookie');
    if (isUnsafeMethod(req.method)) this.deps.csrf.check(req, principal.sessionId!);
    return principal;
  }

  private async fromAccessToken(token: string, via: 'cookie' | 'bearer'): Promise<Principal> {
    const claims = await this.deps.tokens.verify(token);
    const refusal = await this.deps.denylist.check(claims.userId, claims.sessionId, claims.authVersion);
    if (refusal === 'session-revoked') {
      throw new AppError('UNAUTHENTICATED', 'You were signed out on this device. Sign in again.');
    }
    // The user's role or permissions changed since the token was issued: a refresh issues a current one.
    if (refusal === 'stale') throw tokenExpired();
    return {
      userId: claims.userId,
      role: claims.role,
      permissions: claims.permissions,
      sessionId: claims.sessionId,
      apiKeyId: null,
      via,
    };
  }
}
