#!/usr/bin/env node
// A stand-in for yt-dlp in unit tests: same flags, same output lines, chosen failures.
// Behaviour (env var, or the same name as a URL query parameter in lower case, e.g. ?fake_error=private):
//   FAKE_YTDLP_ERROR     private | unavailable | geo | age | members | live | 429 | nospace | network
//   FAKE_YTDLP_EXIT      exit code to use instead of the default (1 on error, 0 otherwise)
//   FAKE_YTDLP_STEPS     progress lines per download (default 5)
//   FAKE_YTDLP_DELAY_MS  pause between progress lines (default 20)
//   FAKE_YTDLP_SIZE      bytes written per file (default 65536)
//   FAKE_YTDLP_COUNT     videos in a playlist URL (default 3)
//   FAKE_YTDLP_LOG       append one JSON line per invocation (argv, cwd) to this file
// Playlists: any URL with `list=` or `/playlist`. Ids come from `v=`, `/shorts/<id>`, `youtu.be/<id>` or the last path part.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const VERSION = '2023.03.04';
const argv = process.argv.slice(2);
const opts = { outtmpl: '%(title)s [%(id)s].%(ext)s', paths: {}, print: [], urls: [], progressTemplate: undefined };
const takesValue = new Set(['-o', '--output', '-P', '--paths', '--print', '-O', '--progress-template', '-f', '--format', '--download-archive', '--limit-rate', '-r', '--load-info-json', '--merge-output-format', '--cookies', '--extractor-args', '--remux-video', '--sleep-interval', '--retries', '--socket-timeout', '--playlist-items', '-I', '--match-filter', '--user-agent', '--ffmpeg-location', '--concurrent-fragments', '-N', '--exec', '--parse-metadata', '--sponsorblock-remove', '--max-downloads', '--format-sort', '-S', '--datebefore', '--dateafter', '--convert-thumbnails']);
for (let i = 0; i < argv.length; i += 1) {
  const arg = argv[i];
  const value = () => argv[++i];
  if (arg === '--version') { process.stdout.write(`${VERSION}\n`); process.exit(0); }
  else if (arg === '-J' || arg === '--dump-single-json') opts.dumpSingle = true;
  else if (arg === '-j' || arg === '--dump-json') opts.dumpJson = true;
  else if (arg === '--flat-playlist') opts.flat = true;
  else if (arg === '--newline') opts.newline = true;
  else if (arg === '--progress') opts.progress = true;
  else if (arg === '--no-progress') opts.noProgress = true;
  else if (arg === '-q' || arg === '--quiet') opts.quiet = true;
  else if (arg === '--no-simulate') opts.noSimulate = true;
  else if (arg === '-s' || arg === '--simulate') opts.simulate = true;
  else if (arg === '-o' || arg === '--output') opts.outtmpl = value();
  else if (arg === '-P' || arg === '--paths') { const v = value(); const m = /^(\w+):(.*)$/.exec(v); if (m && m[1] !== 'C' && m[1].length > 1) opts.paths[m[1]] = m[2]; else opts.paths.home = v; }
  else if (arg === '--print' || arg === '-O') opts.print.push(value());
  else if (arg === '--progress-template') opts.progressTemplate = value();
  else if (arg === '--download-archive') opts.archive = value();
  else if (arg === '--load-info-json') opts.infoJson = value();
  else if (takesValue.has(arg)) value();
  else if (arg.startsWith('-')) { /* other flags are accepted and ignored */ }
  else opts.urls.push(arg);
}
if (process.env.FAKE_YTDLP_LOG) appendFileSync(process.env.FAKE_YTDLP_LOG, `${JSON.stringify({ argv, cwd: process.cwd() })}\n`);

