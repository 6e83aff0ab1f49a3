/**
 * @medianest/simulators: faithful offline stand-ins for plex.tv, Plex Media Server, Overseerr, Uptime Kuma,
 * TMDB and a YouTube media host, each on an ephemeral 127.0.0.1 port, with a control API for tests,
 * fault injection, and contract validators for what MediaNest sends and receives. See README.md.
 */
export { startAllSimulators, type AllSimulatorsOptions, type Simulators } from './all.js';

export { Simulator, type ContractCheck } from './core/simulator.js';
export { FaultController, type Fault, type FaultOptions } from './core/faults.js';
export type { RecordedRequest } from './core/sim-server.js';
export { Random } from './core/random.js';

export { PlexTvSimulator, startPlexTv, type PlexTvOptions, type Pin } from './plex/plex-tv.js';
export { DEFAULT_ACCOUNTS, type PlexAccount, type AccountInput, type AccountAccess } from './plex/accounts.js';
export { PlexServerSimulator, startPlexServer, type PlexServerOptions, type PlaybackInput, type PlaybackSession, type PlexViewer, type ScanRecord } from './plex/pms.js';
export { PlexLibrary, DEFAULT_SECTIONS, TYPE_NUMBER, type PlexItem, type PlexItemType, type PlexMedia, type PlexSection, type SectionInput } from './plex/library.js';
export { generateLibrary, catalogIndexOfLibraryEntry, type LibraryOptions } from './plex/library-generator.js';
export type { PlexNotification, TimelineEntry, ActivityNotification, PlaySessionStateNotification } from './plex/pms-notifications.js';

export { OverseerrSimulator, startOverseerr, type OverseerrOptions, type PlexUserInfo, type RequestStage } from './overseerr/overseerr.js';
export { RequestStatus, MediaStatus, Permission, NotificationType, type OverseerrUser, type OverseerrRequest, type OverseerrMedia } from './overseerr/model.js';
export type { WebhookConfig, WebhookDelivery } from './overseerr/webhook.js';

export { UptimeKumaSimulator, startUptimeKuma, KumaStatus, type UptimeKumaOptions, type KumaMonitor, type MonitorInput, type Incident, type KumaStatusName } from './uptime-kuma/uptime-kuma.js';

export { TmdbSimulator, startTmdb, type TmdbOptions } from './tmdb/tmdb.js';
export { Catalog, type CatalogMovie, type CatalogShow, type CatalogPerson } from './tmdb/catalog.js';

export { MediaHostSimulator, startMediaHost, DEFAULT_VIDEOS, DEFAULT_PLAYLISTS, type MediaHostOptions } from './media-host/media-host.js';
export { ensureMediaFile, DEFAULT_MEDIA_CACHE } from './media-host/media-files.js';
export type { HostedVideo, HostedPlaylist } from './media-host/yt-info.js';
export { fakeYtDlpPath } from './ytdlp/fake-yt-dlp.js';

export { OpenApiContract, SPECS_DIR, type ContractResult, type HttpRequestLike, type HttpResponseLike } from './contracts/openapi.js';
export { plexContract, overseerrContract } from './contracts/contracts.js';
export * from './contracts/schemas.js';

export { posterPng, encodePng } from './images/png.js';
