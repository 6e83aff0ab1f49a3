import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { plexContract } from '../contracts/contracts.js';
import { expectContractKept, pngSize } from '../test-support/helpers.js';
import type { PlexNotification } from './pms-notifications.js';
import { PlexServerSimulator } from './pms.js';

const TOKEN = 'pms-test-token';
const H = { Accept: 'application/json', 'X-Plex-Token': TOKEN, 'X-Plex-Client-Identifier': 'medianest-test' };

type Container = { MediaContainer: Record<string, unknown> & { Metadata?: Record<string, unknown>[]; size: number; totalSize?: number } };

describe('Plex Media Server simulator', () => {
  let pms: PlexServerSimulator;
  let media: string;
  const get = async (p: string, headers: Record<string, string> = H) => {
    const res = await fetch(`${pms.url}${p}`, { headers });
    return { res, body: res.headers.get('content-type') === 'application/json' ? ((await res.json()) as Container) : undefined };
  };

  beforeAll(async () => {
    media = mkdtempSync(path.join(tmpdir(), 'pms-sim-'));
    pms = await new PlexServerSimulator({
      library: { movies: 40, shows: 4, collections: 3 },
      sectionLocations: { 3: [path.join(media, 'youtube')], 1: [path.join(media, 'movies')] },
      tokens: { [TOKEN]: { id: 1, title: 'owner' } },
      scanDelayMs: 20,
    }).start();
    pms.checkContract(plexContract);
  });
  afterAll(async () => {
    expectContractKept(pms, 15);
    await pms.close();
    rmSync(media, { recursive: true, force: true });
  });

  it('answers /identity without a token and everything else with 401 (HTML) without one', async () => {
    const { res, body } = await get('/identity', { Accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(body?.MediaContainer).toEqual({ size: 0, claimed: true, machineIdentifier: pms.machineIdentifier, version: pms.version });
    const denied = await fetch(`${pms.url}/library/sections`, { headers: { Accept: 'application/json', 'X-Plex-Client-Identifier': 'x' } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${pms.url}/library/sections?X-Plex-Token=${TOKEN}`, { headers: { Accept: 'application/json' } })).status).toBe(200);
  });

  it('sends JSON with exactly application/json when asked, XML otherwise', async () => {
    const json = await fetch(`${pms.url}/library/sections`, { headers: H });
    expect(json.headers.get('content-type')).toBe('application/json');
    const xml = await fetch(`${pms.url}/library/sections`, { headers: { 'X-Plex-Token': TOKEN } });
    expect(xml.headers.get('content-type')).toContain('text/xml');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(await xml.text()) as { MediaContainer: { Directory: { key: string; title: string }[] } };
    expect(parsed.MediaContainer.Directory.map((d) => d.title)).toEqual(pms.library.sections.map((s) => s.title));
  });

  it('lists sections with string keys and their folders', async () => {
    const { body } = await get('/library/sections');
    const dirs = body!.MediaContainer.Directory as { key: string; type: string; Location: { path: string }[] }[];
    expect(dirs.map((d) => d.key)).toEqual(['1', '2', '3']);
    expect(dirs[2]?.Location[0]?.path).toBe(path.join(media, 'youtube'));
    await get('/library/sections/all');
  });

  it('pages a section with Plex headers and fields; Size=0 gives only the total', async () => {
    const all = pms.library.sectionItems(1);
    const { res, body } = await get('/library/sections/1/all?includeGuids=1', { ...H, 'X-Plex-Container-Start': '10', 'X-Plex-Container-Size': '5' });
    expect(res.headers.get('x-plex-container-start')).toBe('10');
    expect(res.headers.get('x-plex-container-total-size')).toBe(String(all.length));
    expect(body!.MediaContainer).toMatchObject({ offset: 10, size: 5, totalSize: all.length });
    const items = body!.MediaContainer.Metadata!;
    expect(items.map((i) => i.ratingKey)).toEqual(all.slice(10, 15).map((i) => i.ratingKey));
    expect(typeof items[0]!.ratingKey).toBe('string');
    expect(typeof items[0]!.addedAt).toBe('number');
    expect(items[0]!.Guid).toEqual(expect.arrayContaining([{ id: `tmdb://${all[10]!.tmdbId}` }]));
    const countOnly = await get('/library/sections/1/all?X-Plex-Container-Size=0');
    expect(countOnly.body!.MediaContainer).toMatchObject({ size: 0, totalSize: all.length });
    expect(countOnly.body!.MediaContainer.Metadata).toBeUndefined();
  });

  it('filters by type, addedAt and sorts by addedAt descending', async () => {
    const episodes = pms.library.sectionItems(2, 'episode');
    const { body } = await get('/library/sections/2/all?type=4&X-Plex-Container-Size=3');
    expect(body!.MediaContainer.totalSize).toBe(episodes.length);
    expect(body!.MediaContainer.Metadata!.every((m) => m.type === 'episode' && typeof m.grandparentTitle === 'string')).toBe(true);
    const since = [...pms.library.sectionItems(1)].sort((a, b) => b.addedAt - a.addedAt)[4]!.addedAt;
    const recent = await get(`/library/sections/1/all?type=1&sort=addedAt%3Adesc&addedAt>>=${since}`);
    const added = recent.body!.MediaContainer.Metadata!.map((m) => m.addedAt as number);
    expect(added.length).toBeGreaterThanOrEqual(5);
    expect(added).toEqual([...added].sort((a, b) => b - a));
    expect(added.every((a) => a >= since)).toBe(true);
    expect((await get('/library/sections/1/all?type=99')).res.status).toBe(400);
    expect((await get('/library/sections/42/all')).res.status).toBe(404);
  });

  it('returns metadata with full detail (comma-separated keys), children, leaves, and 404 for unknown keys', async () => {
    const [a, b] = pms.library.sectionItems(1);
    const { body } = await get(`/library/metadata/${a!.ratingKey},${b!.ratingKey}`);
    const [first] = body!.MediaContainer.Metadata!;
    expect(body!.MediaContainer.Metadata).toHaveLength(2);
    expect(first).toMatchObject({ ratingKey: a!.ratingKey, title: a!.title, librarySectionID: 1 });
    expect((first!.Media as { Part: { Stream: unknown[] }[] }[])[0]!.Part[0]!.Stream).toHaveLength(2);
    const show = pms.library.sectionItems(2)[0]!;
    const seasons = await get(`/library/metadata/${show.ratingKey}/children`);
    expect(seasons.body!.MediaContainer.Metadata!.map((s) => s.type)).toEqual(show.childKeys.map(() => 'season'));
    const season = seasons.body!.MediaContainer.Metadata![0]!;
    const episodes = await get(`/library/metadata/${season.ratingKey as string}/children`);
    expect(episodes.body!.MediaContainer.Metadata![0]).toMatchObject({ type: 'episode', parentRatingKey: season.ratingKey, grandparentTitle: show.title, index: 1 });
    const leaves = await get(`/library/metadata/${show.ratingKey}/allLeaves`);
    expect(leaves.body!.MediaContainer.size).toBe(pms.library.leaves(show.ratingKey).length);
    expect((await get('/library/metadata/999999')).res.status).toBe(404);
  });

  it('lists recently added items newest first, across sections and per section', async () => {
    const { body } = await get('/library/recentlyAdded?X-Plex-Container-Size=5');
    const items = body!.MediaContainer.Metadata!;
    expect(items.map((i) => i.ratingKey)).toEqual(pms.library.recentlyAdded().slice(0, 5).map((i) => i.ratingKey));
    expect(items.every((i) => typeof i.librarySectionTitle === 'string')).toBe(true);
    const movies = await get('/library/sections/1/recentlyAdded?X-Plex-Container-Size=3');
    expect(movies.body!.MediaContainer.Metadata!.every((i) => i.type === 'movie')).toBe(true);
  });

  it('searches hubs by title, needs a query, and limits each hub', async () => {
    const target = pms.library.sectionItems(1)[3]!;
    const { body } = await get(`/hubs/search?query=${encodeURIComponent(target.title)}&limit=50`);
    const hubs = body!.MediaContainer.Hub as { type: string; Metadata?: { ratingKey: string }[] }[];
    expect(hubs.map((h) => h.type)).toEqual(['movie', 'show', 'episode']);
    expect(hubs[0]!.Metadata!.map((m) => m.ratingKey)).toContain(target.ratingKey);
    expect((await get('/hubs/search?query=zzzz-nothing')).body!.MediaContainer.Hub).toHaveLength(3);
    expect((await get('/hubs/search')).res.status).toBe(400);
  });

  it('lists, creates, extends and deletes collections', async () => {
    const { body } = await get('/library/sections/1/collections');
    expect(body!.MediaContainer.size).toBe(3);
    const [m1, m2, m3] = pms.library.sectionItems(1);
    const uri = encodeURIComponent(`server://${pms.machineIdentifier}/com.plexapp.plugins.library/library/metadata/${m1!.ratingKey},${m2!.ratingKey}`);
    const created = await fetch(`${pms.url}/library/collections?type=1&title=Favorites&smart=0&sectionId=1&uri=${uri}`, { method: 'POST', headers: H });
    const collection = ((await created.json()) as Container).MediaContainer.Metadata![0]!;
    expect(collection).toMatchObject({ type: 'collection', title: 'Favorites', subtype: 'movie', childCount: 2 });
    const more = encodeURIComponent(`server://${pms.machineIdentifier}/com.plexapp.plugins.library/library/metadata/${m3!.ratingKey}`);
    expect((await fetch(`${pms.url}/library/collections/${collection.ratingKey as string}/items?uri=${more}`, { method: 'PUT', headers: H })).status).toBe(200);
    const children = await get(`/library/collections/${collection.ratingKey as string}/children`);
    expect(children.body!.MediaContainer.Metadata!.map((m) => m.ratingKey)).toEqual([m1!.ratingKey, m2!.ratingKey, m3!.ratingKey]);
    expect((await fetch(`${pms.url}/library/collections?type=1&title=X&smart=1&sectionId=1`, { method: 'POST', headers: H })).status).toBe(400);
    expect((await fetch(`${pms.url}/library/sections/1/collection/${collection.ratingKey as string}`, { method: 'DELETE', headers: H })).status).toBe(200);
    expect((await get(`/library/collections/${collection.ratingKey as string}`)).res.status).toBe(404);
  });

  it('serves real PNG images for thumbs and /photo/:/transcode, and 404 for unknown items', async () => {
    const item = pms.library.sectionItems(1)[0]!;
    const thumb = `/library/metadata/${item.ratingKey}/thumb/${item.updatedAt}`;
    const res = await fetch(`${pms.url}/photo/:/transcode?url=${encodeURIComponent(thumb)}&width=120&height=180&minSize=1&upscale=1&X-Plex-Token=${TOKEN}`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(pngSize(Buffer.from(await res.arrayBuffer()))).toEqual({ width: 120, height: 180 });
    const direct = await fetch(`${pms.url}${thumb}?X-Plex-Token=${TOKEN}`);
    expect(pngSize(Buffer.from(await direct.arrayBuffer()))).toEqual({ width: 200, height: 300 });
    expect((await fetch(`${pms.url}/photo/:/transcode?url=%2Flibrary%2Fmetadata%2F999999%2Fthumb%2F1&X-Plex-Token=${TOKEN}`)).status).toBe(404);
    expect((await fetch(`${pms.url}/photo/:/transcode?X-Plex-Token=${TOKEN}`)).status).toBe(400);
  });

  describe('with a notification websocket', () => {
    let socket: WebSocket;
    const messages: PlexNotification[] = [];
    const next = (type: PlexNotification['type'], predicate: (n: PlexNotification) => boolean = () => true) =>
      new Promise<PlexNotification>((resolve) => {
        const found = messages.find((m) => m.type === type && predicate(m));
        if (found) return resolve(found);
        const onMessage = (data: WebSocket.RawData) => {
          const message = (JSON.parse(data.toString()) as { NotificationContainer: PlexNotification }).NotificationContainer;
          if (message.type === type && predicate(message)) {
            socket.off('message', onMessage);
            resolve(message);
          }
        };
        socket.on('message', onMessage);
      });

    beforeAll(async () => {
      socket = new WebSocket(`${pms.url.replace('http', 'ws')}/:/websockets/notifications?X-Plex-Token=${TOKEN}`);
      socket.on('message', (data) => messages.push((JSON.parse(data.toString()) as { NotificationContainer: PlexNotification }).NotificationContainer));
      await new Promise((resolve) => socket.once('open', resolve));
    });
    afterAll(() => socket.close());

    it('refuses the websocket without a token', async () => {
      const denied = new WebSocket(`${pms.url.replace('http', 'ws')}/:/websockets/notifications`);
      const status = await new Promise<number | undefined>((resolve) => denied.once('unexpected-response', (_req, res) => resolve(res.statusCode)));
      expect(status).toBe(401);
    });

    it('shows playback in /status/sessions (ids as strings) and announces it as `playing`', async () => {
      const item = pms.library.sectionItems(1)[5]!;
      const session = pms.startPlayback({ ratingKey: item.ratingKey, user: { id: 7, title: 'alice' }, transcode: true });
      const playing = await next('playing', (n) => n.type === 'playing' && n.PlaySessionStateNotification[0]?.sessionKey === session.sessionKey);
      expect(playing.type === 'playing' && playing.PlaySessionStateNotification[0]?.state).toBe('playing');
      const { body } = await get('/status/sessions');
      const [now] = body!.MediaContainer.Metadata!;
      expect(now).toMatchObject({ ratingKey: item.ratingKey, sessionKey: session.sessionKey, librarySectionID: '1', User: { id: '7', title: 'alice' } });
      expect(now!.TranscodeSession).toBeDefined();
      pms.updatePlayback(session.sessionKey, { state: 'paused', viewOffset: 60_000 });
      expect(((await get('/status/sessions')).body!.MediaContainer.Metadata![0]!.Player as { state: string }).state).toBe('paused');
      pms.stopPlayback(session.sessionKey);
      await next('playing', (n) => n.type === 'playing' && n.PlaySessionStateNotification[0]?.state === 'stopped');
      expect((await get('/status/sessions')).body!.MediaContainer.size).toBe(0);
    });

    it('scans a folder on refresh?path=, adds the new files as episodes, and notifies activity and timeline', async () => {
      const folder = path.join(media, 'youtube', 'Blender', 'Season 2008');
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, 'Blender - s2008e0529 - Big Buck Bunny [YE7VzlLtp-4].mp4'), Buffer.alloc(50_000));
      writeFileSync(path.join(folder, 'notes.txt'), 'not media');
      const before = pms.library.size;
      const scanned = pms.waitForScan((s) => s.sectionId === 3);
      const res = await fetch(`${pms.url}/library/sections/3/refresh?path=${encodeURIComponent(folder)}`, { headers: H });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
      const scan = await scanned;
      expect(scan.ignored).toBeUndefined();
      expect(pms.library.size).toBe(before + 3); // show, season, episode
      const episode = pms.library.get(scan.added.at(-1)!)!;
      expect(episode).toMatchObject({ type: 'episode', title: 'Big Buck Bunny', index: 529 });
      expect(pms.library.get(episode.parentKey!)?.index).toBe(2008);
      expect(pms.library.get(episode.grandparentKey!)?.title).toBe('Blender');
      const timeline = await next('timeline', (n) => n.type === 'timeline' && n.TimelineEntry.some((e) => e.itemID === episode.ratingKey && e.state === 5));
      expect(timeline.type === 'timeline' && timeline.TimelineEntry.find((e) => e.itemID === episode.ratingKey)).toMatchObject({ sectionID: '3', type: 4 });
      await next('activity', (n) => n.type === 'activity' && n.ActivityNotification[0]?.event === 'ended');
      const listed = await get('/library/sections/3/all?type=4');
      expect(listed.body!.MediaContainer.Metadata!.map((m) => m.ratingKey)).toContain(episode.ratingKey);

      const again = pms.waitForScan((s) => s.sectionId === 3);
      await fetch(`${pms.url}/library/sections/3/refresh?path=${encodeURIComponent(folder)}`, { method: 'POST', headers: H });
      expect((await again).added).toEqual([]);
    });

    it('adds a movie on command and announces it on the websocket', async () => {
      const item = pms.addMovie({ title: 'Added By Test', year: 2025, tmdbId: 123 });
      const timeline = await next('timeline', (n) => n.type === 'timeline' && n.TimelineEntry.some((e) => e.itemID === item.ratingKey && e.state === 5));
      expect(timeline.type === 'timeline' && timeline.TimelineEntry[0]).toMatchObject({ sectionID: '1', type: 1, title: 'Added By Test' });
      const { body } = await get(`/library/metadata/${item.ratingKey}`);
      expect(body!.MediaContainer.Metadata![0]).toMatchObject({ title: 'Added By Test', year: 2025, Guid: [{ id: 'tmdb://123' }] });
    });

    it('adds a movie from a movie folder, and ignores a path outside the section', async () => {
      const folder = path.join(media, 'movies', 'Loopback (2024)');
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, 'Loopback (2024).mkv'), Buffer.alloc(10_000));
      const scan = await pms.scanNow(1, folder);
      expect(scan.added).toHaveLength(1);
      expect(pms.library.get(scan.added[0]!)).toMatchObject({ type: 'movie', title: 'Loopback', year: 2024 });
      const outside = await pms.scanNow(1, path.join(media, 'youtube'));
      expect(outside.added).toEqual([]);
      expect(outside.ignored).toContain('not inside the locations');
    });
  });
});
