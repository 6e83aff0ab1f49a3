import { overseerrContract, plexContract } from './contracts/contracts.js';
import { MediaHostSimulator, type MediaHostOptions } from './media-host/media-host.js';
import { OverseerrSimulator, type OverseerrOptions, type PlexUserInfo } from './overseerr/overseerr.js';
import type { AccountInput } from './plex/accounts.js';
import type { PlexLibrary } from './plex/library.js';
import type { LibraryOptions } from './plex/library-generator.js';
import { PlexTvSimulator } from './plex/plex-tv.js';
import { PlexServerSimulator } from './plex/pms.js';
import { Catalog } from './tmdb/catalog.js';
import { TmdbSimulator } from './tmdb/tmdb.js';
import { UptimeKumaSimulator, type UptimeKumaOptions } from './uptime-kuma/uptime-kuma.js';

export interface AllSimulatorsOptions {
  /** One seed for everything: same seed, same library, accounts, tokens and catalogue. */
  seed?: string | number;
  /** The Plex library (generator options or a ready one); default a small generated library. */
  library?: LibraryOptions | PlexLibrary;
  /** Real folders for the PMS sections (refresh scans them): `{ 3: ['/tmp/medianest/youtube'] }`. */
  sectionLocations?: Record<number, string[]>;
  /** plex.tv accounts; default owner, alice, bob (shared) and stranger. */
  accounts?: AccountInput[];
  scanDelayMs?: number;
  overseerr?: Pick<OverseerrOptions, 'apiKey' | 'webhook' | 'importPlexUsers'>;
  kuma?: Omit<UptimeKumaOptions, 'port' | 'seed'>;
  /** Start the YouTube media host too (needs ffmpeg to generate its files). Default false. */
  mediaHost?: boolean | MediaHostOptions;
  /** Check every plex.tv, PMS and Overseerr exchange against the OpenAPI files (`contractChecks`). */
  checkContracts?: boolean;
}

export interface Simulators {
  plexTv: PlexTvSimulator;
  plex: PlexServerSimulator;
  overseerr: OverseerrSimulator;
  kuma: UptimeKumaSimulator;
  tmdb: TmdbSimulator;
  mediaHost: MediaHostSimulator | undefined;
  catalog: Catalog;
  /** MediaNest's configuration pointing at these simulators (`MEDIANEST_PLEX_TV_URL`, `MEDIANEST_PLEX_APP_URL`). */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Maps tmdb ids to Plex rating keys; rebuilt when the library grows (a scan added items). */
function availabilityIndex(library: PlexLibrary): (type: 'movie' | 'tv', tmdbId: number) => string | undefined {
  let size = -1;
  let index = new Map<string, string>();
  return (type, tmdbId) => {
    if (library.size !== size) {
      index = new Map();
      for (const item of library.all()) {
        if (item.tmdbId !== undefined && (item.type === 'movie' || item.type === 'show')) index.set(`${item.type === 'movie' ? 'movie' : 'tv'}:${item.tmdbId}`, item.ratingKey);
      }
      size = library.size;
    }
    return index.get(`${type}:${tmdbId}`);
  };
}

/**
 * Every simulator, started and wired to each other: plex.tv owns the PMS and shares it with the friends
 * (their tokens work on it), Overseerr knows the Plex users and what Plex already has, TMDB and Overseerr
 * share the catalogue the library was drawn from, and the Kuma status page watches the others.
 */
export async function startAllSimulators(options: AllSimulatorsOptions = {}): Promise<Simulators> {
  const seed = options.seed ?? 'medianest';
  const catalog = new Catalog(seed);
  const libraryOption = options.library && 'get' in options.library ? options.library : { catalog, ...(options.library as LibraryOptions | undefined) };
  const plex = new PlexServerSimulator({ seed, library: libraryOption, sectionLocations: options.sectionLocations, scanDelayMs: options.scanDelayMs });
  const plexTv = new PlexTvSimulator({ seed, accounts: options.accounts, server: plex });
  const plexUsers = (): PlexUserInfo[] =>
    plexTv.accounts
      .filter((a) => a.access !== 'none')
      .map((a) => ({ plexId: a.id, username: a.username, email: a.email, avatar: a.thumb, token: a.token, owner: a.access === 'owner' }));
  const overseerr = new OverseerrSimulator({ seed, catalog, availability: availabilityIndex(plex.library), plexUsers, machineIdentifier: () => plex.machineIdentifier, ...options.overseerr });
  const tmdb = new TmdbSimulator({ seed, catalog });
  const started: { close(): Promise<void> }[] = [];
  try {
    for (const sim of [plex, plexTv, overseerr, tmdb]) {
      await sim.start();
      started.push(sim);
    }
    let mediaHost: MediaHostSimulator | undefined;
    if (options.mediaHost) {
      mediaHost = await new MediaHostSimulator(options.mediaHost === true ? {} : options.mediaHost).start();
      started.push(mediaHost);
    }
    const kuma = await new UptimeKumaSimulator({
      seed,
      monitors: [
        { name: 'Plex Media Server', url: `${plex.url}/identity`, group: 'Media' },
        { name: 'Overseerr', url: `${overseerr.url}/api/v1/status`, group: 'Media', sendUrl: true },
        { name: 'TMDB', url: `${tmdb.url}/3/configuration`, group: 'Internet' },
        { name: 'plex.tv', url: plexTv.url, group: 'Internet', tags: [{ name: 'auth', color: '#E5A00D' }] },
        ...(mediaHost ? [{ name: 'YouTube', url: mediaHost.url, group: 'Internet' }] : []),
      ],
      ...options.kuma,
    }).start();
    started.push(kuma);
    if (options.checkContracts) {
      plex.checkContract(plexContract);
      plexTv.checkContract(plexContract);
      overseerr.checkContract(overseerrContract);
    }
    return {
      plexTv, plex, overseerr, kuma, tmdb, mediaHost, catalog,
      env: { MEDIANEST_PLEX_TV_URL: plexTv.url, MEDIANEST_PLEX_APP_URL: plexTv.appUrl },
      async close() {
        await Promise.all(started.map((sim) => sim.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((sim) => sim.close()));
    throw error;
  }
}
