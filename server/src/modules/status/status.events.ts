/** Events of the status context. */
export type ServiceState = 'up' | 'down' | 'degraded' | 'unknown';

declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    /** A service's state changed (published after the check that saw it is stored). */
    'service.statusChanged': {
      serviceId: string;
      serviceName: string;
      kind: string;
      previous: ServiceState;
      current: ServiceState;
      at: string;
      error?: string;
    };
  }
}
export {};
