import { DEFAULT_USER_PERMISSIONS } from '@medianest/contracts';
import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** People who can sign in: the owner (admin) and those the Plex server is shared with. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** plex.tv account id; null for a local-only account. */
    plexId: bigint('plex_id', { mode: 'number' }),
    plexUuid: text('plex_uuid'),
    username: text('username').notNull(),
    email: text('email'),
    displayName: text('display_name'),
    avatarUrl: text('avatar_url'),
    role: text('role', { enum: ['admin', 'user'] })
      .notNull()
      .default('user'),
    permissions: integer('permissions').notNull().default(DEFAULT_USER_PERMISSIONS),
    /** argon2id hash, only for local accounts. */
    passwordHash: text('password_hash'),
    /** The user's Plex token, sealed with the SecretBox (AES-256-GCM). */
    plexTokenSealed: text('plex_token_sealed'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /**
     * Bumped whenever what the user may do changes (role, permissions, disabled). Access tokens carry
     * the version they were issued under; an older one is refused at once and must be refreshed.
     */
    authVersion: integer('auth_version').notNull().default(0),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_plex_id_key').on(t.plexId),
    uniqueIndex('users_username_lower_key').on(sql`lower(${t.username})`),
    index('users_role_idx').on(t.role),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
