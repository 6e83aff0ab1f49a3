import { AUTH_COOKIES } from '@medianest/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows } from '../../test-support/audit.js';
import { createUser } from '../../test-support/auth.js';
import { json, startTestApp, type TestApp } from '../../test-support/test-app.js';

type ErrorBody = { error: { code: string; message: string } };

describe('local sign-in and first-run setup', () => {
  let app: TestApp;

  beforeAll(async () => {
    // Trusting the loopback proxy lets a test speak for several client addresses via X-Forwarded-For.
    app = await startTestApp({ config: { trustedProxies: 'loopback' } });
  });
  afterAll(() => app.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const login = (username: string, password: string, ip = '203.0.113.1') =>
    post('/api/v1/auth/login', { username, password }, { 'X-Forwarded-For': ip });

  it('walks the setup: no admin → one local admin (never two) → a server is needed next', async () => {
    expect((await json<{ state: string }>(await app.fetch('/api/v1/setup'))).body.state).toBe('needs-admin');
    const short = await json<ErrorBody>(await post('/api/v1/setup/local-admin', { username: 'admin', password: 'short' }));
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain('password');

    // Two people racing through a fresh install: exactly one becomes admin.
    const [first, second] = await Promise.all([
      post('/api/v1/setup/local-admin', { username: 'admin', password: 'correct horse battery staple' }),
      post('/api/v1/setup/local-admin', { username: 'other', password: 'correct horse battery staple' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    const winner = first.status === 201 ? first : second;
    const body = (await winner.json()) as { user: { role: string; username: string } };
    expect(body.user.role).toBe('admin');
    expect(winner.headers.getSetCookie().some((c) => c.startsWith(`${AUTH_COOKIES.access}=`))).toBe(true);
    const loser = (await (first.status === 409 ? first : second).json()) as ErrorBody;
    expect(loser.error.code).toBe('SETUP_ALREADY_DONE');

    expect((await json<{ state: string }>(await app.fetch('/api/v1/setup'))).body.state).toBe('needs-server');
    const rows = await auditRows(app, { action: 'users.created' });
    expect(rows.map((row) => row.details)).toEqual([{ username: body.user.username, role: 'admin', via: 'setup' }]);

    const signedIn = await json<{ user: { username: string } }>(await login(body.user.username, 'correct horse battery staple'));
    expect(signedIn.status).toBe(200);
  });

  it('signs in with a correct password and sets the session cookies', async () => {
    await createUser(app, { username: 'Casey', password: 'a very long password' });
    const res = await login('casey', 'a very long password');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { username: string }; refreshToken?: string };
    expect(body.user.username).toBe('Casey');
    expect(body.refreshToken).toBeUndefined();
    expect(res.headers.getSetCookie().map((c) => c.split('=')[0]).sort()).toEqual(
      [AUTH_COOKIES.access, AUTH_COOKIES.csrf, AUTH_COOKIES.refresh].sort(),
    );
    const tokens = await json<{ refreshToken: string }>(
      await post('/api/v1/auth/login', { username: 'casey', password: 'a very long password', tokenDelivery: 'body' }),
    );
    expect(tokens.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await auditRows(app, { action: 'auth.login' });
    expect(rows.filter((row) => row.actorLabel === 'Casey' && row.outcome === 'success')).toHaveLength(2);
  });

  it('answers a wrong password and an unknown user alike, 401 INVALID_CREDENTIALS', async () => {
    await createUser(app, { username: 'dana', password: 'a very long password' });
    const wrong = await json<ErrorBody>(await login('dana', 'nope', '203.0.113.50'));
    const unknown = await json<ErrorBody>(await login('nobody-here', 'nope', '203.0.113.50'));
    expect(wrong).toEqual({ status: 401, body: { error: { ...wrong.body.error, code: 'INVALID_CREDENTIALS' } } });
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    expect((await post('/api/v1/auth/login', { username: '', password: 'x' })).status).toBe(400);
    expect((await post('/api/v1/auth/login', { username: 'dana' })).status).toBe(400);
  });

  it('locks the account out on the 6th wrong password within a minute: 429 with Retry-After', async () => {
    await createUser(app, { username: 'erin', password: 'the right password' });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      // From changing addresses: the account's own counter is what locks.
      const res = await json<ErrorBody>(await login('erin', `wrong-${attempt}`, `198.51.100.${attempt}`));
      expect({ attempt, status: res.status }).toEqual({ attempt, status: 401 });
    }
    const sixth = await login('erin', 'wrong-6', '198.51.100.6');
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await sixth.json()) as ErrorBody;
    expect(body.error.code).toBe('RATE_LIMITED');
    // Locked means locked: even the right password waits.
    const right = await login('erin', 'the right password', '198.51.100.7');
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).not.toBeNull();

    const failures = (await auditRows(app, { action: 'auth.login' })).filter((row) => row.actorLabel === 'erin');
    expect(failures.map((row) => row.outcome)).toEqual([...Array(6).fill('failure'), 'denied']);
  });

  it('locks an address out after many wrong passwords across accounts', async () => {
    const ip = '192.0.2.77';
    let status = 0;
    let attempts = 0;
    while (status !== 429 && attempts < 30) {
      attempts += 1;
      status = (await login(`sprayed-${attempts}`, 'guess', ip)).status;
    }
    expect(status).toBe(429);
    expect(attempts).toBe(21);
    // Another address is not affected.
    expect((await login('sprayed-1', 'guess', '192.0.2.78')).status).toBe(401);
  });
});
