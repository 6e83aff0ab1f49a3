import { AUTH_COOKIES, CSRF_HEADER } from '@medianest/contracts';
import type { TestApp } from './test-app.js';

let addresses = 0;

/**
 * What a browser page does with MediaNest's API: keeps the cookies it is given, sends the CSRF header
 * from the mn_csrf cookie and its Origin. Each instance has its own client address (sent as
 * X-Forwarded-For; start the app with `trustedProxies: 'loopback'` for it to count), so per-address rate
 * limits see separate people.
 */
export class CookieBrowser {
  private readonly jar = new Map<string, string>();
  readonly ip = `198.18.${Math.floor((addresses += 1) / 250)}.${(addresses % 250) + 1}`;

  constructor(private readonly app: TestApp) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size > 0) headers.set('Cookie', [...this.jar].map(([name, value]) => `${name}=${value}`).join('; '));
    headers.set('Origin', this.app.url);
    headers.set('X-Forwarded-For', this.ip);
    const csrf = this.jar.get(AUTH_COOKIES.csrf);
    if (csrf) headers.set(CSRF_HEADER, csrf);
    if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('Content-Type', 'application/json');
    const res = await this.app.fetch(path, { ...init, headers });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (value === '' || /Expires=Thu, 01 Jan 1970/i.test(cookie)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }
}
