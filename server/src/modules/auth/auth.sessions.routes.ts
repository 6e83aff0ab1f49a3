import {
  createApiKey,
  listApiKeys,
  listSessions,
  listUserSessions,
  revokeAllSessions,
  revokeApiKey,
  revokeSession,
  revokeUserSession,
} from '@medianest/contracts';
import { notFound } from '../../platform/http/errors.js';
import { reply, type ApiRouter } from '../../platform/http/router.js';
import type { UsersRepository } from '../users/index.js';
import type { ApiKeyService } from './auth.api-keys.service.js';
import type { AuthHttp } from './auth.http.js';
import type { SessionService } from './auth.sessions.service.js';

export interface SessionRoutesDeps {
  http: AuthHttp;
  users: UsersRepository;
  sessions: SessionService;
  apiKeys: ApiKeyService;
}

/** Devices (mine, and any user's for the admin) and personal API keys. */
export function registerSessionRoutes(router: ApiRouter, deps: SessionRoutesDeps): void {
  const { sessions, apiKeys, http } = deps;

  router.handle(listSessions, async ({ principal }) => ({
    sessions: await sessions.list(principal.userId, principal.sessionId),
  }));

  router.handle(revokeAllSessions, async ({ req, res, query, principal, ip, requestId }) => {
    const keepCurrent = query.keepCurrent === 'true';
    const revoked = await sessions.revokeAll(
      principal.userId,
      { actorUserId: principal.userId, reason: 'sign-out-everywhere', exceptSessionId: keepCurrent ? principal.sessionId : null },
      { ip, requestId },
    );
    if (!keepCurrent && principal.via === 'cookie') http.clearCookies(req, res);
    return { revoked };
  });

  router.handle(revokeSession, async ({ req, res, params, principal, ip, requestId }) => {
    await sessions.revokeOne(principal.userId, params.id, { actorUserId: principal.userId, reason: 'user' }, { ip, requestId });
    if (params.id === principal.sessionId && principal.via === 'cookie') http.clearCookies(req, res);
  });

  router.handle(listUserSessions, async ({ params, principal }) => {
    if (!(await deps.users.findById(params.id))) throw notFound('The user');
    return { sessions: await sessions.list(params.id, principal.sessionId) };
  });

  router.handle(revokeUserSession, async ({ params, principal, ip, requestId }) => {
    await sessions.revokeOne(params.id, params.sessionId, { actorUserId: principal.userId, reason: 'admin' }, { ip, requestId });
  });

  router.handle(listApiKeys, async ({ principal }) => ({ apiKeys: await apiKeys.list(principal.userId) }));

  router.handle(createApiKey, async ({ principal, body, ip, requestId }) =>
    reply(201, await apiKeys.create(principal, body, { ip, requestId })),
  );

  router.handle(revokeApiKey, async ({ principal, params, ip, requestId }) => {
    await apiKeys.revoke(principal, params.id, { ip, requestId });
  });
}
