import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { Timestamp, User } from './users.js';

/** Cookie and header names shared by the server and the web client. */
export const AUTH_COOKIES = {
  access: 'mn_access',
  refresh: 'mn_refresh',
  /** Readable by the page: its value goes back in the CSRF header on every unsafe request. */
  csrf: 'mn_csrf',
  /** Ties a Plex PIN to the browser that asked for it. */
  pinBinding: 'mn_pin',
} as const;
export const CSRF_HEADER = 'X-CSRF-Token';
export const API_KEY_PREFIX = 'mnk_';

/** What a sign-in, a refresh or the setup wizard answers. */
export const AuthResult = z
  .object({
    user: User,
    sessionId: z.uuid(),
    /** Also set as the httpOnly `mn_access` cookie; API clients send it as `Authorization: Bearer`. */
    accessToken: z.string(),
    accessTokenExpiresAt: Timestamp,
    /** Send back as the X-CSRF-Token header on unsafe requests made with cookies. */
    csrfToken: z.string(),
    refreshTokenExpiresAt: Timestamp,
    /** Only when the client asked for `tokenDelivery: "body"`; browsers get an httpOnly cookie instead. */
    refreshToken: z.string().optional(),
  })
  .meta({ id: 'AuthResult' });
export type AuthResult = z.infer<typeof AuthResult>;

const TokenDelivery = z
  .enum(['cookie', 'body'])
  .default('cookie')
  .describe('cookie (browsers, the default) or body (API clients that store the refresh token themselves)');

// ---------------------------------------------------------------- setup

export const PlexServerSummary = z
  .object({
    name: z.string(),
    machineIdentifier: z.string(),
    url: z.string(),
    version: z.string().nullable(),
  })
  .meta({ id: 'PlexServerSummary' });
export type PlexServerSummary = z.infer<typeof PlexServerSummary>;

export const SetupStatus = z
  .object({
    /** `needs-admin`: nobody can use MediaNest until the first admin signs in. */
    state: z.enum(['needs-admin', 'needs-server', 'complete']),
    server: PlexServerSummary.nullable(),
  })
  .meta({ id: 'SetupStatus' });
export type SetupStatus = z.infer<typeof SetupStatus>;

export const getSetupStatus = defineEndpoint({
  method: 'get',
  path: '/setup',
  summary: 'Where the first-run setup stands',
  tags: ['setup'],
  access: { kind: 'public' },
  responses: { 200: SetupStatus },
});

export const Username = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'may use letters, digits, dot, dash, underscore and @');
export const NewPassword = z.string().min(12, 'must be at least 12 characters').max(256, 'must be at most 256 characters');

export const createLocalAdmin = defineEndpoint({
  method: 'post',
  path: '/setup/local-admin',
  summary: 'Create the first admin as a local account',
  description: 'The fallback when plex.tv cannot be reached. Only while no admin exists.',
  tags: ['setup'],
  access: { kind: 'public' },
  body: z.object({ username: Username, password: NewPassword, displayName: z.string().trim().max(100).optional() }),
  responses: { 201: AuthResult },
});

export const PlexServerChoice = z
  .object({
    name: z.string(),
    machineIdentifier: z.string(),
    productVersion: z.string().nullable(),
    /** Addresses plex.tv lists for the server, best first (local, then remote, relay last). */
    connections: z.array(z.object({ uri: z.string(), local: z.boolean(), relay: z.boolean() })),
  })
  .meta({ id: 'PlexServerChoice' });

export const listPlexServers = defineEndpoint({
  method: 'get',
  path: '/setup/plex-servers',
  summary: "The Plex servers the admin's Plex account owns",
  tags: ['setup'],
  access: { kind: 'admin' },
  responses: { 200: z.object({ servers: z.array(PlexServerChoice) }) },
});

export const ChoosePlexServerBody = z.union([
  z.object({ machineIdentifier: z.string().trim().min(1).max(100) }).strict(),
  z
    .object({
      url: z
        .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL such as http://192.168.1.10:32400' })
        .max(500),
      token: z.string().trim().min(1, 'must not be empty').max(200),
    })
    .strict(),
]);

export const choosePlexServer = defineEndpoint({
  method: 'put',
  path: '/setup/plex-server',
  summary: 'Choose the Plex server: one of the account\'s servers, or a URL and token',
  description: 'MediaNest checks the server (/identity) and stores its machine identifier.',
  tags: ['setup'],
  access: { kind: 'admin' },
  body: ChoosePlexServerBody,
  responses: { 200: PlexServerSummary },
});

