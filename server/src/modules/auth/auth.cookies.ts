import { AUTH_COOKIES } from '@medianest/contracts';
import type { CookieOptions, Request, Response } from 'express';

/** The cookies of a request, by name (first occurrence wins, values URI-decoded). */
export function readCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (!name || name in cookies) continue;
    let value = part.slice(at + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}

export const cookiesOf = (req: Request) => readCookies(req.headers.cookie);

/** Paths the refresh cookie is sent to: only the auth endpoints, never the rest of the API. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';
export const PIN_COOKIE_PATH = '/api/v1/auth/plex';

export interface SessionCookies {
  accessToken: string;
  accessTokenExpiresAt: Date;
  csrfToken: string;
  /** Omitted when the client takes the refresh token in the body. */
  refreshToken?: string | undefined;
  refreshTokenExpiresAt: Date;
}

/**
 * Writes the session cookies: httpOnly (access, refresh) and SameSite=Lax, Secure when the request is
 * https (directly or through a trusted proxy) or the public URL is https.
 */
export function setSessionCookies(res: Response, cookies: SessionCookies, secure: boolean, now: Date): void {
  const base: CookieOptions = { sameSite: 'lax', secure, path: '/' };
  const refreshMs = cookies.refreshTokenExpiresAt.getTime() - now.getTime();
  res.cookie(AUTH_COOKIES.access, cookies.accessToken, {
    ...base,
    httpOnly: true,
    maxAge: cookies.accessTokenExpiresAt.getTime() - now.getTime(),
  });
  // The CSRF cookie is readable by the page (double submit) and lives as long as the session may.
  res.cookie(AUTH_COOKIES.csrf, cookies.csrfToken, { ...base, httpOnly: false, maxAge: refreshMs });
  if (cookies.refreshToken) {
    res.cookie(AUTH_COOKIES.refresh, cookies.refreshToken, {
      ...base,
      httpOnly: true,
      path: REFRESH_COOKIE_PATH,
      maxAge: refreshMs,
    });
  }
}

export function clearSessionCookies(res: Response, secure: boolean): void {
  const base: CookieOptions = { sameSite: 'lax', secure, path: '/' };
  res.clearCookie(AUTH_COOKIES.access, { ...base, httpOnly: true });
  res.clearCookie(AUTH_COOKIES.csrf, base);
  res.clearCookie(AUTH_COOKIES.refresh, { ...base, httpOnly: true, path: REFRESH_COOKIE_PATH });
}

/** True when cookies must carry Secure: the request arrived over https, or MediaNest is served over https. */
export function isSecureRequest(req: Request, publicUrl: string | undefined): boolean {
  return req.secure || (publicUrl?.startsWith('https:') ?? false);
}
