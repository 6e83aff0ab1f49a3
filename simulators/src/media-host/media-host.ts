import { createReadStream, statSync } from 'node:fs';
import { posterPng } from '../images/png.js';
import { SimServer, html, json, text, type SimRequest, type SimResponse } from '../core/sim-server.js';
import { Simulator } from '../core/simulator.js';
import { escapeXml } from '../core/xml.js';
import { DEFAULT_MEDIA_CACHE, ensureMediaFile } from './media-files.js';
import { flatPlaylistInfo, videoInfo, type HostedPlaylist, type HostedVideo } from './yt-info.js';

export interface MediaHostOptions {
  port?: number;
  videos?: Omit<HostedVideo, 'file'>[];
  playlists?: HostedPlaylist[];
  /** Where generated MP4 files are cached (default: a folder in the OS temp dir). */
  cacheDir?: string;
  ffmpegPath?: string;
  /** Generate the files at start (needs ffmpeg). Default true. */
  generate?: boolean;
}

export const DEFAULT_VIDEOS: Omit<HostedVideo, 'file'>[] = [
  { id: 'Sim0Single1', title: 'Big Buck Bunny (test cut)', channel: 'MediaNest Test Channel', uploadDate: '20080529', seconds: 3, pattern: 'testsrc', tone: 440 },
  { id: 'Sim0Video01', title: 'Loopback Episode One', channel: 'MediaNest Test Channel', uploadDate: '20240105', seconds: 3, pattern: 'testsrc2', tone: 523 },
  { id: 'Sim0Video02', title: 'Loopback Episode Two', channel: 'MediaNest Test Channel', uploadDate: '20240112', seconds: 3, pattern: 'smptebars', tone: 587 },
  { id: 'Sim0Video03', title: 'Loopback Episode Three', channel: 'MediaNest Test Channel', uploadDate: '20240119', seconds: 3, pattern: 'rgbtestsrc', tone: 659 },
];

export const DEFAULT_PLAYLISTS: HostedPlaylist[] = [
  { id: 'PLsim0000000000000000000000000000a', title: 'Loopback Season', channel: 'MediaNest Test Channel', videoIds: ['Sim0Video01', 'Sim0Video02', 'Sim0Video03'] },
];

/**
 * A YouTube stand-in that Debian's real yt-dlp can download from over loopback: direct MP4 files (generic
 * extractor), watch pages with `og:video`, RSS feeds as playlists, and YouTube-shaped info dicts for
 * `--load-info-json`.
 */
export class MediaHostSimulator extends Simulator {
  readonly videos = new Map<string, HostedVideo>();
  readonly playlists = new Map<string, HostedPlaylist>();
  private readonly cacheDir: string;
  private readonly ffmpegPath: string;

  constructor(private readonly options: MediaHostOptions = {}) {
    super(new SimServer({ name: 'media-host', port: options.port, errorResponse: (status, message) => html(status, `<h1>${status}</h1><p>${escapeXml(message)}</p>`) }));
    this.cacheDir = options.cacheDir ?? DEFAULT_MEDIA_CACHE;
    this.ffmpegPath = options.ffmpegPath ?? 'ffmpeg';
    for (const playlist of options.playlists ?? DEFAULT_PLAYLISTS) this.playlists.set(playlist.id, playlist);
    this.registerRoutes();
  }

  async start(): Promise<this> {
    if (this.options.generate ?? true) {
      for (const video of this.options.videos ?? DEFAULT_VIDEOS) await this.addVideo(video);
    }
    await this.http.listen();
    return this;
  }

  /** Generates (or reuses) the MP4 for a video and serves it. */
  async addVideo(video: Omit<HostedVideo, 'file'>): Promise<HostedVideo> {
    const file = await ensureMediaFile({ id: video.id, seconds: video.seconds, pattern: video.pattern, tone: video.tone }, this.cacheDir, this.ffmpegPath);
    const hosted = { ...video, file };
    this.videos.set(video.id, hosted);
    return hosted;
  }

  /** The video disappears (404), as a deleted upload would. */
  removeVideo(id: string): void {
    this.videos.delete(id);
  }

  addPlaylist(playlist: HostedPlaylist): void {
    this.playlists.set(playlist.id, playlist);
  }

  fileUrl(id: string): string {
    return `${this.url}/videos/${id}.mp4`;
  }

