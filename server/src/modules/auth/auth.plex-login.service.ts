import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DEFAULT_USER_PERMISSIONS } from '@medianest/contracts';
import { z } from 'zod';
import type { PlexTvAccount, PlexTvClient } from '../../integrations/plextv/index.js';
import type { Cache } from '../../platform/cache/cache.js';
import type { Clock } from '../../platform/clock.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { PlexSharedAccount, UserRow, UsersRepository } from '../users/index.js';
import './auth.events.js';
import type { PlexServerConfig } from './auth.plex-server.js';
import type { IssuedSession, RequestContext, SessionService } from './auth.sessions.service.js';
import type { SetupService } from './auth.setup.service.js';

const PinRecord = z.object({
  plexPinId: z.number(),
  code: z.string(),
  expiresAt: z.string(),
  /** SHA-256 of the browser's binding secret (the mn_pin cookie). */
  binding: z.string(),
  next: z.string(),
  tokenDelivery: z.enum(['cookie', 'body']),
});
type PinRecord = z.infer<typeof PinRecord>;

export type PinPoll =
  | { status: 'pending'; expiresAt: Date }
  | { status: 'expired' }
  | { status: 'approved'; session: IssuedSession; next: string; tokenDelivery: 'cookie' | 'body' };

export interface PlexLoginDeps {
  db: Database;
  events: EventBus;
  cache: Cache;
  clock: Clock;
  secrets: SecretBox;
  users: UsersRepository;
  sessions: SessionService;
  setup: SetupService;
  server: PlexServerConfig;
  plexTv: PlexTvClient;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Sign-in with Plex (the PIN flow) and the check that decides who gets in: the owner of the configured
 * Plex server and the accounts it is shared with. Anyone else gets NOT_A_SERVER_USER.
 */
export class PlexLoginService {
  constructor(private readonly deps: PlexLoginDeps) {}

  private pinKey = (id: string) => `auth:plex-pin:${id}`;

  /** A new binding secret for the mn_pin cookie, unless the browser already has one. */
  static bindingSecret(existing: string | undefined): string {
    return existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing) ? existing : randomBytes(24).toString('base64url');
  }

  async createPin(input: {
    origin: string;
    next: string;
    bindingSecret: string;
    tokenDelivery: 'cookie' | 'body';
  }): Promise<{ id: string; expiresAt: Date; authUrl: string; popupAuthUrl: string }> {
    const pin = await this.deps.plexTv.createPin();
    const id = randomBytes(18).toString('base64url');
    const record: PinRecord = {
      plexPinId: pin.id,
      code: pin.code,
      expiresAt: pin.expiresAt.toISOString(),
      binding: sha256(input.bindingSecret),
      next: input.next,
      tokenDelivery: input.tokenDelivery,
    };
    const ttl = Math.max(pin.expiresAt.getTime() - this.deps.clock.now().getTime(), 1000);
    await this.deps.cache.set(this.pinKey(id), record, ttl);
    const forwardUrl = `${input.origin}/signin?pin=${encodeURIComponent(id)}`;
    return {
      id,
      expiresAt: pin.expiresAt,
      authUrl: this.deps.plexTv.authUrl(pin.code, forwardUrl),
      popupAuthUrl: this.deps.plexTv.authUrl(pin.code),
    };
  }

  /** Asks plex.tv whether the PIN was approved; on approval signs the account in (once). */
  async poll(id: string, bindingSecret: string | undefined, ctx: RequestContext): Promise<PinPoll> {
    const record = PinRecord.safeParse(await this.deps.cache.get(this.pinKey(id)));
    // Unknown, and known-but-started-by-another-browser, look the same: nothing to learn by guessing ids.
    if (!record.success || !bindingSecret || !sameText(record.data.binding, sha256(bindingSecret))) {
      throw notFound('This Plex sign-in (it may have expired or been used already; start again)');
    }
    const pin = await this.deps.plexTv.getPin(record.data.plexPinId);
    if (!pin) {
      await this.deps.cache.delete(this.pinKey(id));
      return { status: 'expired' };
    }
    if (!pin.authToken) return { status: 'pending', expiresAt: pin.expiresAt };
    // Two polls may see the approval at once; only one completes the sign-in.
    if (!(await this.deps.cache.setIfAbsent(`${this.pinKey(id)}:claimed`, 1, 60_000))) {
      return { status: 'pending', expiresAt: pin.expiresAt };
    }
    await this.deps.cache.delete(this.pinKey(id));
    const session = await this.signIn(pin.authToken, ctx);
    return { status: 'approved', session, next: record.data.next, tokenDelivery: record.data.tokenDelivery };
  }

