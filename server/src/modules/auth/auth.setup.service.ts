import { ALL_PERMISSIONS, type PlexServerSummary, type SetupStatus } from '@medianest/contracts';
import { sql } from 'drizzle-orm';
import type { PlexServerClient } from '../../integrations/plex/index.js';
import type { PlexTvClient, PlexTvServer } from '../../integrations/plextv/index.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { Database } from '../../platform/db/database.js';
import { inTransaction, type PendingEvents, type Transaction } from '../../platform/db/unit-of-work.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { AppError } from '../../platform/http/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { NewUserRow, UserRow, UsersRepository } from '../users/index.js';
import './auth.events.js';
import type { PasswordHasher } from './auth.passwords.js';
import type { PlexServerConfig, StoredPlexServer } from './auth.plex-server.js';
import type { RequestContext } from './auth.sessions.service.js';

export interface SetupServiceDeps {
  db: Database;
  events: EventBus;
  users: UsersRepository;
  hasher: PasswordHasher;
  secrets: SecretBox;
  server: PlexServerConfig;
  plexTv: PlexTvClient;
  plexServer: PlexServerClient;
}

const summary = (server: StoredPlexServer): PlexServerSummary => ({
  name: server.name,
  machineIdentifier: server.machineIdentifier,
  url: server.url,
  version: server.version,
});

/**
 * First-run setup: the first person to sign in becomes the admin (with Plex, or a local account when
 * plex.tv is unreachable), then chooses the Plex server MediaNest serves.
 */
export class SetupService {
  constructor(private readonly deps: SetupServiceDeps) {}

  async status(): Promise<SetupStatus> {
    if (!(await this.deps.users.hasAdmin())) return { state: 'needs-admin', server: null };
    const server = await this.deps.server.get();
    return server ? { state: 'complete', server: summary(server) } : { state: 'needs-server', server: null };
  }