const out = (line) => process.stdout.write(`${line}\n`);
const err = (line) => process.stderr.write(`${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const anyPrint = opts.print.length > 0;
// yt-dlp: --print implies --quiet, and --quiet implies --no-progress unless --progress is given.
const quiet = opts.quiet || anyPrint || opts.dumpSingle || opts.dumpJson;
const showProgress = !opts.noProgress && (!quiet || opts.progress);
const simulate = opts.simulate || ((opts.dumpSingle || opts.dumpJson) && !opts.noSimulate) || (anyPrint && !opts.noSimulate && !opts.print.some((p) => /^(after_move|post_process|after_video|playlist):/.test(p)));

function setting(name, url) {
  const param = name.toLowerCase().replace('fake_ytdlp_', 'fake_');
  const fromUrl = url ? new URL(url, 'https://www.youtube.com').searchParams.get(param) : null;
  return fromUrl ?? process.env[name];
}

function idOf(url) {
  const u = new URL(url, 'https://www.youtube.com');
  return u.searchParams.get('v') ?? /\/shorts\/([\w-]+)/.exec(u.pathname)?.[1] ?? (u.pathname.split('/').filter(Boolean).pop() || 'dQw4w9WgXcQ').replace(/\.\w+$/, '');
}

function hash(text) { let h = 2166136261; for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0; return h; }
function fakeId(seed, i) { const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'; let h = hash(`${seed}:${i}`); let id = ''; for (let k = 0; k < 11; k += 1) { id += chars[h % 64]; h = Math.imul(h ^ (h >>> 13), 2654435761) >>> 0; } return id; }

const VERSION_INFO = { version: VERSION, current_git_head: null, release_git_head: '392389b7df7b818f794b231f14687396d8b6c5e0', repository: 'yt-dlp/yt-dlp' };

function videoInfo(id, playlist, index) {
  const h = hash(id);
  const channel = playlist?.channel ?? `Channel ${h % 97}`;
  const day = 1 + (h % 28);
  const upload = `2024${String(1 + (h % 12)).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  const duration = 60 + (h % 900);
  const title = `Fake video ${id}`;
  const url = `https://www.youtube.com/watch?v=${id}`;
  const info = {
    id, title, fulltitle: title, display_id: id, description: `A fake video (${id}).`, duration,
    duration_string: `${Math.floor(duration / 60)}:${String(duration % 60).padStart(2, '0')}`, upload_date: upload,
    timestamp: Math.floor(Date.parse(`${upload.slice(0, 4)}-${upload.slice(4, 6)}-${upload.slice(6)}T12:00:00Z`) / 1000),
    release_timestamp: null, release_date: null, release_year: null, uploader: channel, uploader_id: `@${channel.replace(/\W/g, '')}`,
    uploader_url: `https://www.youtube.com/@${channel.replace(/\W/g, '')}`, channel, channel_id: `UC${fakeId(channel, 0)}${fakeId(channel, 1)}`.slice(0, 24),
    channel_url: `https://www.youtube.com/channel/UC${fakeId(channel, 0)}`, channel_follower_count: 1000 + (h % 5000), channel_is_verified: false,
    view_count: h % 100000, like_count: h % 5000, comment_count: h % 300, age_limit: 0, categories: ['Education'], tags: ['fake'],
    availability: 'public', live_status: 'not_live', is_live: false, was_live: false, playable_in_embed: true, media_type: 'video',
    thumbnail: `https://i.ytimg.com/vi/${id}/maxresdefault.jpg`,
    thumbnails: [{ url: `https://i.ytimg.com/vi/${id}/maxresdefault.jpg`, preference: -1, id: '0', height: 720, width: 1280, resolution: '1280x720' }],
    chapters: null, subtitles: {}, automatic_captions: {}, webpage_url: url, original_url: url, webpage_url_basename: 'watch',
    webpage_url_domain: 'youtube.com', extractor: 'youtube', extractor_key: 'Youtube', playlist: playlist?.title ?? null,
    playlist_index: index ?? null, _type: 'video',
    formats: [{ format_id: '18', ext: 'mp4', vcodec: 'avc1.42001E', acodec: 'mp4a.40.2', width: 640, height: 360, fps: 25, url: `https://rr1---sn-fake.googlevideo.com/videoplayback?id=${id}`, protocol: 'https', filesize: 44000000, tbr: 590.3, format: '18 - 640x360 (360p)' }],
    format_id: '137+140', format: '137 - 1920x1080 (1080p)+140 - audio only (medium)', ext: 'mp4', width: 1920, height: 1080,
    resolution: '1920x1080', fps: 25, vcodec: 'avc1.640028', acodec: 'mp4a.40.2', epoch: Math.floor(Date.now() / 1000), _version: VERSION_INFO,
  };
  if (playlist) Object.assign(info, { playlist_id: playlist.id, playlist_title: playlist.title, playlist_count: playlist.count, playlist_uploader: channel, playlist_channel: channel, playlist_channel_id: info.channel_id, n_entries: playlist.count });
  return info;
}

function playlistOf(url) {
  const u = new URL(url, 'https://www.youtube.com');
  const id = u.searchParams.get('list') ?? `PL${fakeId(url, 9)}`;
  const count = Number(setting('FAKE_YTDLP_COUNT', url) ?? 3);
  return { id, title: `Fake playlist ${id}`, channel: `Channel ${hash(id) % 97}`, count, ids: Array.from({ length: count }, (_, i) => fakeId(id, i)), url };
}

function flatEntry(info) {
  return { _type: 'url', ie_key: 'Youtube', id: info.id, url: info.webpage_url, title: info.title, description: null, duration: info.duration,
    channel_id: info.channel_id, channel: info.channel, channel_url: info.channel_url, uploader: info.uploader, uploader_id: info.uploader_id,
    uploader_url: info.uploader_url, thumbnails: [{ url: `https://i.ytimg.com/vi/${info.id}/hqdefault.jpg`, height: 94, width: 168 }],
    timestamp: null, release_timestamp: null, availability: null, view_count: info.view_count, live_status: null, channel_is_verified: false, __x_forwarded_for_ip: null };
}

function playlistInfo(playlist, entries) {
  const first = entries[0] ?? {};
  return { id: playlist.id, title: playlist.title, availability: 'public', channel_follower_count: null, description: '', tags: [],
    modified_date: '20240120', view_count: 99, playlist_count: playlist.count, thumbnails: [], channel: playlist.channel,
    channel_id: first.channel_id ?? null, channel_url: first.channel_url ?? null, uploader: playlist.channel, uploader_id: first.uploader_id ?? null,
    uploader_url: first.uploader_url ?? null, _type: 'playlist', entries, extractor_key: 'YoutubeTab', extractor: 'youtube:tab',
    webpage_url: playlist.url, original_url: playlist.url, webpage_url_basename: 'playlist', webpage_url_domain: 'youtube.com',
    release_year: null, epoch: Math.floor(Date.now() / 1000), _version: VERSION_INFO };
}

function field(info, expr) {
  const [name, fmt] = expr.split('>');
  let value = name.split('.').reduce((v, k) => (v == null ? undefined : v[k]), info);
  if (fmt && typeof value === 'string' && /^\d{8}$/.test(value)) value = fmt.replace('%Y', value.slice(0, 4)).replace('%m', value.slice(4, 6)).replace('%d', value.slice(6, 8));
  return value;
}

function render(template, info) {
  // A bare field name (`--print filepath`) means that field.
  if (/^[\w.]+(>[^%]*)?$/.test(template)) template = `%(${template})s`;
  return template.replace(/%\(([^)]+)\)([sdf])/g, (_, expr, conv) => {
    const value = field(info, expr);
    if (value === undefined || value === null) return 'NA';
    if (conv === 'd') return String(Math.trunc(Number(value)));
    return String(value);
  });
}

