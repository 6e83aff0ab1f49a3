import type { Role } from '@medianest/contracts';
import type { Request } from 'express';

/** Who is calling, once authenticated. */
export interface Principal {
  userId: string;
  role: Role;
  /** Permission bitmask (see `Permission` in contracts). */
  permissions: number;
  /** The device session behind a cookie or access token; null for API keys. */
  sessionId: string | null;
  /** Set when the call is made with a personal API key. */
  apiKeyId: string | null;
  via: 'cookie' | 'bearer' | 'api-key';
}

/**
 * Resolves the caller of a request. The auth context provides the real one; until it is wired,
 * `anonymousOnly` treats every caller as signed out. It may throw an AppError (expired token, CSRF).
 */
export interface RequestAuthenticator {
  authenticate(req: Request): Promise<Principal | null>;
}

export const anonymousOnly: RequestAuthenticator = {
  authenticate: async () => null,
};
