import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { stableUuid } from '../core/random.js';
import { TYPE_NUMBER, type PlexItem, type PlexLibrary, type PlexSection } from './library.js';
import type { NotificationHub } from './pms-notifications.js';

const VIDEO_EXTENSIONS = new Set(['.mp4', '.mkv', '.m4v', '.mov', '.avi', '.webm', '.ts']);

export interface ScanRecord {
  sectionId: number;
  /** The folder scanned (the section's locations when the refresh named none). */
  paths: string[];
  /** Rating keys of the items the scan added (movies/episodes, plus any new show or season). */
  added: string[];
  /** Why nothing was scanned, when that is the case (path outside the section, missing folder). */
  ignored?: string;
  finishedAt: number;
}

async function walk(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full)));
    else if (entry.isFile() && VIDEO_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) files.push(full);
  }
  return files.sort();
}

function within(child: string, parent: string): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** `Show - s2008e0529 - Title [id].mp4`, `Show - S01E02.mkv`, … → season, episode, title. */
export function parseEpisodeName(file: string): { season?: number; episode?: number; title: string } {
  const base = path.basename(file, path.extname(file));
  const code = /[sS](\d{1,4})[eE](\d{1,6})/.exec(base);
  const afterCode = code ? base.slice(code.index + code[0].length).replace(/^\s*-\s*/, '') : base;
  const title = afterCode.replace(/\s*\[[^\]]+\]\s*$/, '').trim() || base;
  return code ? { season: Number(code[1]), episode: Number(code[2]), title } : { title };
}

/** `Title (2019).mkv` or `Title (2019)/Title (2019).mkv` → title and year. */
export function parseMovieName(file: string): { title: string; year?: number } {
  const base = path.basename(file, path.extname(file));
  const match = /^(.*?)\s*\((\d{4})\)/.exec(base) ?? /^(.*?)\s*\((\d{4})\)/.exec(path.basename(path.dirname(file)));
  return match ? { title: match[1]!.trim(), year: Number(match[2]) } : { title: base };
}

/**
 * The partial scan behind `/library/sections/{id}/refresh?path=`: finds the media files under the path
 * that the library does not know yet and adds them (shows and seasons as needed), with the
 * `activity` and `timeline` notifications a real scan sends.
 */
export class Scanner {
  constructor(
    private readonly library: PlexLibrary,
    private readonly hub: NotificationHub,
    private readonly now: () => number,
  ) {}

  async scan(section: PlexSection, requested: string | undefined, scanNumber: number): Promise<ScanRecord> {
    const uuid = stableUuid('scan', section.id, scanNumber);
    const activity = (event: 'started' | 'updated' | 'ended', progress: number, subtitle = '') =>
      this.hub.activity({
        event,
        uuid,
        Activity: {
          uuid,
          type: 'library.update.section',
          cancellable: false,
          userID: 1,
          title: `Scanning ${section.title}`,
          subtitle,
          progress,
          Context: { librarySectionID: String(section.id) },
        },
      });
    const record: ScanRecord = { sectionId: section.id, paths: requested ? [requested] : [...section.locations], added: [], finishedAt: 0 };
    if (requested && !section.locations.some((location) => within(requested, location))) {
      record.ignored = `${requested} is not inside the locations of section ${section.id} (${section.locations.join(', ')})`;
    } else if (requested && !(await stat(requested).catch(() => undefined))) {
      record.ignored = `${requested} does not exist`;
    }
    activity('started', 0);
    if (!record.ignored) {
      const files = (await Promise.all(record.paths.map((p) => walk(p)))).flat();
      const fresh = files.filter((file) => !this.library.byFilePath(file));
      for (const [i, file] of fresh.entries()) {
        const size = (await stat(file)).size;
        const added = section.type === 'movie' ? [this.addMovie(section, file, size)] : this.addEpisode(section, file, size);
        record.added.push(...added.map((item) => item.ratingKey));
        activity('updated', Math.round(((i + 1) / fresh.length) * 100), path.basename(file));
        const entries = (state: number) =>
          added.map((item) => ({
            identifier: 'com.plexapp.plugins.library' as const,
            sectionID: String(section.id),
            itemID: item.ratingKey,
            type: TYPE_NUMBER[item.type],
            title: item.title,
            state,
            updatedAt: item.updatedAt,
          }));
        this.hub.timeline(entries(0));
        this.hub.timeline(entries(5));
      }
    }
    section.scannedAt = this.now();
    if (record.added.length) section.updatedAt = section.scannedAt;
    activity('ended', 100);
    record.finishedAt = Date.now();
    return record;
  }

  private media(file: string, size: number) {
    const ext = path.extname(file).slice(1).toLowerCase();
    return {
      ...this.library.newMediaIds(),
      duration: Math.max(1000, Math.round((size / 125_000) * 1000)),
      videoResolution: '720' as const,
      width: 1280,
      height: 720,
      videoCodec: 'h264',
      audioCodec: 'aac',
      audioChannels: 2,
      bitrate: 1000,
      container: ext === 'mkv' ? 'mkv' : 'mp4',
      file,
      size,
    };
  }

  private addMovie(section: PlexSection, file: string, size: number): PlexItem {
    const { title, year } = parseMovieName(file);
    const now = this.now();
    return this.library.add({ type: 'movie', sectionId: section.id, title, year, addedAt: now, media: this.media(file, size) });
  }

  private addEpisode(section: PlexSection, file: string, size: number): PlexItem[] {
    const location = section.locations.find((l) => within(file, l)) ?? path.dirname(path.dirname(file));
    const parts = path.relative(location, file).split(path.sep);
    const showTitle = parts.length > 1 ? parts[0]! : path.basename(path.dirname(file));
    const seasonFolder = parts.length > 2 ? /(\d+)/.exec(parts[parts.length - 2]!) : null;
    const parsed = parseEpisodeName(file);
    const seasonNumber = parsed.season ?? (seasonFolder ? Number(seasonFolder[1]) : 1);
    const now = this.now();
    const created: PlexItem[] = [];
    let show = this.library.sectionItems(section.id, 'show').find((s) => s.title === showTitle);
    if (!show) {
      show = this.library.add({ type: 'show', sectionId: section.id, title: showTitle, addedAt: now });
      created.push(show);
    }
    let season = this.library.children(show.ratingKey).find((s) => s.index === seasonNumber);
    if (!season) {
      season = this.library.add({ type: 'season', sectionId: section.id, title: `Season ${seasonNumber}`, index: seasonNumber, parentKey: show.ratingKey, addedAt: now });
      created.push(season);
    }
    const episode = this.library.add({
      type: 'episode',
      sectionId: section.id,
      title: parsed.title,
      index: parsed.episode ?? season.childKeys.length + 1,
      parentKey: season.ratingKey,
      grandparentKey: show.ratingKey,
      addedAt: now,
      media: this.media(file, size),
    });
    created.push(episode);
    return created;
  }
}
