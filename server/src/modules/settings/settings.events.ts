declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    /** A runtime setting was written or removed. Secrets are never in the payload. */
    'settings.changed': { key: string; actorUserId: string | null; removed: boolean };
  }
}
export {};
