import type { Redis } from 'ioredis';
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
import { InProcessEventBus } from './in-process-bus.js';

interface Envelope {
  meta: EventMeta;
  payload: unknown;
}

const isEnvelope = (value: unknown): value is Envelope =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Envelope).meta?.name === 'string' &&
  typeof (value as Envelope).meta.origin === 'string';

/**
 * The event bus of a cluster: every event is delivered here at once (like the in-process bus) and
 * published on a Redis channel, from which the other instances deliver it to their `everywhere`
 * subscribers. Local-only subscribers (the default) see only this instance's events, so a side effect
 * such as an audit row still happens once per cluster.
 *
 * Redis pub/sub is at-most-once: an instance that is disconnected from Redis misses what was published
 * meanwhile. Whatever must survive that (notifications, realtime catch-up) is persisted in the database.
 */
export class RedisEventBus implements EventBus {
  private readonly local: InProcessEventBus;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;
  private readonly ready: Promise<void>;
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    redis: Redis,
    private readonly logger: Logger,
    options: { origin?: string; channel?: string } = {},
  ) {
    this.local = new InProcessEventBus(logger, options.origin);
    // Channels are not prefixed by ioredis: the key prefix is added by hand, so installs sharing a Redis stay apart.
    this.channel = options.channel ?? `${redis.options.keyPrefix ?? ''}events`;
    this.publisher = redis.duplicate({ keyPrefix: '' });
    this.subscriber = redis.duplicate({ keyPrefix: '' });
    this.publisher.on('error', () => undefined);
    this.subscriber.on('error', (error: Error) => this.logger.warn({ err: error }, 'event bus: Redis subscriber error'));
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message);
    });
    this.ready = this.subscriber.subscribe(this.channel).then(() => undefined);
    // Avoid an unhandled rejection before anyone awaits `ready`.
    this.ready.catch((error: unknown) => this.logger.error({ err: error }, 'event bus: could not subscribe to Redis'));
  }

  get origin(): string {
    return this.local.origin;
  }

  /** Resolves once this instance listens to the other instances' events. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  async publish<K extends EventName>(name: K, payload: DomainEvents[K], options: PublishOptions = {}): Promise<void> {
    const meta = this.local.meta(name, options);
    this.local.deliver(meta, payload);
    if (this.closed) return;
    const sent = this.publisher.publish(this.channel, JSON.stringify({ meta, payload } satisfies Envelope)).catch((error: unknown) => {
      this.logger.warn({ err: error, event: name, eventId: meta.id }, 'event bus: could not fan the event out through Redis');
    });
    this.pending.add(sent);
    void sent.finally(() => this.pending.delete(sent));
  }

  subscribe<K extends EventName>(name: K, handler: EventHandler<K>, options?: SubscribeOptions): () => void {
    return this.local.subscribe(name, handler, options);
  }

  private receive(message: string): void {
    let envelope: unknown;
    try {
      envelope = JSON.parse(message);
    } catch {
      this.logger.warn('event bus: ignored a message that is not JSON');
      return;
    }
    if (!isEnvelope(envelope)) return;
    // Our own events were delivered when they were published.
    if (envelope.meta.origin === this.local.origin) return;
    this.local.deliver(envelope.meta, envelope.payload);
  }

  async idle(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await this.local.idle();
  }

  async close(): Promise<void> {
    await this.idle();
    this.closed = true;
    await this.local.close();
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }
}