  /** Signs in the Plex account behind a token: the first admin during setup, else a server user. */
  async signIn(plexToken: string, ctx: RequestContext): Promise<IssuedSession> {
    const account = await this.deps.plexTv.getAccount(plexToken);
    const sealedToken = this.deps.secrets.seal(plexToken);
    const profile = {
      plexUuid: account.uuid,
      displayName: account.title,
      email: account.email,
      avatarUrl: account.thumb,
      plexTokenSealed: sealedToken,
    };
    let user = await this.deps.users.findByPlexId(account.id);
    const madeFirstAdmin = !user && !(await this.deps.users.hasAdmin()) ? await this.firstAdmin(account, profile, ctx) : undefined;
    if (madeFirstAdmin) {
      user = madeFirstAdmin;
    } else if (user) {
      if (user.disabledAt !== null) {
        await this.failed(account, user.id, 'disabled', ctx);
        throw new AppError('USER_DISABLED', 'Your account is disabled. Ask the administrator of this MediaNest.');
      }
      // MediaNest admins always get in (to repair the setup); everyone else must still have access.
      if (user.role !== 'admin') await this.assertServerUser(account, user.id, ctx);
      user = (await this.deps.users.update(user.id, profile)) ?? user;
    } else {
      await this.assertServerUser(account, null, ctx);
      user = await this.createServerUser(account, profile, ctx);
    }
    return this.deps.sessions.open(user, 'plex', ctx);
  }

  /** The first admin, unless someone else became it a moment earlier (then this account is checked as usual). */
  private async firstAdmin(
    account: PlexTvAccount,
    profile: { plexUuid: string | null; displayName: string; email: string | null; avatarUrl: string | null; plexTokenSealed: string },
    ctx: RequestContext,
  ): Promise<UserRow | undefined> {
    try {
      return await this.deps.setup.createFirstAdmin({ ...profile, plexId: account.id, username: account.username }, ctx);
    } catch (error) {
      if (error instanceof AppError && error.code === 'SETUP_ALREADY_DONE') return undefined;
      throw error;
    }
  }

  private async createServerUser(
    account: PlexTvAccount,
    profile: { plexUuid: string | null; displayName: string; email: string | null; avatarUrl: string | null; plexTokenSealed: string },
    ctx: RequestContext,
  ): Promise<UserRow> {
    return inTransaction(
      this.deps.db,
      this.deps.events,
      async (tx, pending) => {
        const users = this.deps.users.with(tx);
        const row = await users.create({
          ...profile,
          plexId: account.id,
          username: await users.freeUsername(account.username),
          role: 'user',
          permissions: DEFAULT_USER_PERMISSIONS,
        });
        pending.add('user.created', { userId: row.id, username: row.username, role: 'user', via: 'plex-login', actorUserId: null, ip: ctx.ip });
        return row;
      },
      ctx.requestId,
    );
  }

  private async assertServerUser(account: PlexTvAccount, userId: string | null, ctx: RequestContext): Promise<void> {
    const server = await this.deps.server.get();
    if (!server) {
      await this.failed(account, userId, 'setup-incomplete', ctx);
      throw new AppError('SETUP_REQUIRED', 'MediaNest is not connected to a Plex server yet. The administrator has to finish the setup first.');
    }
    if (server.ownerPlexId === account.id) return;
    const shared = await this.sharedAccounts();
    if (shared.some((candidate) => candidate.plexId === account.id)) return;
    await this.failed(account, userId, 'not-a-server-user', ctx);
    throw new AppError(
      'NOT_A_SERVER_USER',
      `The Plex account "${account.username}" does not have access to the Plex server "${server.name}", so it cannot use this MediaNest. Ask the server's owner to share the server with you, then sign in again.`,
    );
  }

  /** Accounts the configured server is shared with (plex.tv users list, matched on machine identifier). */
  async sharedAccounts(): Promise<PlexSharedAccount[]> {
    const server = await this.deps.server.get();
    if (!server) {
      throw new AppError('SETUP_REQUIRED', 'Choose the Plex server first (Admin → Setup), then import its users.');
    }
    const ownerToken = await this.deps.server.ownerToken();
    if (!ownerToken) {
      throw new AppError(
        'CONFLICT',
        "MediaNest has no plex.tv token of the server's owner, so it cannot read who the server is shared with. Choose the server again from your Plex account.",
      );
    }
    const users = await this.deps.plexTv.getSharedUsers(ownerToken);
    return users
      .filter((user) => user.id !== server.ownerPlexId && user.serverMachineIdentifiers.includes(server.machineIdentifier))
      .map((user) => ({ plexId: user.id, uuid: user.uuid, username: user.username, title: user.title, email: user.email, thumb: user.thumb }));
  }

  private failed(
    account: PlexTvAccount,
    userId: string | null,
    reason: 'disabled' | 'not-a-server-user' | 'setup-incomplete',
    ctx: RequestContext,
  ): Promise<void> {
    return this.deps.events.publish(
      'user.loginFailed',
      { method: 'plex', username: account.username, userId, reason, ip: ctx.ip },
      ctx.requestId ? { requestId: ctx.requestId } : {},
    );
  }
}
