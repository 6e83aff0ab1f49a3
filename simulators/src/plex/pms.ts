import { posterPng } from '../images/png.js';
import { stableHex } from '../core/random.js';
import { SimServer, delay, type SimRequest, type SimResponse } from '../core/sim-server.js';
import { Simulator } from '../core/simulator.js';
import { TYPE_NUMBER, type PlexItem, type PlexLibrary, type SectionInput } from './library.js';
import { generateLibrary, type LibraryOptions } from './library-generator.js';
import { registerLibraryRoutes } from './pms-library-routes.js';
import { container, plexError } from './pms-http.js';
import { NotificationHub } from './pms-notifications.js';
import { Scanner, type ScanRecord } from './pms-scanner.js';
import { Sessions, type PlaybackInput, type PlaybackSession, type PlexViewer } from './pms-sessions.js';

export interface PlexServerOptions {
  port?: number;
  /** A ready library, or options for the generator (default: a small generated library). */
  library?: PlexLibrary | LibraryOptions;
  /** Replaces the generated library's section folders, by section id: `{ 3: ['/tmp/x/youtube'] }`. */
  sectionLocations?: Record<number, string[]>;
  /** Default: derived from the seed (40 hex characters). */
  machineIdentifier?: string;
  friendlyName?: string;
  version?: string;
  ownerUsername?: string;
  /** Tokens the server accepts (token → who). plex.tv wiring adds the owner's and the shared users'. */
  tokens?: Record<string, PlexViewer>;
  /** How long a `refresh` waits before it scans (ms); default 300. */
  scanDelayMs?: number;
  seed?: string | number;
}

export type { PlexViewer, PlaybackInput, PlaybackSession, ScanRecord, SectionInput };

/** Plex Media Server: library browsing, search, posters, sessions, partial scans and the notification websocket. */
export class PlexServerSimulator extends Simulator {
  readonly library: PlexLibrary;
  readonly machineIdentifier: string;
  readonly friendlyName: string;
  readonly version: string;
  readonly notifications: NotificationHub;
  /** Finished scans, oldest first. */
  readonly scans: ScanRecord[] = [];
  scanDelayMs: number;
  private readonly tokens = new Map<string, PlexViewer>();
  private readonly sessions: Sessions;
  private readonly scanner: Scanner;
  private scanWaiters: { predicate: (scan: ScanRecord) => boolean; resolve: (scan: ScanRecord) => void }[] = [];
  private pendingScans = 0;
  private ownerUsername: string;

  constructor(options: PlexServerOptions = {}) {
    const http = new SimServer({ name: 'plex-server', port: options.port, errorResponse: plexError });
    super(http);
    const seed = options.seed ?? 'medianest';
    this.library = options.library && 'sections' in options.library && 'get' in options.library
      ? options.library
      : generateLibrary({ seed, ...(options.library as LibraryOptions | undefined) });
    for (const [id, locations] of Object.entries(options.sectionLocations ?? {})) this.setSectionLocations(Number(id), locations);
    this.machineIdentifier = options.machineIdentifier ?? stableHex(40, seed, 'machine');
    this.friendlyName = options.friendlyName ?? 'MediaNest PMS';
    this.version = options.version ?? '1.40.2.8395-c67dce28e';
    this.ownerUsername = options.ownerUsername ?? 'owner@example.com';
    this.scanDelayMs = options.scanDelayMs ?? 300;
    for (const [token, viewer] of Object.entries(options.tokens ?? {})) this.tokens.set(token, viewer);
    this.notifications = new NotificationHub(http.server, (token) => token !== undefined && this.tokens.has(token));
    this.sessions = new Sessions(this.library, this.notifications);
    this.scanner = new Scanner(this.library, this.notifications, () => Math.floor(Date.now() / 1000));
    this.registerRoutes();
  }

  async start(): Promise<this> {
    await this.http.listen();
    return this;
  }

  /** Accept this token (as the given plex.tv user) from now on. */
  allowToken(token: string, viewer: PlexViewer): void {
    this.tokens.set(token, viewer);
  }

  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  setOwnerUsername(username: string): void {
    this.ownerUsername = username;
  }

