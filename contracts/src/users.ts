import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { permissionNames, Role } from './permissions.js';

/** An ISO-8601 timestamp as it travels over the wire. */
export const Timestamp = z.iso.datetime({ offset: true });

export const PermissionNameSchema = z.enum(permissionNames);

/** A person who can sign in, as the API shows them (never a hash or a token). */
export const User = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string().nullable(),
    email: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    role: Role,
    /** Permission names the user holds; an admin holds all of them implicitly. */
    permissions: z.array(PermissionNameSchema),
    /** `plex`: signs in with a Plex account; `local`: a local account with a password. */
    source: z.enum(['plex', 'local']),
    plexId: z.number().int().nullable(),
    disabled: z.boolean(),
    createdAt: Timestamp,
    lastLoginAt: Timestamp.nullable(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

const UserId = z.object({ id: z.uuid({ error: 'must be a user id' }) });

export const UserListQuery = z.object({
  /** Matches username, display name or email, case-insensitively. */
  q: z.string().trim().max(100).optional(),
  role: Role.optional(),
  status: z.enum(['active', 'disabled', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const listUsers = defineEndpoint({
  method: 'get',
  path: '/users',
  summary: 'List and search users',
  tags: ['users'],
  access: { kind: 'user', permission: 'MANAGE_USERS' },
  query: UserListQuery,
  responses: { 200: z.object({ users: z.array(User), total: z.number().int() }) },
});

export const getUser = defineEndpoint({
  method: 'get',
  path: '/users/:id',
  summary: 'One user',
  tags: ['users'],
  access: { kind: 'user', permission: 'MANAGE_USERS' },
  params: UserId,
  responses: { 200: User },
});

export const UpdateUserBody = z
  .object({
    /** Only an administrator may change a role. */
    role: Role.optional(),
    permissions: z.array(PermissionNameSchema).optional(),
    /** true ends every session of the user at once. */
    disabled: z.boolean().optional(),
  })
  .refine((body) => body.role !== undefined || body.permissions !== undefined || body.disabled !== undefined, {
    error: 'send at least one of role, permissions or disabled',
  });

export const updateUser = defineEndpoint({
  method: 'patch',
  path: '/users/:id',
  summary: "Change a user's role, permissions, or disable them",
  tags: ['users'],
  access: { kind: 'user', permission: 'MANAGE_USERS' },
  params: UserId,
  body: UpdateUserBody,
  responses: { 200: User },
});

/** Someone the Plex server is shared with, from plex.tv's list of the owner's users. */
export const PlexImportCandidate = z
  .object({
    plexId: z.number().int(),
    username: z.string(),
    email: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    /** The MediaNest user already made from this account, if any. */
    userId: z.uuid().nullable(),
  })
  .meta({ id: 'PlexImportCandidate' });
export type PlexImportCandidate = z.infer<typeof PlexImportCandidate>;

export const listPlexImportCandidates = defineEndpoint({
  method: 'get',
  path: '/users/plex-import',
  summary: 'The Plex accounts the server is shared with, and which are already users',
  tags: ['users'],
  access: { kind: 'admin' },
  responses: { 200: z.object({ candidates: z.array(PlexImportCandidate) }) },
});

export const importPlexUsers = defineEndpoint({
  method: 'post',
  path: '/users/plex-import',
  summary: 'Create users for Plex accounts the server is shared with',
  description: 'Accounts that are not shared the configured server are refused; existing users are left as they are.',
  tags: ['users'],
  access: { kind: 'admin' },
  body: z.object({ plexIds: z.array(z.number().int().positive()).min(1).max(500) }),
  responses: { 200: z.object({ imported: z.array(User) }) },
});

export const usersEndpoints = [
  listUsers,
  listPlexImportCandidates,
  importPlexUsers,
  getUser,
  updateUser,
] as const;
