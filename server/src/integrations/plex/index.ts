export {
  HttpPlexServerClient,
  plexUrl,
  type HttpPlexServerClientOptions,
  type PlexCallOptions,
  type PlexServerClient,
  type PlexServerIdentity,
  type PlexServerInfo,
  type PlexSession,
} from './plex.client.js';
export { PlexNotifications, type PlexNotificationsOptions } from './plex.notifications.js';
export { PlexLibraryClient, type PlexImage, type PlexLibraryItem, type PlexLibrarySection } from './plex.library.js';
