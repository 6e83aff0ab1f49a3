import type { ServicesSettings } from '@medianest/contracts';
import { z } from 'zod';
import type { SettingsService } from '../settings/index.js';
import type { CustomCheckRow } from './status.tables.js';

/** The Plex server as the auth context keeps it (set up by the wizard); the status context only reads it and moves its URL. */
export interface PlexServerSource {
  get(): Promise<{ url: string; name: string; machineIdentifier: string } | undefined>;
  token(): Promise<string | undefined>;
  updateUrl(url: string, actorUserId: string): Promise<void>;
}

export const DEFAULT_INTERVAL_SECONDS = 60;

const KEYS = {
  plex: 'services.plex',
  overseerr: 'services.overseerr',
  overseerrKey: 'services.overseerr.apiKey',
  kuma: 'services.uptime-kuma',
  kumaPassword: 'services.uptime-kuma.metricsPassword',
  tmdb: 'services.tmdb',
  tmdbKey: 'services.tmdb.apiKey',
} as const;

const Interval = z.number().int().positive().optional();
const PlexStored = z.object({ intervalSeconds: Interval });
const OverseerrStored = z.object({ url: z.string(), intervalSeconds: Interval });
const KumaStored = z.object({ url: z.string(), slug: z.string(), metricsUsername: z.string().nullable(), intervalSeconds: Interval });
const TmdbStored = z.object({ url: z.string().nullable(), intervalSeconds: Interval });

export interface PlexConnection {
  url: string;
  token: string;
  machineIdentifier: string;
  name: string;
  intervalSeconds: number;
}
export interface OverseerrSettings {
  url: string;
  apiKey: string;
  intervalSeconds: number;
}
export interface KumaSettings {
  url: string;
  slug: string;
  metrics: { username: string; password: string } | null;
  intervalSeconds: number;
}
export interface TmdbSettings {
  apiKey: string;
  url: string | undefined;
  intervalSeconds: number;
}

/** Connections to the upstreams, kept in the settings table; API keys and passwords sealed at rest. */
export class ServiceSettingsStore {
  constructor(
    private readonly settings: SettingsService,
    private readonly plexServer: PlexServerSource,
  ) {}

  async plex(): Promise<PlexConnection | undefined> {
    const [server, token, stored] = await Promise.all([this.plexServer.get(), this.plexServer.token(), this.settings.get(KEYS.plex, PlexStored)]);
    if (!server || !token) return undefined;
    return { ...server, token, intervalSeconds: stored?.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS };
  }

  async overseerr(): Promise<OverseerrSettings | undefined> {
    const [stored, apiKey] = await Promise.all([this.settings.get(KEYS.overseerr, OverseerrStored), this.settings.get(KEYS.overseerrKey, z.string())]);
    if (!stored || !apiKey) return undefined;
    return { url: stored.url, apiKey, intervalSeconds: stored.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS };
  }

  async kuma(): Promise<KumaSettings | undefined> {
    const [stored, password] = await Promise.all([this.settings.get(KEYS.kuma, KumaStored), this.settings.get(KEYS.kumaPassword, z.string())]);
    if (!stored) return undefined;
    return {
      url: stored.url,
      slug: stored.slug,
      metrics: stored.metricsUsername && password ? { username: stored.metricsUsername, password } : null,
      intervalSeconds: stored.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS,
    };
  }

  async tmdb(): Promise<TmdbSettings | undefined> {
    const [stored, apiKey] = await Promise.all([this.settings.get(KEYS.tmdb, TmdbStored), this.settings.get(KEYS.tmdbKey, z.string())]);
    if (!apiKey) return undefined;
    return { apiKey, url: stored?.url ?? undefined, intervalSeconds: stored?.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS };
  }

