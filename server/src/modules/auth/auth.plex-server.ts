import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SettingsService } from '../settings/index.js';

const KEYS = {
  server: 'plex.server',
  serverToken: 'plex.server.token',
  ownerToken: 'plex.owner.token',
  clientIdentifier: 'plex.clientIdentifier',
} as const;

const StoredServer = z.object({
  url: z.string(),
  machineIdentifier: z.string(),
  name: z.string(),
  version: z.string().nullable(),
  /** The plex.tv account that owns the server; null when it could not be read at setup. */
  ownerPlexId: z.number().int().nullable(),
  configuredAt: z.string(),
});
export type StoredPlexServer = z.infer<typeof StoredServer>;

/**
 * The Plex server MediaNest serves, kept in settings: its address and machine identifier, the token
 * used against it and the owner's plex.tv token (both sealed), and this install's X-Plex client id.
 */
export class PlexServerConfig {
  constructor(private readonly settings: SettingsService) {}

  get(): Promise<StoredPlexServer | undefined> {
    return this.settings.get(KEYS.server, StoredServer);
  }

  serverToken(): Promise<string | undefined> {
    return this.settings.get(KEYS.serverToken, z.string());
  }

  /** The owner's plex.tv token: reads the list of accounts the server is shared with. */
  ownerToken(): Promise<string | undefined> {
    return this.settings.get(KEYS.ownerToken, z.string());
  }

  async save(
    server: Omit<StoredPlexServer, 'configuredAt'>,
    tokens: { serverToken: string; ownerToken: string | null },
    actorUserId: string,
  ): Promise<StoredPlexServer> {
    const stored = { ...server, configuredAt: new Date().toISOString() };
    await this.settings.set(KEYS.serverToken, tokens.serverToken, { secret: true, actorUserId });
    if (tokens.ownerToken) await this.settings.set(KEYS.ownerToken, tokens.ownerToken, { secret: true, actorUserId });
    else await this.settings.remove(KEYS.ownerToken, actorUserId);
    await this.settings.set(KEYS.server, stored, { actorUserId });
    return stored;
  }

  /** The same server at a new address (the caller has checked the machine identifier). */
  async updateUrl(url: string, actorUserId: string): Promise<void> {
    const current = await this.get();
    if (!current) return;
    await this.settings.set(KEYS.server, { ...current, url }, { actorUserId });
  }

  /** The stable X-Plex-Client-Identifier of this install, created once. */
  async clientIdentifier(): Promise<string> {
    const existing = await this.settings.get(KEYS.clientIdentifier, z.string());
    if (existing) return existing;
    const created = `medianest-${randomUUID()}`;
    await this.settings.set(KEYS.clientIdentifier, created);
    return (await this.settings.get(KEYS.clientIdentifier, z.string())) ?? created;
  }
}
