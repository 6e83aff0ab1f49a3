import type { Clock } from '../../platform/clock.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { Logger } from '../../platform/observability/logger.js';
import type { ChannelsService, OpenChannel } from './notifications.channels.js';
import type { DeliveriesRepository } from './notifications.deliveries.js';
import { discordBody, renderTemplate, type OutboundMessage } from './notifications.render.js';
import type { DeliveryRow } from './notifications.tables.js';

export interface DeliveryPolicy {
  /** Attempts before a delivery is dead (default 5). */
  maxAttempts: number;
  /** Delay after the first failure, doubling after each (default 30 s), capped (default 1 h). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** One HTTP attempt (default 10 s). */
  timeoutMs: number;
  /** Jobs taken per poll (default 20). */
  batchSize: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60 * 1000,
  timeoutMs: 10_000,
  batchSize: 20,
};

type Outcome = { ok: true } | { ok: false; error: string; permanent: boolean; retryAfterMs?: number };

export interface DeliveryWorkerDeps {
  deliveries: DeliveriesRepository;
  channels: ChannelsService;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  policy?: Partial<DeliveryPolicy>;
  fetch?: typeof fetch;
}

/** Seconds to wait from a 429: Discord's JSON `retry_after` (seconds, fractional) or the Retry-After header. */
async function retryAfterMs(response: Response): Promise<number | undefined> {
  const header = Number(response.headers.get('retry-after'));
  try {
    const body = (await response.json()) as { retry_after?: unknown };
    if (typeof body.retry_after === 'number' && body.retry_after >= 0) return Math.ceil(body.retry_after * 1000);
  } catch {
    // not JSON: the header decides
  }
  return Number.isFinite(header) && header >= 0 ? header * 1000 : undefined;
}

/**
 * Sends outbound notifications: polls for due jobs, posts them, and settles each one: sent; retried
 * later (exponential backoff, or the target's Retry-After on 429); or dead after the last attempt or a
 * refusal that retrying cannot fix (4xx). Runs where background work runs (roles all and worker).
 */
export class DeliveryWorker {
  private readonly policy: DeliveryPolicy;
  private readonly fetch: typeof fetch;

  constructor(private readonly deps: DeliveryWorkerDeps) {
    this.policy = { ...defaultDeliveryPolicy, ...deps.policy };
    this.fetch = deps.fetch ?? globalThis.fetch;
  }

  /** The delay before attempt `attempts + 1`. */
  backoffMs(attempts: number): number {
    return Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  }

  /** One poll: claims the due jobs and settles them. Returns how each ended. */
  async runOnce(): Promise<{ sent: number; retrying: number; dead: number }> {
    const now = this.deps.clock.now();
    const jobs = await this.deps.deliveries.claimDue(now, this.policy.timeoutMs * 3, this.policy.batchSize);
    const tally = { sent: 0, retrying: 0, dead: 0 };
    const channels = new Map<string, OpenChannel>();
    for (const job of jobs) {
      let channel = channels.get(job.channelId);
      if (!channel) {
        channel = this.deps.channels.open(await this.deps.channels.get(job.channelId));
        channels.set(job.channelId, channel);
      }
      const outcome: Outcome = channel.enabled
        ? await this.send(channel, job.payload as OutboundMessage)
        : { ok: false, error: 'The channel is disabled. Enable it, then retry.', permanent: true };
      tally[await this.settle(job, channel, outcome)] += 1;
    }
    return tally;
  }

  /** Polls every `pollMs` until the returned function is called (it waits for the poll in progress). */
  start(pollMs: number): () => Promise<void> {
    let running: Promise<unknown> = Promise.resolve();
    let stopped = false;
    const tick = () => {
      running = this.runOnce()
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'notification deliveries: poll failed'))
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, pollMs).unref();
        });
    };
    let timer = setTimeout(tick, 0).unref();
    return async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    };
  }

  private async send(channel: OpenChannel, message: OutboundMessage): Promise<Outcome> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'MediaNest' };
    if (channel.kind === 'webhook' && channel.header) headers[channel.header.name] = channel.header.value;
    const body = channel.kind === 'discord' ? discordBody(message) : renderTemplate(channel.template, message);
    let response: Response;
    try {
      response = await this.fetch(channel.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { ok: false, error: `Could not reach ${new URL(channel.url).origin}: ${cause ?? (error as Error).message}`, permanent: false };
    }
    if (response.ok) {
      await response.body?.cancel();
      return { ok: true };
    }
    if (response.status === 429) {
      const wait = await retryAfterMs(response);
      return { ok: false, error: 'The target asked to slow down (429)', permanent: false, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
    }
    await response.body?.cancel();
    const permanent = response.status >= 400 && response.status < 500 && response.status !== 408;
    return {
      ok: false,
      error: permanent
        ? `The target refused the message (${response.status}): check the channel's URL and header.`
        : `The target failed (${response.status})`,
      permanent,
    };
  }

  private async settle(job: DeliveryRow, channel: OpenChannel, outcome: Outcome): Promise<'sent' | 'retrying' | 'dead'> {
    const attempts = job.attempts + 1;
    const now = this.deps.clock.now();
    if (outcome.ok) {
      await this.deps.deliveries.markSent(job.id, attempts, now);
      return 'sent';
    }
    if (!outcome.permanent && attempts < this.policy.maxAttempts) {
      const delay = outcome.retryAfterMs ?? this.backoffMs(attempts);
      await this.deps.deliveries.markFailed(job.id, attempts, outcome.error, new Date(now.getTime() + delay));
      return 'retrying';
    }
    await this.deps.deliveries.markFailed(job.id, attempts, outcome.error, null);
    this.deps.logger.warn({ deliveryId: job.id, channel: channel.name, attempts, error: outcome.error }, 'notification delivery dead');
    await this.deps.events.publish('notificationDelivery.deadLettered', {
      deliveryId: job.id,
      channelId: channel.id,
      channelName: channel.name,
      attempts,
      error: outcome.error,
    });
    return 'dead';
  }
}
