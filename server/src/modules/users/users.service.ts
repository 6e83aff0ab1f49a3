import {
  bitsFromPermissions,
  DEFAULT_USER_PERMISSIONS,
  permissionsFromBits,
  type PermissionName,
  type PlexImportCandidate,
  type Role,
  type User,
  type UserListQuery,
} from '@medianest/contracts';
import type { z } from 'zod';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import './users.events.js';
import { toUserDto } from './users.presenter.js';
import { UsersRepository } from './users.repository.js';

/**
 * What the users context needs from auth when a user's access changes: the new auth version takes
 * effect on the next request, and a disabled user's sessions end. Implemented by the auth context.
 */
export interface UserAccessControl {
  accessChanged(
    userId: string,
    authVersion: number,
    options: { endSessions: boolean; actorUserId: string; ip: string | null; requestId?: string | undefined },
  ): Promise<void>;
}

/** A Plex account the configured server is shared with. */
export interface PlexSharedAccount {
  plexId: number;
  uuid: string | null;
  username: string;
  /** The name people know the account by. */
  title: string;
  email: string | null;
  thumb: string | null;
}

/** The shared-users list of the configured Plex server (plex.tv). Implemented by the auth context. */
export interface PlexAccountDirectory {
  sharedAccounts(): Promise<PlexSharedAccount[]>;
}

export interface RequestMeta {
  ip: string | null;
  requestId?: string | undefined;
}

export interface UserUpdate {
  role?: Role | undefined;
  permissions?: PermissionName[] | undefined;
  disabled?: boolean | undefined;
}

