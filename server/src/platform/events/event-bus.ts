/**
 * Typed domain events. Each bounded context declares its events by augmenting this interface
 * in its `*.events.ts` file:
 *
 *   declare module '../../platform/events/event-bus.js' {
 *     interface DomainEvents { 'user.loggedIn': { userId: string } }
 *   }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEvents {}

export type EventName = keyof DomainEvents & string;

export interface EventMeta {
  /** Unique id of this publication. */
  id: string;
  name: EventName;
  /** ISO time of publication. */
  at: string;
  /** The request that caused it, when there was one. */
  requestId?: string;
  /** Which instance published it (matters once events cross processes). */
  origin: string;
}

export type EventHandler<K extends EventName> = (payload: DomainEvents[K], meta: EventMeta) => void | Promise<void>;

export interface PublishOptions {
  requestId?: string;
}

export interface SubscribeOptions {
  /**
   * false (the default): only events published by this instance, so work with side effects (an audit
   * row, a notification) happens once per cluster. true: events published by every instance sharing the
   * bus (Redis), for per-instance reactions such as pushing to the sockets connected here.
   */
  everywhere?: boolean;
}

export interface EventBus {
  /** Delivers to every subscriber; call it only after the transaction that made the change has committed. */
  publish<K extends EventName>(name: K, payload: DomainEvents[K], options?: PublishOptions): Promise<void>;
  subscribe<K extends EventName>(name: K, handler: EventHandler<K>, options?: SubscribeOptions): () => void;
  /** Resolves when every handler started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}