  /** What the admin page shows: addresses and intervals, secrets only as set / not set. */
  async view(checks: CustomCheckRow[]): Promise<ServicesSettings> {
    const [server, token, plexStored, overseerr, overseerrKey, kuma, kumaPassword, tmdb, tmdbKey] = await Promise.all([
      this.plexServer.get(),
      this.plexServer.token(),
      this.settings.get(KEYS.plex, PlexStored),
      this.settings.get(KEYS.overseerr, OverseerrStored),
      this.settings.isSet(KEYS.overseerrKey),
      this.settings.get(KEYS.kuma, KumaStored),
      this.settings.isSet(KEYS.kumaPassword),
      this.settings.get(KEYS.tmdb, TmdbStored),
      this.settings.isSet(KEYS.tmdbKey),
    ]);
    return {
      plex: {
        configured: Boolean(server && token),
        url: server?.url ?? null,
        name: server?.name ?? null,
        machineIdentifier: server?.machineIdentifier ?? null,
        tokenSet: Boolean(token),
        intervalSeconds: plexStored?.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS,
      },
      overseerr: {
        configured: Boolean(overseerr && overseerrKey),
        url: overseerr?.url ?? null,
        apiKeySet: overseerrKey,
        intervalSeconds: overseerr?.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS,
      },
      uptimeKuma: {
        configured: Boolean(kuma),
        url: kuma?.url ?? null,
        slug: kuma?.slug ?? null,
        metricsUsername: kuma?.metricsUsername ?? null,
        metricsPasswordSet: kumaPassword,
        intervalSeconds: kuma?.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS,
      },
      tmdb: {
        configured: tmdbKey,
        url: tmdb?.url ?? null,
        apiKeySet: tmdbKey,
        intervalSeconds: tmdb?.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS,
      },
      checks: checks.map((check) => ({
        id: check.id,
        name: check.name,
        url: check.url,
        expectedStatus: check.expectedStatus,
        intervalSeconds: check.intervalSeconds,
        createdAt: check.createdAt.toISOString(),
      })),
    };
  }

  updatePlexUrl(url: string, actorUserId: string): Promise<void> {
    return this.plexServer.updateUrl(url, actorUserId);
  }

  async savePlex(input: { intervalSeconds?: number | undefined }, actorUserId: string): Promise<void> {
    await this.settings.set(KEYS.plex, { intervalSeconds: input.intervalSeconds }, { actorUserId });
  }

  async saveOverseerr(input: { url: string; apiKey?: string | undefined; intervalSeconds?: number | undefined }, actorUserId: string): Promise<void> {
    if (input.apiKey) await this.settings.set(KEYS.overseerrKey, input.apiKey, { secret: true, actorUserId });
    await this.settings.set(KEYS.overseerr, { url: input.url, intervalSeconds: input.intervalSeconds }, { actorUserId });
  }

  async saveKuma(
    input: { url: string; slug: string; metricsUsername?: string | null | undefined; metricsPassword?: string | null | undefined; intervalSeconds?: number | undefined },
    actorUserId: string,
  ): Promise<void> {
    const previous = await this.settings.get(KEYS.kuma, KumaStored);
    const metricsUsername = input.metricsUsername === undefined ? (previous?.metricsUsername ?? null) : input.metricsUsername;
    if (input.metricsPassword) await this.settings.set(KEYS.kumaPassword, input.metricsPassword, { secret: true, actorUserId });
    if (input.metricsPassword === null || metricsUsername === null) await this.settings.remove(KEYS.kumaPassword, actorUserId);
    await this.settings.set(
      KEYS.kuma,
      { url: input.url, slug: input.slug.toLowerCase(), metricsUsername, intervalSeconds: input.intervalSeconds },
      { actorUserId },
    );
  }

  async saveTmdb(input: { apiKey?: string | undefined; url?: string | undefined; intervalSeconds?: number | undefined }, actorUserId: string): Promise<void> {
    if (input.apiKey) await this.settings.set(KEYS.tmdbKey, input.apiKey, { secret: true, actorUserId });
    await this.settings.set(KEYS.tmdb, { url: input.url ?? null, intervalSeconds: input.intervalSeconds }, { actorUserId });
  }

  async remove(service: 'overseerr' | 'uptime-kuma' | 'tmdb', actorUserId: string): Promise<void> {
    const keys =
      service === 'overseerr' ? [KEYS.overseerr, KEYS.overseerrKey] : service === 'uptime-kuma' ? [KEYS.kuma, KEYS.kumaPassword] : [KEYS.tmdb, KEYS.tmdbKey];
    for (const key of keys) await this.settings.remove(key, actorUserId);
  }
}
