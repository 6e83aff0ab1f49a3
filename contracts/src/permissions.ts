import { z } from 'zod';

/**
 * Permission bits a user can hold. Admins hold every bit implicitly.
 * The numbers are stored in the database, so a bit is never reused for another meaning.
 */
export const Permission = {
  REQUEST: 1 << 0,
  REQUEST_4K: 1 << 1,
  AUTO_APPROVE: 1 << 2,
  DOWNLOAD: 1 << 3,
  MANAGE_REQUESTS: 1 << 4,
  MANAGE_USERS: 1 << 5,
  MANAGE_SETTINGS: 1 << 6,
} as const;
export type PermissionName = keyof typeof Permission;
export const permissionNames = Object.keys(Permission) as [PermissionName, ...PermissionName[]];
export const ALL_PERMISSIONS = Object.values(Permission).reduce((all, bit) => all | bit, 0);

/** What a new user signing in for the first time may do. */
export const DEFAULT_USER_PERMISSIONS = Permission.REQUEST | Permission.DOWNLOAD;

export const Role = z.enum(['admin', 'user']);
export type Role = z.infer<typeof Role>;

export function hasPermission(role: Role, bits: number, needed: PermissionName): boolean {
  return role === 'admin' || (bits & Permission[needed]) !== 0;
}

export function permissionsFromBits(bits: number): PermissionName[] {
  return permissionNames.filter((name) => (bits & Permission[name]) !== 0);
}

export function bitsFromPermissions(names: readonly PermissionName[]): number {
  return names.reduce((bits, name) => bits | Permission[name], 0);
}
