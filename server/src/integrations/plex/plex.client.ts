import type { Upstream } from '../http/index.js';
import { expectPlexOk, parseJson, plexCall, plexHeaders, plexUpstream, unexpectedStatus, type PlexClientIdentity } from '../plextv/plex-http.js';
import { IdentitySchema, ServerInfoSchema, SessionsSchema } from './plex.schemas.js';

export interface PlexServerIdentity {
  machineIdentifier: string;
  version: string | null;
  claimed: boolean;
}

export interface PlexServerInfo {
  machineIdentifier: string;
  friendlyName: string | null;
  version: string | null;
}

/** One playback on the server, as MediaNest shows it. */
export interface PlexSession {
  sessionKey: string;
  ratingKey: string;
  type: string;
  /** "Show — S1 · E2 — Episode" for episodes, the title otherwise. */
  title: string;
  year: number | null;
  thumb: string | null;
  durationMs: number | null;
  viewOffsetMs: number | null;
  user: { plexId: string; name: string };
  player: { title: string | null; product: string | null; state: string; local: boolean | null };
  decision: 'transcode' | 'directplay' | 'copy' | 'unknown';
  videoResolution: string | null;
  transcodeProgress: number | null;
}

/** What MediaNest asks of a Plex Media Server during setup. */
export interface PlexServerClient {
  /** `GET /identity`, which needs no token: is this a Plex server, and which one. */
  identity(baseUrl: string): Promise<PlexServerIdentity>;
  /** `GET /` with the token: proves the token works on that server; UPSTREAM_AUTH when it does not. */
  serverInfo(baseUrl: string, token: string): Promise<PlexServerInfo>;
}

export interface HttpPlexServerClientOptions {
  identity: PlexClientIdentity;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The shared PMS upstream (breaker, rate limit, metrics); a private one when absent. */
  upstream?: Upstream;
}

export interface PlexCallOptions {
  /** No breaker and no retries: setup and "test connection" (see `UpstreamRequest.direct`). */
  direct?: boolean;
}

const SERVICE = 'Plex Media Server';

export function plexUrl(baseUrl: string, path: string): URL {
  return new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
}

/** Plex Media Server over HTTP through the client base: setup checks, status checks and now playing. */
export class HttpPlexServerClient implements PlexServerClient {
  readonly upstream: Upstream;

  constructor(private readonly options: HttpPlexServerClientOptions) {
    this.upstream = plexUpstream('plex', SERVICE, options);
  }

  get clientIdentity(): PlexClientIdentity {
    return this.options.identity;
  }

  private call(operation: string, baseUrl: string, path: string, token: string | undefined, options: PlexCallOptions) {
    return plexCall(this.upstream, {
      operation,
      url: plexUrl(baseUrl, path),
      headers: plexHeaders(this.options.identity, token),
      ...(options.direct ? { direct: true } : {}),
    });
  }

  /** Setup asks about addresses a person typed: a diagnostic call, which the breaker does not count. */
  identity(baseUrl: string, options: PlexCallOptions = { direct: true }): Promise<PlexServerIdentity> {
    return this.readIdentity(baseUrl, options);
  }

  private async readIdentity(baseUrl: string, options: PlexCallOptions): Promise<PlexServerIdentity> {
    const response = await this.call('identity', baseUrl, 'identity', undefined, options);
    if (response.status !== 200) throw unexpectedStatus(SERVICE, response.status);
    const { MediaContainer: body } = parseJson(this.upstream, 'identity', response.text, IdentitySchema);
    return { machineIdentifier: body.machineIdentifier, version: body.version ?? null, claimed: body.claimed ?? false };
  }

  async serverInfo(baseUrl: string, token: string, options: PlexCallOptions = { direct: true }): Promise<PlexServerInfo> {
    const response = await this.call('serverInfo', baseUrl, '', token, options);
    expectPlexOk(SERVICE, response);
    const { MediaContainer: body } = parseJson(this.upstream, 'serverInfo', response.text, ServerInfoSchema);
    return { machineIdentifier: body.machineIdentifier, friendlyName: body.friendlyName ?? null, version: body.version ?? null };
  }

  /** `GET /status/sessions`: who is playing what right now. */
  async sessions(baseUrl: string, token: string, options: PlexCallOptions = {}): Promise<PlexSession[]> {
    const response = await this.call('sessions', baseUrl, 'status/sessions', token, options);
    expectPlexOk(SERVICE, response);
    const body = parseJson(this.upstream, 'sessions', response.text, SessionsSchema);
    return (body.MediaContainer.Metadata ?? []).map((item) => {
      const decisions = (item.Media ?? []).flatMap((media) => (media.Part ?? []).map((part) => part.decision ?? ''));
      const decision = item.TranscodeSession || decisions.includes('transcode')
        ? 'transcode'
        : decisions.includes('copy')
          ? 'copy'
          : decisions.includes('directplay')
            ? 'directplay'
            : 'unknown';
      const title =
        item.type === 'episode' && item.grandparentTitle
          ? `${item.grandparentTitle} — S${item.parentIndex ?? '?'} · E${item.index ?? '?'} — ${item.title}`
          : item.title;
      return {
        sessionKey: item.sessionKey,
        ratingKey: item.ratingKey,
        type: item.type,
        title,
        year: item.year ?? null,
        thumb: item.grandparentThumb ?? item.thumb ?? null,
        durationMs: item.duration ?? null,
        viewOffsetMs: item.viewOffset ?? null,
        user: { plexId: item.User.id, name: item.User.title },
        player: {
          title: item.Player.title ?? null,
          product: item.Player.product ?? null,
          state: item.Player.state,
          local: item.Player.local ?? null,
        },
        decision,
        videoResolution: item.Media?.[0]?.videoResolution ?? null,
        transcodeProgress: item.TranscodeSession?.progress ?? null,
      };
    });
  }
}