  /**
   * Creates the first admin, unless one exists (SETUP_ALREADY_DONE). Serialised with an advisory lock so
   * two people racing through a fresh install cannot both become admin.
   */
  async createFirstAdmin(values: NewUserRow, ctx: Pick<RequestContext, 'ip' | 'requestId'>): Promise<UserRow> {
    return inTransaction(
      this.deps.db,
      this.deps.events,
      async (tx, pending) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('medianest:first-admin'))`);
        const users = this.deps.users.with(tx);
        if (await users.hasAdmin()) {
          throw new AppError('SETUP_ALREADY_DONE', 'MediaNest is already set up. Sign in instead.');
        }
        return this.insertAdmin(tx, pending, values, 'setup', null, ctx.ip);
      },
      ctx.requestId,
    );
  }

  async createLocalAdmin(
    input: { username: string; password: string; displayName?: string | undefined },
    ctx: Pick<RequestContext, 'ip' | 'requestId'>,
  ): Promise<UserRow> {
    if (await this.deps.users.hasAdmin()) throw new AppError('SETUP_ALREADY_DONE', 'MediaNest is already set up. Sign in instead.');
    return this.createFirstAdmin(
      {
        username: input.username,
        displayName: input.displayName ?? input.username,
        passwordHash: await this.deps.hasher.hash(input.password),
      },
      ctx,
    );
  }

  /**
   * `medianest admin create`: a local admin made by whoever runs the CLI on the server (trusted: they
   * already hold the data directory). Works whether or not an admin exists.
   */
  async createAdminFromCli(username: string, password: string): Promise<UserRow> {
    const passwordHash = await this.deps.hasher.hash(password);
    return inTransaction(this.deps.db, this.deps.events, async (tx, pending) => {
      if (await this.deps.users.with(tx).findByUsername(username)) {
        throw new AppError('CONFLICT', `A user named "${username}" exists already. Choose another name, or reset its password with "medianest admin password ${username}".`);
      }
      return this.insertAdmin(tx, pending, { username, displayName: username, passwordHash }, 'cli', null, null);
    });
  }

  /** `medianest admin password`: sets a new password for a local account. */
  async setPasswordFromCli(username: string, password: string): Promise<UserRow> {
    const user = await this.deps.users.findByUsername(username);
    if (!user) throw new AppError('NOT_FOUND', `There is no user named "${username}".`);
    const updated = await this.deps.users.update(user.id, { passwordHash: await this.deps.hasher.hash(password) });
    return updated!;
  }

  private async insertAdmin(
    tx: Transaction,
    pending: PendingEvents,
    values: NewUserRow,
    via: 'setup' | 'cli',
    actorUserId: string | null,
    ip: string | null,
  ): Promise<UserRow> {
    const row = await this.deps.users.with(tx).create({ ...values, role: 'admin', permissions: ALL_PERMISSIONS });
    pending.add('user.created', { userId: row.id, username: row.username, role: 'admin', via, actorUserId, ip });
    return row;
  }

  /** The servers the admin's Plex account owns (setup step 2). */
  async ownedServers(principal: Principal): Promise<PlexTvServer[]> {
    const token = await this.plexTokenOf(principal.userId);
    return (await this.deps.plexTv.getServers(token)).filter((server) => server.owned);
  }

  /**
   * Sets the Plex server, either chosen from the admin's plex.tv resources or given as a URL and token.
   *
   * The URL + token form is the one place MediaNest fetches an address a client supplied, with a token
   * attached. It is safe because: only an admin may call it; the token sent is the one the admin typed
   * in the same request (never a stored token, never another user's); the only requests are the PMS
   * `/identity` (no token) and `/` (that token), and redirects are refused, so nothing is forwarded.
   */
  async chooseServer(
    principal: Principal,
    choice: { machineIdentifier: string } | { url: string; token: string },
    ctx: Pick<RequestContext, 'ip' | 'requestId'>,
  ): Promise<PlexServerSummary> {
    let stored: StoredPlexServer;
    let via: 'resources' | 'url';
    if ('machineIdentifier' in choice) {
      via = 'resources';
      stored = await this.fromResources(principal, choice.machineIdentifier);
    } else {
      via = 'url';
      stored = await this.fromUrl(principal, choice.url, choice.token);
    }
    await this.deps.events.publish(
      'plex.serverConfigured',
      { machineIdentifier: stored.machineIdentifier, name: stored.name, actorUserId: principal.userId, via, ip: ctx.ip },
      ctx.requestId ? { requestId: ctx.requestId } : {},
    );
    return summary(stored);
  }

  private async fromResources(principal: Principal, machineIdentifier: string): Promise<StoredPlexServer> {
    const ownerToken = await this.plexTokenOf(principal.userId);
    const servers = await this.deps.plexTv.getServers(ownerToken);
    const server = servers.find((s) => s.owned && s.machineIdentifier === machineIdentifier);
    if (!server) {
      throw new AppError('NOT_FOUND', 'Your Plex account does not own a server with that identifier. Reload the list and choose again.');
    }
    const token = server.accessToken ?? ownerToken;
    const owner = await this.deps.plexTv.getAccount(ownerToken);
    // plex.tv lists several addresses; keep the first that answers as this very server.
    for (const connection of server.connections) {
      try {
        const identity = await this.deps.plexServer.identity(connection.uri);
        if (identity.machineIdentifier !== server.machineIdentifier) continue;
        return this.deps.server.save(
          {
            url: connection.uri,
            machineIdentifier: server.machineIdentifier,
            name: server.name,
            version: identity.version ?? server.productVersion,
            ownerPlexId: owner.id,
          },
          { serverToken: token, ownerToken },
          principal.userId,
        );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
    }
    throw new AppError(
      'UPSTREAM_UNAVAILABLE',
      `None of the addresses plex.tv lists for "${server.name}" answered from here. Enter the server's URL and token instead.`,
      { service: 'Plex Media Server', tried: server.connections.map((c) => c.uri) },
    );
  }

  private async fromUrl(principal: Principal, url: string, token: string): Promise<StoredPlexServer> {
    const identity = await this.deps.plexServer.identity(url);
    const info = await this.deps.plexServer.serverInfo(url, token);
    if (info.machineIdentifier !== identity.machineIdentifier) {
      throw new AppError('UPSTREAM_BAD_RESPONSE', 'The server at that URL answered with two different identities. Check the URL.');
    }
    // The token is usually the owner's plex.tv token too; if plex.tv accepts it, it reads the shared-users list.
    let ownerPlexId: number | null = null;
    let ownerToken: string | null = null;
    try {
      ownerPlexId = (await this.deps.plexTv.getAccount(token)).id;
      ownerToken = token;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
    if (ownerPlexId === null) {
      const admin = await this.deps.users.findById(principal.userId);
      if (admin?.plexTokenSealed) {
        ownerToken = this.deps.secrets.open(admin.plexTokenSealed);
        ownerPlexId = admin.plexId;
      }
    }
    return this.deps.server.save(
      {
        url: url.replace(/\/+$/, ''),
        machineIdentifier: identity.machineIdentifier,
        name: info.friendlyName ?? 'Plex Media Server',
        version: info.version ?? identity.version,
        ownerPlexId,
      },
      { serverToken: token, ownerToken },
      principal.userId,
    );
  }

  private async plexTokenOf(userId: string): Promise<string> {
    const user = await this.deps.users.findById(userId);
    if (!user?.plexTokenSealed) {
      throw new AppError(
        'CONFLICT',
        'Your account is not linked to Plex, so MediaNest cannot list your servers. Sign in with Plex, or enter the server URL and token.',
      );
    }
    return this.deps.secrets.open(user.plexTokenSealed);
  }
}