  watchUrl(id: string): string {
    return `${this.url}/watch?v=${id}`;
  }

  /** An RSS feed with one `<enclosure>` per video: yt-dlp lists it as a playlist. */
  feedUrl(playlistId: string): string {
    return `${this.url}/feeds/${playlistId}.xml`;
  }

  infoJsonUrl(id: string): string {
    return `${this.url}/info/${id}.json`;
  }

  private serveFile(req: SimRequest, file: string): SimResponse {
    const { size } = statSync(file);
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.header('range') ?? '');
    const { res } = req.raw;
    let start = 0;
    let end = size - 1;
    if (range) {
      start = range[1] ? Number(range[1]) : size - Number(range[2]);
      end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size || start > end) return { status: 416, headers: { 'Content-Range': `bytes */${size}` }, body: '' };
    }
    res.writeHead(range ? 206 : 200, {
      'Content-Type': 'video/mp4',
      'Content-Length': String(end - start + 1),
      'Accept-Ranges': 'bytes',
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file, { start, end }).pipe(res);
    return { status: range ? 206 : 200, handled: true };
  }

  private feed(playlist: HostedPlaylist): string {
    const items = playlist.videoIds
      .map((id) => this.videos.get(id))
      .filter((v): v is HostedVideo => v !== undefined)
      .map((v) => {
        const size = statSync(v.file).size;
        const date = new Date(`${v.uploadDate.slice(0, 4)}-${v.uploadDate.slice(4, 6)}-${v.uploadDate.slice(6, 8)}T12:00:00Z`).toUTCString();
        return `<item><title>${escapeXml(v.title)}</title><guid isPermaLink="false">${v.id}</guid><pubDate>${date}</pubDate>` +
          `<link>${escapeXml(this.watchUrl(v.id))}</link><enclosure url="${escapeXml(this.fileUrl(v.id))}" length="${size}" type="video/mp4"/></item>`;
      })
      .join('\n');
    return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${escapeXml(playlist.title)}</title><link>${escapeXml(this.url)}/playlist?list=${playlist.id}</link><description>${escapeXml(playlist.channel)}</description>\n${items}\n</channel></rss>\n`;
  }

  private registerRoutes(): void {
    const http = this.http;
    http.route('GET|HEAD /videos/{file}', (req) => {
      const video = this.videos.get(req.params.file!.replace(/\.mp4$/, ''));
      return video ? this.serveFile(req, video.file) : html(404, '<h1>404 Not Found</h1>');
    });
    http.route('GET /watch', (req) => {
      const video = this.videos.get(req.query.v ?? '');
      if (!video) return html(404, '<h1>Video unavailable</h1>');
      return html(200, `<!doctype html><html><head><title>${escapeXml(video.title)}</title>
<meta property="og:title" content="${escapeXml(video.title)}"><meta property="og:video" content="${escapeXml(this.fileUrl(video.id))}">
<meta property="og:video:type" content="video/mp4"></head><body><h1>${escapeXml(video.title)}</h1>
<video controls src="${escapeXml(this.fileUrl(video.id))}"></video><p>${escapeXml(video.channel)}</p></body></html>`);
    });
    const feed = (id: string) => {
      const playlist = this.playlists.get(id);
      return playlist ? text(200, this.feed(playlist), 'application/rss+xml; charset=utf-8') : html(404, '<h1>404 Not Found</h1>');
    };
    http.route('GET /feeds/{file}', (req) => feed(req.params.file!.replace(/\.xml$/, '')));
    http.route('GET /playlist', (req) => feed(req.query.list ?? ''));
    http.route('GET /info/{file}', (req) => {
      const id = req.params.file!.replace(/\.json$/, '');
      const video = this.videos.get(id);
      if (video) return json(200, videoInfo(video, this.url));
      const playlist = this.playlists.get(id);
      if (playlist) return json(200, flatPlaylistInfo(playlist, [...this.videos.values()], this.url));
      return json(404, { error: 'not found' });
    });
    http.route('GET /thumbs/{file}', (req) => ({ status: 200, headers: { 'Content-Type': 'image/png' }, body: posterPng(`yt:${req.params.file}`, 320, 180) }));
  }
}

export async function startMediaHost(options: MediaHostOptions = {}): Promise<MediaHostSimulator> {
  return new MediaHostSimulator(options).start();
}
