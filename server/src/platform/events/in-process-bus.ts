import { randomUUID } from 'node:crypto';
import type { Logger } from '../observability/logger.js';
import type {
  DomainEvents,
  EventBus,
  EventHandler,
  EventMeta,
  EventName,
  PublishOptions,
  SubscribeOptions,
} from './event-bus.js';

type AnyHandler = (payload: unknown, meta: EventMeta) => void | Promise<void>;

interface Subscription {
  handler: AnyHandler;
  everywhere: boolean;
}

/**
 * Delivers events to subscribers in this process. Handlers run concurrently and never block
 * or fail the publisher: an error in one is logged and the others still run.
 */
export class InProcessEventBus implements EventBus {
  private readonly handlers = new Map<string, Set<Subscription>>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly logger: Logger,
    readonly origin: string = randomUUID(),
  ) {}

  publish<K extends EventName>(name: K, payload: DomainEvents[K], options: PublishOptions = {}): Promise<void> {
    this.deliver(this.meta(name, options), payload);
    return Promise.resolve();
  }

  /** The metadata of a publication from this instance. */
  meta(name: EventName, options: PublishOptions = {}): EventMeta {
    return {
      id: randomUUID(),
      name,
      at: new Date().toISOString(),
      origin: this.origin,
      ...(options.requestId ? { requestId: options.requestId } : {}),
    };
  }

  /**
   * Runs the handlers of an event. An event of this instance reaches every handler; one published by
   * another instance (relayed by a fan-out bus) only the handlers subscribed `everywhere`.
   */
  deliver(meta: EventMeta, payload: unknown): void {
    const local = meta.origin === this.origin;
    for (const subscription of this.handlers.get(meta.name) ?? []) {
      if (!local && !subscription.everywhere) continue;
      const run = (async () => {
        try {
          await subscription.handler(payload, meta);
        } catch (error) {
          this.logger.error({ err: error, event: meta.name, eventId: meta.id }, 'event handler failed');
        }
      })();
      this.inFlight.add(run);
      void run.finally(() => this.inFlight.delete(run));
    }
  }

  subscribe<K extends EventName>(name: K, handler: EventHandler<K>, options: SubscribeOptions = {}): () => void {
    const set = this.handlers.get(name) ?? new Set<Subscription>();
    const subscription: Subscription = { handler: handler as AnyHandler, everywhere: options.everywhere ?? false };
    set.add(subscription);
    this.handlers.set(name, set);
    return () => set.delete(subscription);
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
    }
  }

  async close(): Promise<void> {
    await this.idle();
    this.handlers.clear();
  }
}