  setSectionLocations(sectionId: number, locations: string[]): void {
    const section = this.library.section(sectionId);
    if (!section) throw new Error(`No section ${sectionId}`);
    section.locations = locations;
  }

  /**
   * Adds a movie as if a scan had found it (default: the first movie section, added now) and announces it
   * with `timeline` notifications. For other shapes use `library.add(…)` then `announce(item)`.
   */
  addMovie(input: { title: string; year?: number; sectionId?: number; tmdbId?: number; file?: string }): PlexItem {
    const sectionId = input.sectionId ?? this.library.sections.find((s) => s.type === 'movie')?.id;
    if (sectionId === undefined) throw new Error('No movie section to add a movie to');
    const now = Math.floor(Date.now() / 1000);
    const name = input.year ? `${input.title} (${input.year})` : input.title;
    const file = input.file ?? `${this.library.section(sectionId)?.locations[0] ?? '/data/movies'}/${name}/${name}.mp4`;
    const item = this.library.add({
      type: 'movie', sectionId, title: input.title, year: input.year, addedAt: now, tmdbId: input.tmdbId,
      media: { ...this.library.newMediaIds(), duration: 5_400_000, videoResolution: '1080', width: 1920, height: 1080, videoCodec: 'h264', audioCodec: 'aac', audioChannels: 2, bitrate: 8000, container: 'mp4', file, size: 5_400_000_000 },
    });
    this.announce(item);
    return item;
  }

  /** Sends the `timeline` notifications (created, then done) a real PMS sends for a new item. */
  announce(item: PlexItem): void {
    for (const state of [0, 5]) {
      this.notifications.timeline([{ identifier: 'com.plexapp.plugins.library', sectionID: String(item.sectionId), itemID: item.ratingKey, type: TYPE_NUMBER[item.type], title: item.title, state, updatedAt: item.updatedAt }]);
    }
  }

  /** Starts a playback session (shown by `/status/sessions`, announced as a `playing` notification). */
  startPlayback(input: PlaybackInput): PlaybackSession {
    return this.sessions.start(input);
  }

  updatePlayback(sessionKey: string, change: { state?: 'playing' | 'paused' | 'buffering'; viewOffset?: number }): PlaybackSession {
    return this.sessions.update(sessionKey, change);
  }

  stopPlayback(sessionKey: string): void {
    this.sessions.stop(sessionKey);
  }

  get playbackSessions(): PlaybackSession[] {
    return this.sessions.list();
  }

  /** Runs a scan as `/library/sections/{id}/refresh?path=` would, without the delay; resolves when done. */
  async scanNow(sectionId: number, path?: string): Promise<ScanRecord> {
    const section = this.library.section(sectionId);
    if (!section) throw new Error(`No section ${sectionId}`);
    this.pendingScans += 1;
    try {
      const record = await this.scanner.scan(section, path, this.scans.length + 1);
      this.scans.push(record);
      this.scanWaiters = this.scanWaiters.filter((waiter) => {
        if (!waiter.predicate(record)) return true;
        waiter.resolve(record);
        return false;
      });
      return record;
    } finally {
      this.pendingScans -= 1;
    }
  }

