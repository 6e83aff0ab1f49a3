export { HttpPlexTvClient, type HttpPlexTvClientOptions, type PlexTvClient } from './plextv.client.js';
export type { PlexTvAccount, PlexTvPin, PlexTvServer, PlexTvSharedUser } from './plextv.schemas.js';
export { plexHeaders, type PlexClientIdentity } from './plex-http.js';
