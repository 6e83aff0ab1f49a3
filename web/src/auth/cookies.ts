import { AUTH_COOKIES } from '@medianest/contracts';

/** A cookie the page may read (the CSRF cookie; the session cookies are httpOnly and invisible here). */
export function readCookie(name: string, cookieHeader: string = typeof document === 'undefined' ? '' : document.cookie): string | undefined {
  for (const part of cookieHeader.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    if (part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/** The CSRF token of this browser's session; also the sign that a session may exist (it lives as long). */
export const csrfToken = (cookieHeader?: string) => readCookie(AUTH_COOKIES.csrf, cookieHeader);
