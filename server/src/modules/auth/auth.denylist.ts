import type { Cache } from '../../platform/cache/cache.js';

/**
 * Revocations that must take effect before access tokens expire, kept in `platform.cache` (Redis when
 * configured, so every instance sees them). Entries live as long as an access token can: after that
 * the token has expired anyway and the refresh path (which reads the database) refuses it.
 *
 * - a revoked session: every access token carries its session id (`sid`), so one entry refuses all of
 *   the access tokens issued for that session, whichever is presented;
 * - a user's auth version: tokens issued before the user's role, permissions or state changed.
 */
export class AccessDenylist {
  constructor(
    private readonly cache: Cache,
    /** At least the access-token lifetime, plus room for clock skew. */
    private readonly ttlMs: number,
  ) {}

  private sessionKey = (sessionId: string) => `auth:revoked-session:${sessionId}`;
  private versionKey = (userId: string) => `auth:user-version:${userId}`;

  async revokeSessions(sessionIds: readonly string[]): Promise<void> {
    await Promise.all(sessionIds.map((id) => this.cache.set(this.sessionKey(id), 1, this.ttlMs)));
  }

  async setAuthVersion(userId: string, version: number): Promise<void> {
    await this.cache.set(this.versionKey(userId), version, this.ttlMs);
  }

  /** Why the token must be refused, or undefined when it may be used. */
  async check(userId: string, sessionId: string, authVersion: number): Promise<'session-revoked' | 'stale' | undefined> {
    const [revoked, version] = await Promise.all([
      this.cache.has(this.sessionKey(sessionId)),
      this.cache.get<number>(this.versionKey(userId)),
    ]);
    if (revoked) return 'session-revoked';
    if (version !== undefined && authVersion < version) return 'stale';
    return undefined;
  }
}
