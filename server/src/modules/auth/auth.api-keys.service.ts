import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { API_KEY_PREFIX, type ApiKey, type ApiKeyScope } from '@medianest/contracts';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { UsersRepository } from '../users/index.js';
import { ApiKeysRepository } from './auth.api-keys.repository.js';
import { isUnsafeMethod } from './auth.csrf.js';
import './auth.events.js';
import type { ApiKeyRow } from './auth.tables.js';

/** `mnk_<key id, 32 hex>_<secret, 43 base64url>`: the id finds the row, the secret is checked against its hash. */
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}([0-9a-f]{32})_([A-Za-z0-9_-]{43})$`);

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest();
const toUuid = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

const invalidKey = () => new AppError('TOKEN_INVALID', 'The API key is not valid (revoked, expired or mistyped). Create a new one in your profile.');

export function toApiKeyDto(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes as ApiKeyScope[],
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

export interface ApiKeyServiceDeps {
  db: Database;
  events: EventBus;
  clock: Clock;
  users: UsersRepository;
}

/**
 * Personal API keys: created with a name and scopes, shown once, stored as a SHA-256 hash (the secret
 * is 256 random bits, so a slow hash adds nothing), listable, revocable, with the time of last use.
 */
export class ApiKeyService {
  private readonly keys: ApiKeysRepository;
  private readonly touchedAt = new Map<string, number>();

  constructor(private readonly deps: ApiKeyServiceDeps) {
    this.keys = new ApiKeysRepository(deps.db);
  }

  async create(
    principal: Principal,
    input: { name: string; scopes: ApiKeyScope[]; expiresInDays?: number | undefined },
    meta: { ip: string | null; requestId?: string | undefined },
  ): Promise<{ apiKey: ApiKey; secret: string }> {
    const scopes = [...new Set(input.scopes)].sort();
    if (scopes.includes('admin') && principal.role !== 'admin') {
      throw forbidden('Only an administrator can create a key with the admin scope.');
    }
    if (principal.via === 'api-key') throw forbidden('An API key cannot create other API keys. Sign in to create one.');
    const now = this.deps.clock.now();
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const key = `${API_KEY_PREFIX}${id.replaceAll('-', '')}_${secret}`;
    const row = await inTransaction(
      this.deps.db,
      this.deps.events,
      async (tx, pending) => {
        const created = await this.keys.with(tx).create({
          id,
          userId: principal.userId,
          name: input.name,
          scopes,
          prefix: key.slice(0, API_KEY_PREFIX.length + 8),
          secretHash: hashSecret(secret).toString('base64url'),
          createdAt: now,
          expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
        });
        pending.add('apiKey.created', { apiKeyId: id, userId: principal.userId, name: input.name, scopes, ip: meta.ip });
        return created;
      },
      meta.requestId,
    );
    return { apiKey: toApiKeyDto(row), secret: key };
  }

  async list(userId: string): Promise<ApiKey[]> {
    return (await this.keys.listActive(userId)).map(toApiKeyDto);
  }

  async revoke(principal: Principal, id: string, meta: { ip: string | null; requestId?: string | undefined }): Promise<void> {
    const revoked = await inTransaction(
      this.deps.db,
      this.deps.events,
      async (tx, pending) => {
        const row = await this.keys.with(tx).revoke(principal.userId, id, this.deps.clock.now());
        if (row) pending.add('apiKey.revoked', { apiKeyId: id, userId: row.userId, actorUserId: principal.userId, ip: meta.ip });
        return row;
      },
      meta.requestId,
    );
    if (!revoked) throw notFound('The API key');
  }

  /** The caller behind an API key, or TOKEN_INVALID / USER_DISABLED / FORBIDDEN. */
  async authenticate(key: string, method: string): Promise<Principal> {
    const match = KEY_PATTERN.exec(key);
    if (!match) throw invalidKey();
    const row = await this.keys.find(toUuid(match[1]!));
    const now = this.deps.clock.now();
    const expected = row ? Buffer.from(row.secretHash, 'base64url') : Buffer.alloc(32);
    const given = hashSecret(match[2]!);
    const secretMatches = expected.length === given.length && timingSafeEqual(expected, given);
    if (!row || !secretMatches || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) {
      throw invalidKey();
    }
    const user = await this.deps.users.findById(row.userId);
    if (!user) throw invalidKey();
    if (user.disabledAt !== null) throw new AppError('USER_DISABLED', 'The account this API key belongs to is disabled.');
    if (isUnsafeMethod(method) && !row.scopes.includes('write') && !row.scopes.includes('admin')) {
      throw forbidden('This API key may only read (scope "read"). Create a key with the "write" scope to make changes.');
    }
    // Last use is kept to the minute: skip the write when this process recorded one within the minute.
    const touched = this.touchedAt.get(row.id) ?? 0;
    if (now.getTime() - touched >= 60_000) {
      this.touchedAt.set(row.id, now.getTime());
      if (this.touchedAt.size > 10_000) this.touchedAt.clear();
      await this.keys.touch(row.id, now);
    }
    return {
      userId: user.id,
      // Without the admin scope, an admin's key acts as an ordinary user holding the admin's permissions.
      role: row.scopes.includes('admin') ? user.role : 'user',
      permissions: user.permissions,
      sessionId: null,
      apiKeyId: row.id,
      via: 'api-key',
    };
  }
}
