import type { PlexLibrary } from './library.js';
import type { NotificationHub } from './pms-notifications.js';
import { renderItem, type PlexObject } from './render.js';

export interface PlexViewer {
  /** The plex.tv account id. */
  id: number;
  title: string;
  thumb?: string;
}

export interface PlaybackInput {
  ratingKey: string;
  user: PlexViewer;
  state?: 'playing' | 'paused' | 'buffering';
  viewOffset?: number;
  /** Adds a `TranscodeSession` (the item is transcoded instead of played directly). */
  transcode?: boolean;
  player?: { title?: string; product?: string; platform?: string; local?: boolean; address?: string };
}

export interface PlaybackSession extends Required<Omit<PlaybackInput, 'player'>> {
  sessionKey: string;
  clientIdentifier: string;
  player: Required<NonNullable<PlaybackInput['player']>>;
}

/** Now playing: what `/status/sessions` lists, with `playing` notifications on every change. */
export class Sessions {
  private readonly sessions = new Map<string, PlaybackSession>();
  private nextKey = 200;

  constructor(
    private readonly library: PlexLibrary,
    private readonly hub: NotificationHub,
  ) {}

  list(): PlaybackSession[] {
    return [...this.sessions.values()];
  }

  start(input: PlaybackInput): PlaybackSession {
    if (!this.library.get(input.ratingKey)) throw new Error(`No item with rating key ${input.ratingKey}`);
    const sessionKey = String(this.nextKey++);
    const session: PlaybackSession = {
      ratingKey: input.ratingKey,
      user: input.user,
      state: input.state ?? 'playing',
      viewOffset: input.viewOffset ?? 0,
      transcode: input.transcode ?? false,
      sessionKey,
      clientIdentifier: `player-${sessionKey}-${input.user.id}`,
      player: {
        title: input.player?.title ?? 'Living Room TV',
        product: input.player?.product ?? 'Plex for Android (TV)',
        platform: input.player?.platform ?? 'Android',
        local: input.player?.local ?? true,
        address: input.player?.address ?? '10.0.0.42',
      },
    };
    this.sessions.set(sessionKey, session);
    this.notify(session);
    return session;
  }

  update(sessionKey: string, change: { state?: PlaybackSession['state']; viewOffset?: number }): PlaybackSession {
    const session = this.sessions.get(sessionKey);
    if (!session) throw new Error(`No playback session ${sessionKey}`);
    Object.assign(session, change);
    this.notify(session);
    return session;
  }

  stop(sessionKey: string): void {
    const session = this.sessions.get(sessionKey);
    if (!session) return;
    this.sessions.delete(sessionKey);
    this.notify(session, 'stopped');
  }

  private notify(session: PlaybackSession, state: PlaybackSession['state'] | 'stopped' = session.state): void {
    this.hub.playing({
      sessionKey: session.sessionKey,
      clientIdentifier: session.clientIdentifier,
      guid: this.library.get(session.ratingKey)?.guid ?? '',
      ratingKey: session.ratingKey,
      url: '',
      key: `/library/metadata/${session.ratingKey}`,
      viewOffset: session.viewOffset,
      playQueueItemID: Number(session.sessionKey) * 10,
      state,
    });
  }

  /** `/status/sessions` items: here `librarySectionID`, `User.id` and `Media.id` are strings, as on a real PMS. */
  render(): PlexObject[] {
    const out: PlexObject[] = [];
    for (const session of this.sessions.values()) {
      const item = this.library.get(session.ratingKey);
      if (!item) continue;
      const base = renderItem(this.library, item, { withSection: true });
      const media = item.media;
      const rendered: PlexObject = {
        ...base,
        librarySectionID: String(item.sectionId),
        sessionKey: session.sessionKey,
        viewOffset: session.viewOffset,
        Media: media
          ? [{ id: String(media.id), videoResolution: media.videoResolution, bitrate: media.bitrate, container: media.container, selected: true, Part: [{ id: String(media.partId), key: `/library/parts/${media.partId}/${item.addedAt}/file.${media.container}`, decision: session.transcode ? 'transcode' : 'directplay' }] }]
          : [],
        User: { id: String(session.user.id), thumb: session.user.thumb ?? '', title: session.user.title },
        Player: {
          address: session.player.address,
          machineIdentifier: session.clientIdentifier,
          model: 'standalone',
          platform: session.player.platform,
          platformVersion: '13',
          product: session.player.product,
          profile: 'Android',
          remotePublicAddress: '203.0.113.50',
          state: session.state,
          title: session.player.title,
          version: '10.20.0',
          local: session.player.local,
          relayed: false,
          secure: true,
          userID: session.user.id,
        },
        Session: { id: `session-${session.sessionKey}`, bandwidth: media ? media.bitrate + 500 : 1000, location: session.player.local ? 'lan' : 'wan' },
      };
      delete rendered.Genre;
      delete rendered.Director;
      delete rendered.Writer;
      delete rendered.Role;
      delete rendered.Country;
      if (session.transcode && media) {
        rendered.TranscodeSession = {
          key: `/transcode/sessions/${session.clientIdentifier}`,
          throttled: false,
          complete: false,
          progress: 12.5,
          speed: 3.1,
          duration: media.duration,
          context: 'streaming',
          sourceVideoCodec: media.videoCodec,
          sourceAudioCodec: media.audioCodec,
          protocol: 'dash',
          transcodeHwRequested: true,
        };
      }
      out.push(rendered);
    }
    return out;
  }
}
