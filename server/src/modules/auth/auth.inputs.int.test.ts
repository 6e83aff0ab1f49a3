import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signIn, type SignedIn } from '../../test-support/auth.js';
import { json, startTestApp, type TestApp } from '../../test-support/test-app.js';

type ErrorBody = { error: { code: string; message: string; requestId: string } };

/**
 * The endpoints' bad-input and wrong-caller answers not covered beside their features: always a 4xx
 * envelope with a code, never a 500.
 */
describe('auth endpoints refuse bad input and the wrong caller with an envelope', () => {
  let app: TestApp;
  let admin: SignedIn;
  let member: SignedIn;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signIn(app, await createUser(app, { role: 'admin' }));
    member = await signIn(app, await createUser(app));
  });
  afterAll(() => app.close());

  const cases: { name: string; as: () => SignedIn | null; path: string; init?: RequestInit; status: number; code: string }[] = [
    { name: 'logout with a refresh token that is not a string', as: () => null, path: '/api/v1/auth/logout', init: { method: 'POST', body: JSON.stringify({ refreshToken: 5 }) }, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'logout with a body that is not JSON', as: () => null, path: '/api/v1/auth/logout', init: { method: 'POST', body: '{nope' }, status: 400, code: 'MALFORMED_JSON' },
    { name: "a member listing a user's sessions", as: () => member, path: '/api/v1/users/00000000-0000-4000-8000-000000000000/sessions', status: 403, code: 'FORBIDDEN' },
    { name: 'a user id that is not an id', as: () => admin, path: '/api/v1/users/abc/sessions', status: 400, code: 'VALIDATION_FAILED' },
    { name: 'a session id that is not an id (admin)', as: () => admin, path: '/api/v1/users/00000000-0000-4000-8000-000000000000/sessions/abc', init: { method: 'DELETE' }, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'a member listing Plex servers', as: () => member, path: '/api/v1/setup/plex-servers', status: 403, code: 'FORBIDDEN' },
    { name: 'a member choosing the Plex server', as: () => member, path: '/api/v1/setup/plex-server', init: { method: 'PUT', body: JSON.stringify({ machineIdentifier: 'x' }) }, status: 403, code: 'FORBIDDEN' },
    { name: 'an admin without a Plex account listing Plex servers', as: () => admin, path: '/api/v1/setup/plex-servers', status: 409, code: 'CONFLICT' },
    { name: 'a local admin once setup is done', as: () => null, path: '/api/v1/setup/local-admin', init: { method: 'POST', body: JSON.stringify({ username: 'late', password: 'long enough password' }) }, status: 409, code: 'SETUP_ALREADY_DONE' },
    { name: 'a member importing from Plex', as: () => member, path: '/api/v1/users/plex-import', init: { method: 'POST', body: JSON.stringify({ plexIds: [1] }) }, status: 403, code: 'FORBIDDEN' },
    { name: 'an import before the Plex server is chosen', as: () => admin, path: '/api/v1/users/plex-import', status: 409, code: 'SETUP_REQUIRED' },
    { name: 'a PIN poll nobody started', as: () => null, path: '/api/v1/auth/plex/pins/AAAAAAAAAAAAAAAAAAAAAAAA', status: 404, code: 'NOT_FOUND' },
    { name: 'me without signing in', as: () => null, path: '/api/v1/auth/me', status: 401, code: 'UNAUTHENTICATED' },
    { name: 'a login body that is a list', as: () => null, path: '/api/v1/auth/login', init: { method: 'POST', body: '[]' }, status: 400, code: 'VALIDATION_FAILED' },
  ];

  for (const testCase of cases) {
    it(`answers ${testCase.status} ${testCase.code}: ${testCase.name}`, async () => {
      const as = testCase.as();
      const init: RequestInit = { ...testCase.init, headers: { 'Content-Type': 'application/json', ...(as ? as.headers('bearer') : {}) } };
      const { status, body } = await json<ErrorBody>(await app.fetch(testCase.path, init));
      expect({ status, code: body.error.code }).toEqual({ status: testCase.status, code: testCase.code });
      expect(body.error.message.length).toBeGreaterThan(10);
      expect(body.error.requestId).toBeTruthy();
    });
  }
});
