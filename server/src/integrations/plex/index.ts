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
