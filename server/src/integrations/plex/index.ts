export {
  HttpPlexServerClient,
  type HttpPlexServerClientOptions,
  type PlexServerClient,
  type PlexServerIdentity,
  type PlexServerInfo,
} from './plex.client.js';
