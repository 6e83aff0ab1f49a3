/** Events of the users context. Published after commit. */
declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    'user.created': {
      userId: string;
      username: string;
      role: 'admin' | 'user';
      via: 'setup' | 'plex-login' | 'plex-import' | 'cli';
      actorUserId: string | null;
      ip: string | null;
    };
    'user.roleChanged': {
      userId: string;
      from: 'admin' | 'user';
      to: 'admin' | 'user';
      actorUserId: string;
      ip: string | null;
    };
    'user.permissionsChanged': { userId: string; from: string[]; to: string[]; actorUserId: string; ip: string | null };
    /** A disabled user's sessions end at once. */
    'user.disabled': { userId: string; actorUserId: string; ip: string | null };
    'user.enabled': { userId: string; actorUserId: string; ip: string | null };
  }
}
export {};