function sanitize(text) { return text.replace(/[/\\]/g, '⧸').replace(/[:]/g, '：').replace(/[?]/g, '？'); }

function outputPath(info) {
  const safe = { ...info };
  for (const key of ['title', 'fulltitle', 'channel', 'uploader', 'playlist', 'playlist_title']) if (typeof safe[key] === 'string') safe[key] = sanitize(safe[key]);
  const rel = render(opts.outtmpl, safe);
  const home = opts.paths.home ?? '.';
  return path.isAbsolute(rel) ? rel : path.join(home, rel);
}

const MESSAGES = {
  private: (id) => `ERROR: [youtube] ${id}: Private video. Sign in if you've been granted access to this video`,
  unavailable: (id) => `ERROR: [youtube] ${id}: Video unavailable. This video has been removed by the uploader`,
  geo: (id) => `ERROR: [youtube] ${id}: The uploader has not made this video available in your country`,
  age: (id) => `ERROR: [youtube] ${id}: Sign in to confirm your age. This video may be inappropriate for some users. Use --cookies-from-browser or --cookies for the authentication. See  https://github.com/yt-dlp/yt-dlp/wiki/FAQ#how-do-i-pass-cookies-to-yt-dlp  for how to manually pass cookies. Also see  https://github.com/yt-dlp/yt-dlp/wiki/Extractors#exporting-youtube-cookies  for tips on effectively exporting YouTube cookies`,
  members: (id) => `ERROR: [youtube] ${id}: Join this channel to get access to members-only content like this video, and other exclusive perks.`,
  live: (id) => `ERROR: [youtube] ${id}: This live event will begin in a few moments.`,
  429: (id) => `ERROR: [youtube] ${id}: Unable to download webpage: HTTP Error 429: Too Many Requests (caused by <HTTPError 429: 'Too Many Requests'>)`,
  network: (id) => `ERROR: [youtube] ${id}: Unable to download webpage: <urlopen error [Errno -3] Temporary failure in name resolution> (caused by TransportError('<urlopen error [Errno -3] Temporary failure in name resolution>'))`,
  nospace: () => 'ERROR: unable to write data: [Errno 28] No space left on device',
};