// ---------------------------------------------------------------- sign-in

export const PlexPin = z
  .object({
    id: z.string(),
    expiresAt: Timestamp,
    /** The redirect flow (default): app.plex.tv sends the browser back to MediaNest afterwards. */
    authUrl: z.string(),
    /** The same without a forward URL, for a pop-up window. */
    popupAuthUrl: z.string(),
  })
  .meta({ id: 'PlexPin' });
export type PlexPin = z.infer<typeof PlexPin>;

export const createPlexPin = defineEndpoint({
  method: 'post',
  path: '/auth/plex/pins',
  summary: 'Start a Plex sign-in',
  tags: ['auth'],
  access: { kind: 'public' },
  body: z.object({
    /** The page of MediaNest to come back to after signing in (a path, such as /library). */
    next: z
      .string()
      .max(500)
      .regex(/^\/(?!\/)[^\s\\]*$/, 'must be a path inside MediaNest, such as /library')
      .optional(),
    tokenDelivery: TokenDelivery,
  }),
  responses: { 201: PlexPin },
});

export const PlexPinStatus = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('pending'), expiresAt: Timestamp }),
    z.object({ status: z.literal('expired') }),
    z.object({ status: z.literal('approved'), session: AuthResult, next: z.string() }),
  ])
  .meta({ id: 'PlexPinStatus' });
export type PlexPinStatus = z.infer<typeof PlexPinStatus>;

export const pollPlexPin = defineEndpoint({
  method: 'get',
  path: '/auth/plex/pins/:id',
  summary: 'Check whether the Plex sign-in was approved',
  description: 'Poll about once a second. On approval the session cookies are set.',
  tags: ['auth'],
  access: { kind: 'public' },
  params: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'is not a sign-in id') }),
  responses: { 200: PlexPinStatus },
});

export const localLogin = defineEndpoint({
  method: 'post',
  path: '/auth/login',
  summary: 'Sign in with a local account',
  tags: ['auth'],
  access: { kind: 'public' },
  body: z.object({
    username: z.string().trim().min(1, 'must not be empty').max(64),
    password: z.string().min(1, 'must not be empty').max(256),
    tokenDelivery: TokenDelivery,
  }),
  responses: { 200: AuthResult },
});

export const refreshSession = defineEndpoint({
  method: 'post',
  path: '/auth/refresh',
  summary: 'Exchange the refresh token for a new access token (and a new refresh token)',
  description:
    'The refresh token comes from the mn_refresh cookie or the body. Each one works once: presenting a used one ends the whole session.',
  tags: ['auth'],
  access: { kind: 'public' },
  body: z.object({ refreshToken: z.string().min(20).max(200).optional() }),
  responses: { 200: AuthResult },
});

export const logout = defineEndpoint({
  method: 'post',
  path: '/auth/logout',
  summary: 'Sign out this device',
  tags: ['auth'],
  access: { kind: 'public' },
  body: z.object({ refreshToken: z.string().min(20).max(200).optional() }),
  responses: { 204: null },
});

