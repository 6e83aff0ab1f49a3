import type { PlexServerClient } from '../../integrations/plex/index.js';
import type { PlexClientIdentity, PlexTvClient } from '../../integrations/plextv/index.js';
import type { Cache } from '../../platform/cache/cache.js';
import type { Clock } from '../../platform/clock.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { Database } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { RequestAuthenticator } from '../../platform/http/principal.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import type { ApiRouter } from '../../platform/http/router.js';
import type { Logger } from '../../platform/observability/logger.js';
import type { SettingsService } from '../settings/index.js';
import type { PlexAccountDirectory, UserAccessControl, UsersRepository } from '../users/index.js';
import { ApiKeyService } from './auth.api-keys.service.js';
import { Authenticator } from './auth.authenticator.js';
import { CsrfGuard } from './auth.csrf.js';
import { AccessDenylist } from './auth.denylist.js';
import { AuthHttp } from './auth.http.js';
import { SigningKeys } from './auth.keys.js';
import { LocalLoginService } from './auth.local-login.service.js';
import { LoginThrottle } from './auth.login-throttle.js';
import { argon2Hasher, type PasswordHasher } from './auth.passwords.js';
import { PlexLoginService } from './auth.plex-login.service.js';
import { PlexServerConfig } from './auth.plex-server.js';
import { registerAuthRoutes } from './auth.routes.js';
import { registerSessionRoutes } from './auth.sessions.routes.js';
import { SessionService } from './auth.sessions.service.js';
import { registerSetupRoutes } from './auth.setup.routes.js';
import { SetupService } from './auth.setup.service.js';
import { AccessTokens } from './auth.tokens.js';

export interface AuthContextDeps {
  db: Database;
  events: EventBus;
  cache: Cache;
  clock: Clock;
  secrets: SecretBox;
  rateLimiter: RateLimiter;
  logger: Logger;
  users: UsersRepository;
  plexTv: PlexTvClient;
  plexServer: PlexServerClient;
  /** Where the signing keys live (`<dataDir>/auth-keys.json`). */
  dataDir: string;
  publicUrl: string | undefined;
  corsOrigins: () => string[];
  hasher?: PasswordHasher;
  accessTokenTtlSeconds?: number;
}

/**
 * The auth context's service interface: everything another context or process may use. ADR-002
 * extracts auth first; then this becomes a client of the auth service, and other services validate
 * access tokens with the published JWKS alone.
 */
export interface AuthContext {
  /** Resolves the caller of a request (cookie, bearer JWT, API key). */
  readonly authenticator: RequestAuthenticator;
  /** Resolves the caller of a long-lived connection (Socket.IO handshake): access token or cookie. */
  readonly connections: Pick<Authenticator, 'authenticateConnection'>;
  /** For the users context: a change of role, permissions or state takes effect on the next request. */
  readonly accessControl: UserAccessControl;
  /** For the users context: who the Plex server is shared with. */
  readonly plexDirectory: PlexAccountDirectory;
  readonly sessions: SessionService;
  readonly apiKeys: ApiKeyService;
  readonly setup: SetupService;
  readonly plexLogin: PlexLoginService;
  readonly localLogin: LocalLoginService;
  readonly tokens: AccessTokens;
  readonly keys: SigningKeys;
  registerRoutes(router: ApiRouter): void;
  /** Background housekeeping (hourly prune of spent tokens and old sessions); returns the stop function. */
  startMaintenance(): () => Promise<void>;
}

/** The X-Plex-* identity of this install (its client identifier is created once and kept in settings). */
export async function plexClientIdentity(settings: SettingsService, version: string): Promise<PlexClientIdentity> {
  return {
    clientIdentifier: await new PlexServerConfig(settings).clientIdentifier(),
    product: 'MediaNest',
    version,
    platform: 'Node.js',
    device: 'MediaNest server',
  };
}

export async function createAuthContext(deps: AuthContextDeps, settings: SettingsService): Promise<AuthContext> {
  const { db, events, cache, clock, users } = deps;
  const { keys, generated } = await SigningKeys.loadOrCreate(deps.dataDir);
  if (generated) deps.logger.info({ file: keys.file }, 'Generated the access-token signing keys');
  const tokens = new AccessTokens(keys, clock, deps.accessTokenTtlSeconds);
  const denylist = new AccessDenylist(cache, (tokens.ttlSeconds + 60) * 1000);
  const csrf = new CsrfGuard({ secret: keys.csrfSecret, publicUrl: deps.publicUrl, corsOrigins: deps.corsOrigins });
  const hasher = deps.hasher ?? argon2Hasher;
  const sessions = new SessionService({ db, events, clock, users, tokens, denylist, csrf });
  const apiKeys = new ApiKeyService({ db, events, clock, users });
  const server = new PlexServerConfig(settings);
  const setup = new SetupService({
    db,
    events,
    users,
    hasher,
    secrets: deps.secrets,
    server,
    plexTv: deps.plexTv,
    plexServer: deps.plexServer,
  });
  const plexLogin = new PlexLoginService({
    db,
    events,
    cache,
    clock,
    secrets: deps.secrets,
    users,
    sessions,
    setup,
    server,
    plexTv: deps.plexTv,
  });
  const localLogin = new LocalLoginService({
    users,
    sessions,
    hasher,
    throttle: new LoginThrottle(deps.rateLimiter, cache),
    events,
  });
  const http = new AuthHttp(deps.publicUrl, clock);
  // In embedded mode the denylist lives in memory: refill it, or a restart would forget revocations.
  await sessions.rebuildDenylist();

  const authenticator = new Authenticator({ tokens, denylist, csrf, apiKeys });
  return {
    authenticator,
    connections: authenticator,
    accessControl: {
      async accessChanged(userId, authVersion, options) {
        await denylist.setAuthVersion(userId, authVersion);
        if (options.endSessions) {
          await sessions.revokeAll(
            userId,
            { actorUserId: options.actorUserId, reason: 'user-disabled' },
            { ip: options.ip, requestId: options.requestId },
          );
        }
      },
    },
    plexDirectory: { sharedAccounts: () => plexLogin.sharedAccounts() },
    sessions,
    apiKeys,
    setup,
    plexLogin,
    localLogin,
    tokens,
    keys,
    startMaintenance() {
      let running: Promise<unknown> = Promise.resolve();
      const run = () => {
        running = sessions.prune().catch((error: unknown) => deps.logger.warn({ err: error }, 'pruning old sessions failed'));
      };
      run();
      const timer = setInterval(run, 60 * 60 * 1000);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await running;
      };
    },
    registerRoutes(router) {
      registerSetupRoutes(router, { http, csrf, setup, sessions });
      registerAuthRoutes(router, { http, csrf, keys, users, sessions, localLogin, plexLogin });
      registerSessionRoutes(router, { http, users, sessions, apiKeys });
    },
  };
}
