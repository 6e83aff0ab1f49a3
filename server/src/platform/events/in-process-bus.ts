import { randomUUID } from 'node:crypto';
import type { Logger } from '../observability/logger.js';
import type { EventBus, EventHandler, EventMeta, EventName, DomainEvents, PublishOptions } from './event-bus.js';

type AnyHandler = (payload: unknown, meta: EventMeta) => void | Promise<void>;

/**
 * Delivers events to subscribers in this process. Handlers run concurrently and never block
 * or fail the publisher: an error in one is logged and the others still run.
 */
export class InProcessEventBus implements EventBus {
  private readonly handlers = new Map<string, Set<AnyHandler>>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly logger: Logger,
    readonly origin: string = randomUUID(),
  ) {}

  publish<K extends EventName>(name: K, payload: DomainEvents[K], options: PublishOptions = {}): Promise<void> {
    const meta: EventMeta = {
      id: randomUUID(),
      name,
      at: new Date().toISOString(),
      origin: this.origin,
      ...(options.requestId ? { requestId: options.requestId } : {}),
    };
    this.deliver(meta, payload);
    return Promise.resolve();
  }

  /** Runs local handlers for an event, whichever process published it. */
  deliver(meta: EventMeta, payload: unknown): void {
    for (const handler of this.handlers.get(meta.name) ?? []) {
      const run = (async () => {
        try {
          await handler(payload, meta);
        } catch (error) {
          this.logger.error({ err: error, event: meta.name, eventId: meta.id }, 'event handler failed');
        }
      })();
      this.inFlight.add(run);
      void run.finally(() => this.inFlight.delete(run));
    }
  }

  subscribe<K extends EventName>(name: K, handler: EventHandler<K>): () => void {
    const set = this.handlers.get(name) ?? new Set<AnyHandler>();
    set.add(handler as AnyHandler);
    this.handlers.set(name, set);
    return () => set.delete(handler as AnyHandler);
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