export const Me = z
  .object({
    user: User,
    sessionId: z.uuid().nullable(),
    via: z.enum(['cookie', 'bearer', 'api-key']),
    csrfToken: z.string().nullable(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const getMe = defineEndpoint({
  method: 'get',
  path: '/auth/me',
  summary: 'Who is signed in',
  tags: ['auth'],
  access: { kind: 'user' },
  responses: { 200: Me },
});

// ---------------------------------------------------------------- sessions

export const Session = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    /** Browser and system, from the user agent: "Firefox on Windows". */
    deviceName: z.string(),
    method: z.enum(['plex', 'local']),
    ip: z.string().nullable(),
    createdAt: Timestamp,
    lastSeenAt: Timestamp,
    expiresAt: Timestamp,
    /** The session making this request. */
    current: z.boolean(),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;

const SessionId = z.object({ id: z.uuid({ error: 'must be a session id' }) });

export const listSessions = defineEndpoint({
  method: 'get',
  path: '/auth/sessions',
  summary: 'My signed-in devices',
  tags: ['auth'],
  access: { kind: 'user' },
  responses: { 200: z.object({ sessions: z.array(Session) }) },
});

export const revokeSession = defineEndpoint({
  method: 'delete',
  path: '/auth/sessions/:id',
  summary: 'Sign out one of my devices',
  tags: ['auth'],
  access: { kind: 'user' },
  params: SessionId,
  responses: { 204: null },
});

export const revokeAllSessions = defineEndpoint({
  method: 'delete',
  path: '/auth/sessions',
  summary: 'Sign out everywhere',
  tags: ['auth'],
  access: { kind: 'user' },
  query: z.object({
    /** true keeps the device making the request signed in. */
    keepCurrent: z.enum(['true', 'false']).default('false'),
  }),
  responses: { 200: z.object({ revoked: z.number().int() }) },
});

export const listUserSessions = defineEndpoint({
  method: 'get',
  path: '/users/:id/sessions',
  summary: "A user's signed-in devices (admin)",
  tags: ['users'],
  access: { kind: 'admin' },
  params: z.object({ id: z.uuid({ error: 'must be a user id' }) }),
  responses: { 200: z.object({ sessions: z.array(Session) }) },
});

export const revokeUserSession = defineEndpoint({
  method: 'delete',
  path: '/users/:id/sessions/:sessionId',
  summary: "End one of a user's sessions (admin)",
  tags: ['users'],
  access: { kind: 'admin' },
  params: z.object({
    id: z.uuid({ error: 'must be a user id' }),
    sessionId: z.uuid({ error: 'must be a session id' }),
  }),
  responses: { 204: null },
});

// ---------------------------------------------------------------- API keys

/**
 * - `read`: GET requests only;
 * - `write`: every method, within the user's permissions;
 * - `admin`: also the admin endpoints (only for admins).
 */
export const ApiKeyScope = z.enum(['read', 'write', 'admin']);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

export const ApiKey = z
  .object({
    id: z.uuid(),
    name: z.string(),
    scopes: z.array(ApiKeyScope),
    /** The first characters of the key, to recognise it. */
    prefix: z.string(),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    expiresAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof ApiKey>;

export const listApiKeys = defineEndpoint({
  method: 'get',
  path: '/auth/api-keys',
  summary: 'My personal API keys',
  tags: ['auth'],
  access: { kind: 'user' },
  responses: { 200: z.object({ apiKeys: z.array(ApiKey) }) },
});

export const createApiKey = defineEndpoint({
  method: 'post',
  path: '/auth/api-keys',
  summary: 'Create a personal API key (the key is shown once)',
  tags: ['auth'],
  access: { kind: 'user' },
  body: z.object({
    name: z.string().trim().min(1, 'must not be empty').max(100),
    scopes: z.array(ApiKeyScope).min(1, 'choose at least one scope'),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  }),
  responses: {
    201: z.object({
      apiKey: ApiKey,
      /** The whole key. It is stored hashed: this is the only time it is shown. */
      secret: z.string(),
    }),
  },
});

export const revokeApiKey = defineEndpoint({
  method: 'delete',
  path: '/auth/api-keys/:id',
  summary: 'Revoke one of my API keys',
  tags: ['auth'],
  access: { kind: 'user' },
  params: z.object({ id: z.uuid({ error: 'must be an API key id' }) }),
  responses: { 204: null },
});

// ---------------------------------------------------------------- keys

export const Jwks = z
  .object({
    keys: z.array(
      z.object({ kty: z.string(), crv: z.string(), x: z.string(), kid: z.string(), alg: z.string(), use: z.string() }),
    ),
  })
  .meta({ id: 'Jwks' });

export const getJwks = defineEndpoint({
  method: 'get',
  path: '/.well-known/jwks.json',
  absolute: true,
  summary: 'Public keys that sign access tokens (EdDSA)',
  description: 'Another process validates MediaNest access tokens with these keys, without calling the auth service.',
  tags: ['auth'],
  access: { kind: 'public' },
  responses: { 200: Jwks },
});

export const authEndpoints = [
  getSetupStatus,
  createLocalAdmin,
  listPlexServers,
  choosePlexServer,
  createPlexPin,
  pollPlexPin,
  localLogin,
  refreshSession,
  logout,
  getMe,
  listSessions,
  revokeAllSessions,
  revokeSession,
  listUserSessions,
  revokeUserSession,
  listApiKeys,
  createApiKey,
  revokeApiKey,
  getJwks,
] as const;