/** Admin operations on users: search, role and permissions, disable, import from Plex. */
export class UsersService {
  private readonly repo: UsersRepository;

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly access: UserAccessControl,
    private readonly plex: PlexAccountDirectory,
  ) {
    this.repo = new UsersRepository(db);
  }

  async list(query: z.output<typeof UserListQuery>): Promise<{ users: User[]; total: number }> {
    const { rows, total } = await this.repo.list(query);
    return { users: rows.map(toUserDto), total };
  }

  async get(id: string): Promise<User> {
    const row = await this.repo.findById(id);
    if (!row) throw notFound('The user');
    return toUserDto(row);
  }

  async update(actor: Principal, id: string, change: UserUpdate, meta: RequestMeta): Promise<User> {
    const result = await inTransaction(
      this.db,
      this.events,
      async (tx, pending) => {
        const repo = this.repo.with(tx);
        const target = await repo.findById(id);
        if (!target) throw notFound('The user');
        this.checkAllowed(actor, target.id, target.role, target.permissions, change);

        const roleChanged = change.role !== undefined && change.role !== target.role;
        const bits = change.permissions ? bitsFromPermissions(change.permissions) : target.permissions;
        const permissionsChanged = bits !== target.permissions;
        const wasDisabled = target.disabledAt !== null;
        const disabledChanged = change.disabled !== undefined && change.disabled !== wasDisabled;
        if (!roleChanged && !permissionsChanged && !disabledChanged) return { row: target, changed: false, disabledNow: false };

        const losesAdmin = target.role === 'admin' && (change.role === 'user' || change.disabled === true);
        if (losesAdmin && target.disabledAt === null && (await repo.countAdmins()) <= 1) {
          throw new AppError('CONFLICT', 'This is the last administrator. Make someone else an administrator first.');
        }

        const row = await repo.update(id, {
          ...(roleChanged ? { role: change.role } : {}),
          ...(permissionsChanged ? { permissions: bits } : {}),
          ...(disabledChanged ? { disabledAt: change.disabled ? new Date() : null } : {}),
          bumpAuthVersion: true,
        });
        const base = { userId: id, actorUserId: actor.userId, ip: meta.ip };
        if (roleChanged) pending.add('user.roleChanged', { ...base, from: target.role, to: change.role! });
        if (permissionsChanged) {
          pending.add('user.permissionsChanged', {
            ...base,
            from: permissionsFromBits(target.permissions),
            to: permissionsFromBits(bits),
          });
        }
        if (disabledChanged) pending.add(change.disabled ? 'user.disabled' : 'user.enabled', base);
        return { row: row!, changed: true, disabledNow: disabledChanged && change.disabled === true };
      },
      meta.requestId,
    );
    if (result.changed) {
      await this.access.accessChanged(id, result.row.authVersion, {
        endSessions: result.disabledNow,
        actorUserId: actor.userId,
        ip: meta.ip,
        requestId: meta.requestId,
      });
    }
    return toUserDto(result.row);
  }

  /**
   * Admins may change anything but their own role and enabled state. Holders of MANAGE_USERS may
   * change the permissions and enabled state of non-admins, granting only permissions they hold.
   */
  private checkAllowed(actor: Principal, targetId: string, targetRole: Role, targetBits: number, change: UserUpdate): void {
    const self = actor.userId === targetId;
    if (self && change.disabled === true) throw new AppError('CONFLICT', 'You cannot disable your own account.');
    if (self && change.role !== undefined && change.role !== targetRole) {
      throw new AppError('CONFLICT', 'You cannot change your own role. Ask another administrator.');
    }
    if (actor.role === 'admin') return;
    if (change.role !== undefined && change.role !== targetRole) throw forbidden('Only an administrator can change roles.');
    if (targetRole === 'admin') throw forbidden('Only an administrator can change another administrator.');
    if (self) throw forbidden('Ask an administrator to change your own permissions.');
    if (change.permissions) {
      const granted = bitsFromPermissions(change.permissions) & ~targetBits;
      if ((granted & ~actor.permissions) !== 0) {
        throw forbidden('You can only grant permissions you hold yourself.');
      }
    }
  }

  async plexImportCandidates(): Promise<PlexImportCandidate[]> {
    const accounts = await this.plex.sharedAccounts();
    const existing = new Map((await this.repo.findByPlexIds(accounts.map((a) => a.plexId))).map((u) => [u.plexId, u.id]));
    return accounts.map((account) => ({
      plexId: account.plexId,
      username: account.username,
      email: account.email,
      avatarUrl: account.thumb,
      userId: existing.get(account.plexId) ?? null,
    }));
  }

  /** Creates users for the chosen accounts that the server is shared with; returns the new users. */
  async importFromPlex(actor: Principal, plexIds: number[], meta: RequestMeta): Promise<User[]> {
    const accounts = await this.plex.sharedAccounts();
    const wanted = new Set(plexIds);
    const unknown = plexIds.filter((id) => !accounts.some((a) => a.plexId === id));
    if (unknown.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `The Plex server is not shared with ${unknown.length === 1 ? 'account' : 'accounts'} ${unknown.join(', ')}. Reload the list and try again.`,
        unknown.map((id) => ({ path: 'body.plexIds', message: `${id} is not a user of the Plex server` })),
      );
    }
    const created = await inTransaction(
      this.db,
      this.events,
      async (tx, pending) => {
        const repo = this.repo.with(tx);
        const existing = new Set((await repo.findByPlexIds(plexIds)).map((u) => u.plexId));
        const rows = [];
        for (const account of accounts) {
          if (!wanted.has(account.plexId) || existing.has(account.plexId)) continue;
          const row = await repo.create({
            plexId: account.plexId,
            plexUuid: account.uuid,
            username: await repo.freeUsername(account.username),
            email: account.email,
            displayName: account.title,
            avatarUrl: account.thumb,
            role: 'user',
            permissions: DEFAULT_USER_PERMISSIONS,
          });
          pending.add('user.created', {
            userId: row.id,
            username: row.username,
            role: row.role,
            via: 'plex-import',
            actorUserId: actor.userId,
            ip: meta.ip,
          });
          rows.push(row);
        }
        return rows;
      },
      meta.requestId,
    );
    return created.map(toUserDto);
  }
}
