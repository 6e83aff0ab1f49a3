import { choosePlexServer, createLocalAdmin, getSetupStatus, listPlexServers } from '@medianest/contracts';
import { reply, type ApiRouter } from '../../platform/http/router.js';
import type { CsrfGuard } from './auth.csrf.js';
import type { AuthHttp } from './auth.http.js';
import { toAuthResult, type SessionService } from './auth.sessions.service.js';
import type { SetupService } from './auth.setup.service.js';

export interface SetupRoutesDeps {
  http: AuthHttp;
  csrf: CsrfGuard;
  setup: SetupService;
  sessions: SessionService;
}

/** The first-run wizard: who is admin, and which Plex server. */
export function registerSetupRoutes(router: ApiRouter, deps: SetupRoutesDeps): void {
  const { http, setup } = deps;

  router.handle(getSetupStatus, () => setup.status());

  router.handle(
    createLocalAdmin,
    async ({ req, res, body, ...ctx }) => {
      deps.csrf.checkOrigin(req);
      const admin = await setup.createLocalAdmin(body, http.context(ctx));
      const issued = await deps.sessions.open(admin, 'local', http.context(ctx));
      http.setCookies(req, res, issued);
      return reply(201, toAuthResult(issued, 'cookie'));
    },
    { rateLimit: { name: 'setup', points: 10, durationSeconds: 60, by: 'ip' } },
  );

  router.handle(listPlexServers, async ({ principal }) => ({
    // Only what the page shows: never the servers' access tokens.
    servers: (await setup.ownedServers(principal)).map((server) => ({
      name: server.name,
      machineIdentifier: server.machineIdentifier,
      productVersion: server.productVersion,
      connections: server.connections,
    })),
  }));

  router.handle(choosePlexServer, ({ principal, body, ip, requestId }) =>
    setup.chooseServer(principal, body, { ip, requestId }),
  );
}
