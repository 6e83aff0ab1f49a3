import { stableHex, stableToken } from '../core/random.js';

/** Who an account is to the simulated server: its owner, a friend it is shared with, or a stranger. */
export type AccountAccess = 'owner' | 'shared' | 'none';

export interface PlexAccount {
  /** Short name used by tests and the auth page: `owner`, `alice`, `bob`, `stranger`. */
  key: string;
  id: number;
  uuid: string;
  username: string;
  title: string;
  email: string;
  thumb: string;
  access: AccountAccess;
  /** The plex.tv token (what a PIN login returns). */
  token: string;
  /** The token `/api/v2/resources` hands out for the server (owner and shared users only). */
  serverToken: string;
}

export interface AccountInput {
  key: string;
  username?: string;
  title?: string;
  email?: string;
  access: AccountAccess;
  id?: number;
}

/** An owner, two friends the server is shared with, and a stranger who has no access. */
export const DEFAULT_ACCOUNTS: AccountInput[] = [
  { key: 'owner', title: 'Olivia Owner', access: 'owner' },
  { key: 'alice', title: 'Alice Friend', access: 'shared' },
  { key: 'bob', title: 'Bob Family', access: 'shared' },
  { key: 'stranger', title: 'Sam Stranger', access: 'none' },
];

export function buildAccounts(inputs: AccountInput[], seed: string | number): PlexAccount[] {
  if (inputs.filter((a) => a.access === 'owner').length !== 1) throw new Error('plex.tv needs exactly one owner account');
  return inputs.map((input, i) => {
    const uuid = stableHex(16, seed, 'account', input.key);
    const username = input.username ?? input.key;
    return {
      key: input.key,
      id: input.id ?? 10_000_000 + i * 1_111 + 1,
      uuid,
      username,
      title: input.title ?? username,
      email: input.email ?? `${username}@example.com`,
      thumb: `https://plex.tv/users/${uuid}/avatar?c=1717000000`,
      access: input.access,
      token: stableToken(20, seed, 'token', input.key),
      serverToken: stableToken(20, seed, 'server-token', input.key),
    };
  });
}

/** The `/api/v2/user` body for an account. */
export function userJson(account: PlexAccount): Record<string, unknown> {
  return {
    id: account.id, uuid: account.uuid, username: account.username, title: account.title, friendlyName: account.title,
    email: account.email, locale: null, confirmed: true, joinedAt: 1556281940, emailOnlyAuth: false, hasPassword: true,
    protected: false, thumb: account.thumb, authToken: account.token, mailingListStatus: 'active',
    mailingListActive: false, scrobbleTypes: '', country: 'US', restricted: false, anonymous: false, home: false,
    guest: false, homeSize: 1, homeAdmin: account.access === 'owner', maxHomeSize: 15, rememberExpiresAt: 1893456000,
    experimentalFeatures: false, twoFactorEnabled: false, backupCodesCreated: false, attributionPartner: null,
    adsConsent: null, adsConsentSetAt: null, adsConsentReminderAt: null,
    subscription: account.access === 'owner'
      ? { active: true, subscribedAt: '2021-04-12T18:21:12Z', status: 'Active', paymentService: 'braintree', plan: 'lifetime', features: ['federated-auth', 'hardware_transcoding'] }
      : { active: false, subscribedAt: null, status: 'Inactive', paymentService: null, plan: null, features: [] },
    subscriptionDescription: null, subscriptions: [], roles: account.access === 'owner' ? ['plexpass'] : [],
    entitlements: [], services: [],
    profile: { autoSelectAudio: true, defaultAudioLanguage: 'en', defaultSubtitleLanguage: 'en', autoSelectSubtitle: 0, defaultSubtitleAccessibility: 0, defaultSubtitleForced: 1, watchedIndicator: 1, mediaReviewsVisibility: 0 },
  };
}
