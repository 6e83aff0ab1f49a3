import type { NowPlaying, NowPlayingSession } from '@medianest/contracts';
import type { ResponseCache } from '../../integrations/http/index.js';
import { PlexNotifications, type HttpPlexServerClient, type PlexSession } from '../../integrations/plex/index.js';
import type { Principal } from '../../platform/http/principal.js';
import type { Logger } from '../../platform/observability/logger.js';
import type { ServiceSettingsStore } from './status.settings.js';

export interface NowPlayingDeps {
  store: ServiceSettingsStore;
  plex: HttpPlexServerClient;
  /** Sessions, short TTL: the poll fallback. Push notifications refresh it at once. */
  cache: ResponseCache<PlexSession[]>;
  /** The plex.tv account id of a MediaNest user (null for local accounts). */
  plexIdOf: (userId: string) => Promise<number | null>;
  logger: Logger;
}

/**
 * Now playing from PMS `/status/sessions`, kept fresh by the PMS notification websocket (a `playing`
 * notification refreshes the sessions at once); while the websocket is down, answers come from a short
 * cache and a poll. Admins see every session and who watches; other users only their own.
 */
export class NowPlayingService {
  private notifications: PlexNotifications | undefined;
  private connectedTo: string | undefined;

  constructor(private readonly deps: NowPlayingDeps) {}

  /** Connects the websocket to the configured server (again when its address changed). */
  async connect(): Promise<void> {
    const plex = await this.deps.store.plex();
    const target = plex ? `${plex.url}|${plex.token}` : undefined;
    if (target === this.connectedTo) return;
    this.notifications?.close();
    this.notifications = undefined;
    this.connectedTo = target;
    if (!plex) return;
    this.notifications = new PlexNotifications({
      baseUrl: plex.url,
      token: plex.token,
      identity: this.deps.plex.clientIdentity,
      onNotification: (type) => {
        if (type !== 'playing') return;
        void this.deps.cache
          .invalidate('sessions')
          .then(() => this.sessions())
          .catch(() => undefined);
      },
      onConnectionChange: (connected) => this.deps.logger.info({ connected }, 'Plex notifications websocket'),
    }).start();
  }

  get pushing(): boolean {
    return this.notifications?.connected ?? false;
  }

  private async sessions() {
    const plex = await this.deps.store.plex();
    if (!plex) return undefined;
    return this.deps.cache.get('sessions', () => this.deps.plex.sessions(plex.url, plex.token));
  }

  async forPrincipal(principal: Principal): Promise<NowPlaying> {
    const cached = await this.sessions();
    const source = this.pushing ? ('push' as const) : ('poll' as const);
    if (!cached) return { configured: false, sessions: [], stale: false, ageMs: 0, error: null, source };
    const admin = principal.role === 'admin';
    const plexId = admin ? null : await this.deps.plexIdOf(principal.userId);
    const visible = admin ? cached.data : cached.data.filter((session) => plexId !== null && session.user.plexId === String(plexId));
    return {
      configured: true,
      sessions: visible.map((session): NowPlayingSession => ({
        sessionKey: session.sessionKey,
        title: session.title,
        type: session.type,
        year: session.year,
        user: admin ? session.user.name : null,
        player: session.player.title ?? session.player.product,
        state: session.player.state,
        progress: session.durationMs && session.viewOffsetMs !== null ? Math.min(1, session.viewOffsetMs / session.durationMs) : null,
        durationMs: session.durationMs,
        decision: session.decision,
        videoResolution: session.videoResolution,
      })),
      stale: cached.stale,
      ageMs: cached.ageMs,
      error: cached.error?.message ?? null,
      source,
    };
  }

  close(): void {
    this.notifications?.close();
    this.notifications = undefined;
    this.connectedTo = undefined;
  }
}