function fmtBytes(n) { const units = ['B', 'KiB', 'MiB', 'GiB']; let u = 0; let v = n; while (v >= 1024 && u < units.length - 1) { v /= 1024; u += 1; } return `${v.toFixed(2)}${units[u]}`; }

async function download(info, url) {
  const error = setting('FAKE_YTDLP_ERROR', url);
  if (!quiet) out(`[youtube] Extracting URL: ${url}`);
  if (!quiet) out(`[youtube] ${info.id}: Downloading webpage`);
  if (error && error !== 'nospace') { err(MESSAGES[error] ? MESSAGES[error](info.id) : `ERROR: [youtube] ${info.id}: ${error}`); return false; }
  if (opts.archive && existsSync(opts.archive) && readFileSync(opts.archive, 'utf8').split('\n').includes(`youtube ${info.id}`)) {
    if (!quiet) out(`[download] ${info.title} has already been recorded in the archive`);
    return true;
  }
  for (const p of opts.print.filter((t) => !/^\w+:/.test(t) || t.startsWith('video:'))) out(render(p.replace(/^video:/, ''), info));
  if (simulate) return true;
  const file = outputPath(info);
  if (!quiet) out(`[info] ${info.id}: Downloading 1 format(s): ${info.format_id}`);
  if (!quiet) out(`[download] Destination: ${file}`);
  const size = Number(setting('FAKE_YTDLP_SIZE', url) ?? 65536);
  const steps = Math.max(1, Number(setting('FAKE_YTDLP_STEPS', url) ?? 5));
  const wait = Number(setting('FAKE_YTDLP_DELAY_MS', url) ?? 20);
  mkdirSync(path.dirname(file), { recursive: true });
  const speed = 2_500_000;
  const part = `${file}.part`;
  for (let s = 1; s <= steps; s += 1) {
    const done = Math.round((size * s) / steps);
    if (error === 'nospace' && s > steps / 2) { err(MESSAGES.nospace()); return false; }
    writeFileSync(part, Buffer.alloc(done, 7));
    if (showProgress) {
      const percent = `${((done / size) * 100).toFixed(1)}%`.padStart(6);
      const eta = Math.max(0, Math.round((size - done) / speed));
      if (opts.progressTemplate) {
        const template = opts.progressTemplate.replace(/^download:/, '');
        const progress = { _percent_str: percent, speed: speed + s * 1000.5, eta, downloaded_bytes: done, total_bytes: size, status: 'downloading', filename: file };
        out(render(template, { progress, info }));
      } else {
        out(`[download] ${percent} of ${fmtBytes(size).padStart(10)} at ${fmtBytes(speed).padStart(10)}/s ETA 00:${String(eta).padStart(2, '0')}`);
      }
    }
    await sleep(wait);
  }
  renameSync(part, file);
  if (showProgress && !opts.progressTemplate) out(`[download] 100% of ${fmtBytes(size).padStart(10)} in 00:00:01 at ${fmtBytes(speed)}/s`);
  if (opts.archive) appendFileSync(opts.archive, `youtube ${info.id}\n`);
  for (const p of opts.print.filter((t) => /^(after_move|post_process|after_video):/.test(t))) out(render(p.replace(/^\w+:/, ''), { ...info, filepath: path.resolve(file), filename: file }));
  return true;
}

