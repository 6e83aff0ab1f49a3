import { permissionsFromBits, type User } from '@medianest/contracts';
import type { UserRow } from './users.tables.js';

/** The API's view of a user row: no password hash, no token, no internal counters. */
export function toUserDto(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    avatarUrl: row.avatarUrl,
    role: row.role,
    permissions: permissionsFromBits(row.permissions),
    source: row.plexId !== null ? 'plex' : 'local',
    plexId: row.plexId,
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}
