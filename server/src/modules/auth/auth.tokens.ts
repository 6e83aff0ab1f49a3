import { randomUUID } from 'node:crypto';
import type { Role } from '@medianest/contracts';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/http/errors.js';
import type { SigningKeys } from './auth.keys.js';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const ISSUER = 'medianest';
export const AUDIENCE = 'medianest-api';

/** What an access token says about its bearer. */
export interface AccessClaims {
  userId: string;
  sessionId: string;
  role: Role;
  permissions: number;
  /** The user's auth version when the token was issued; an older one is refused. */
  authVersion: number;
  tokenId: string;
  expiresAt: Date;
}

interface Payload extends JWTPayload {
  sid: string;
  role: Role;
  perm: number;
  ver: number;
}

const isPayload = (payload: JWTPayload): payload is Payload =>
  typeof payload.sub === 'string' &&
  typeof payload.sid === 'string' &&
  (payload.role === 'admin' || payload.role === 'user') &&
  typeof payload.perm === 'number' &&
  typeof payload.ver === 'number' &&
  typeof payload.jti === 'string' &&
  typeof payload.exp === 'number';

export const tokenExpired = () =>
  new AppError('TOKEN_EXPIRED', 'Your sign-in has expired. Refresh the session (POST /api/v1/auth/refresh) or sign in again.');
export const tokenInvalid = (why = 'The access token is not valid.') =>
  new AppError('TOKEN_INVALID', `${why} Sign in again.`);

/**
 * Signs and verifies access tokens: EdDSA JWTs valid for 15 minutes, with a `kid` naming the key.
 * Verified tokens are remembered until they expire (bounded), so a busy client does not pay for the
 * signature check on every request; revocation is checked separately on every request.
 */
export class AccessTokens {
  private readonly verified = new Map<string, AccessClaims>();

  constructor(
    private readonly keys: SigningKeys,
    private readonly clock: Clock,
    readonly ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
    private readonly rememberedMax = 10_000,
  ) {}

  async issue(claims: Omit<AccessClaims, 'tokenId' | 'expiresAt'>): Promise<{ token: string; claims: AccessClaims }> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const tokenId = randomUUID();
    const key = this.keys.current;
    const token = await new SignJWT({ sid: claims.sessionId, role: claims.role, perm: claims.permissions, ver: claims.authVersion })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: key.kid })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setJti(tokenId)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .sign(key.privateKey);
    return { token, claims: { ...claims, tokenId, expiresAt: new Date((now + this.ttlSeconds) * 1000) } };
  }

  /** The claims of a valid token; TOKEN_EXPIRED or TOKEN_INVALID otherwise (never anything else). */
  async verify(token: string): Promise<AccessClaims> {
    const now = this.clock.now();
    const remembered = this.verified.get(token);
    if (remembered) {
      if (remembered.expiresAt > now) return remembered;
      this.verified.delete(token);
      throw tokenExpired();
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, (header) => this.keyFor(header.kid), {
        algorithms: ['EdDSA'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: now,
        clockTolerance: 5,
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw tokenExpired();
      if (error instanceof AppError) throw error;
      throw tokenInvalid();
    }
    if (!isPayload(payload)) throw tokenInvalid();
    const claims: AccessClaims = {
      userId: payload.sub!,
      sessionId: payload.sid,
      role: payload.role,
      permissions: payload.perm,
      authVersion: payload.ver,
      tokenId: payload.jti!,
      expiresAt: new Date(payload.exp! * 1000),
    };
    this.remember(token, claims);
    return claims;
  }

  private keyFor(kid: string | undefined) {
    const key = this.keys.verificationKey(kid);
    if (!key) throw tokenInvalid('The access token was signed with a key this server does not know.');
    return key;
  }

  private remember(token: string, claims: AccessClaims): void {
    if (this.verified.size >= this.rememberedMax) {
      const now = this.clock.now();
      for (const [key, value] of this.verified) if (value.expiresAt <= now) this.verified.delete(key);
      if (this.verified.size >= this.rememberedMax) {
        const oldest = this.verified.keys().next();
        if (!oldest.done) this.verified.delete(oldest.value);
      }
    }
    this.verified.set(token, claims);
  }
}