async function main() {
  if (opts.infoJson) opts.urls.push(`info-json:${opts.infoJson}`);
  if (opts.urls.length === 0) { err('Usage: yt-dlp [OPTIONS] URL [URL...]\n\nyt-dlp: error: You must provide at least one URL.\nType yt-dlp --help to see a list of all options.'); return 2; }
  let failed = false;
  for (const url of opts.urls) {
    if (url.startsWith('info-json:')) {
      const info = JSON.parse(readFileSync(url.slice(10), 'utf8'));
      failed = !(await download(info, info.webpage_url ?? info.id)) || failed;
      continue;
    }
    if (!/^https?:\/\//.test(url)) { err(`ERROR: [generic] '${url}' is not a valid URL. Set --default-search "ytsearch" (or run  yt-dlp "ytsearch:${url}" ) to search YouTube`); failed = true; continue; }
    const isPlaylist = /[?&]list=|\/playlist/.test(url) && !/[?&]v=/.test(url);
    if (!isPlaylist) {
      const info = videoInfo(idOf(url));
      if ((opts.dumpSingle || opts.dumpJson) && !setting('FAKE_YTDLP_ERROR', url)) { out(JSON.stringify(info)); continue; }
      failed = !(await download(info, url)) || failed;
      continue;
    }
    const playlist = playlistOf(url);
    const infos = playlist.ids.map((id, i) => videoInfo(id, playlist, i + 1));
    if (opts.dumpSingle) { out(JSON.stringify(playlistInfo(playlist, opts.flat ? infos.map(flatEntry) : infos))); continue; }
    if (opts.dumpJson) { for (const info of infos) out(JSON.stringify(opts.flat ? flatEntry(info) : info)); continue; }
    if (!quiet) out(`[youtube:tab] Extracting URL: ${url}\n[download] Downloading playlist: ${playlist.title}\n[youtube:tab] Playlist ${playlist.title}: Downloading ${infos.length} items of ${infos.length}`);
    for (const [i, info] of infos.entries()) {
      if (!quiet) out(`[download] Downloading item ${i + 1} of ${infos.length}`);
      failed = !(await download(info, `https://www.youtube.com/watch?v=${info.id}&${new URL(url).searchParams}`)) || failed;
    }
    if (!quiet) out(`[download] Finished downloading playlist: ${playlist.title}`);
  }
  const forced = setting('FAKE_YTDLP_EXIT', opts.urls[0]);
  if (forced !== undefined && forced !== null) return Number(forced);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (error) => { err(`ERROR: ${error.message}`); process.exit(1); });