  /** The next scan that finishes (and matches `predicate`), including one already finished if `includeDone`. */
  waitForScan(predicate: (scan: ScanRecord) => boolean = () => true, includeDone = false): Promise<ScanRecord> {
    const done = includeDone ? this.scans.find(predicate) : undefined;
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => this.scanWaiters.push({ predicate, resolve }));
  }

  get scanning(): boolean {
    return this.pendingScans > 0;
  }

  override async close(): Promise<void> {
    this.notifications.close();
    await super.close();
  }

  override async stopListening(): Promise<void> {
    this.notifications.disconnectAll();
    await super.stopListening();
  }

  private viewer(req: SimRequest): PlexViewer | undefined {
    const token = req.header('x-plex-token') ?? req.query['X-Plex-Token'];
    return token ? this.tokens.get(token) : undefined;
  }

  private registerRoutes(): void {
    const http = this.http;
    const authed = (handler: (req: SimRequest) => SimResponse | Promise<SimResponse>) => (req: SimRequest) =>
      this.viewer(req) ? handler(req) : plexError(401, 'Unauthorized');

    http.route('GET /identity', (req) =>
      container(req, { size: 0, claimed: true, machineIdentifier: this.machineIdentifier, version: this.version }),
    );
    http.route('GET /', authed((req) => container(req, this.serverInfo())));

    // Every library route needs a token.
    registerLibraryRoutes((pattern, handler) => http.route(pattern, authed(handler)), this.library, this.machineIdentifier);

    http.route('GET /status/sessions', authed((req) => {
      const metadata = this.sessions.render();
      return container(req, { size: metadata.length, ...(metadata.length ? { Metadata: metadata } : {}) });
    }));

    const refresh = authed((req) => {
      const section = this.library.section(req.params.id!);
      if (!section) return plexError(404, 'Not Found');
      const path = req.query.path;
      this.pendingScans += 1;
      void delay(this.scanDelayMs).then(async () => {
        this.pendingScans -= 1;
        await this.scanNow(section.id, path);
      });
      return { status: 200, headers: { 'Content-Type': 'text/html' }, body: '' };
    });
    http.route('GET|POST /library/sections/{id}/refresh', refresh);

    const image = (key: string, width?: string, height?: string): SimResponse => ({
      status: 200,
      headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=3600' },
      body: posterPng(key, Number(width) || 200, Number(height) || 300),
    });
    http.route('GET /photo/:/transcode', authed((req) => {
      const url = req.query.url;
      if (!url) return plexError(400, 'Bad Request');
      const match = /^\/library\/metadata\/(\d+)\/(thumb|art)/.exec(url);
      if (match && !this.library.get(match[1]!)) return plexError(404, 'Not Found');
      return image(match ? `${match[1]}:${match[2]}` : url, req.query.width, req.query.height);
    }));
    http.route('GET /library/metadata/{id}/{kind}/{ts}', authed((req) => {
      if (!this.library.get(req.params.id!) || !['thumb', 'art'].includes(req.params.kind!)) return plexError(404, 'Not Found');
      return image(`${req.params.id}:${req.params.kind}`);
    }));
    http.route('GET /:/resources/{file}', authed((req) => image(`resource:${req.params.file}`)));
  }

  private serverInfo() {
    return {
      size: 25, allowCameraUpload: true, allowChannelAccess: true, allowMediaDeletion: true, allowSharing: true,
      allowSync: true, allowTuners: true, backgroundProcessing: true, certificate: true, companionProxy: true,
      countryCode: 'usa', diagnostics: 'logs,databases,streaminglogs', eventStream: true,
      friendlyName: this.friendlyName, hubSearch: true, itemClusters: true, livetv: 7,
      machineIdentifier: this.machineIdentifier, mediaProviders: true, multiuser: true, musicAnalysis: 2, myPlex: true,
      myPlexMappingState: 'mapped', myPlexSigninState: 'ok', myPlexSubscription: true, myPlexUsername: this.ownerUsername,
      offlineTranscode: 1, ownerFeatures: 'camera_upload,download_certificates,federated-auth', platform: 'Linux',
      platformVersion: '22.04', pluginHost: true, pushNotifications: false, readOnlyLibraries: false,
      streamingBrainABRVersion: 3, streamingBrainVersion: 2, sync: true,
      transcoderActiveVideoSessions: this.sessions.list().filter((s) => s.transcode).length, transcoderAudio: true,
      transcoderLyrics: true, transcoderPhoto: true, transcoderSubtitles: true, transcoderVideo: true,
      transcoderVideoBitrates: '64,96,208,320,720,1500,2000,3000,4000,8000,10000,12000,20000',
      transcoderVideoQualities: '0,1,2,3,4,5,6,7,8,9,10,11,12',
      transcoderVideoResolutions: '128,128,160,240,320,480,768,720,720,1080,1080,1080,1080',
      updatedAt: 1717000000, updater: true, version: this.version, voiceSearch: true,
      Directory: [{ count: 1, key: 'library', title: 'library' }, { count: 1, key: 'status', title: 'status' }],
    };
  }
}

/** Starts a Plex Media Server simulator on an ephemeral loopback port. */
export async function startPlexServer(options: PlexServerOptions = {}): Promise<PlexServerSimulator> {
  return new PlexServerSimulator(options).start();
}
