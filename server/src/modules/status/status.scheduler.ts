import type { Logger } from '../../platform/observability/logger.js';
import type { ProbeResult, ServiceDefinition } from './status.probes.js';

/** What the scheduler drives (the StatusService). */
export interface ScheduledStatus {
  definitions(): Promise<ServiceDefinition[]>;
  check(service: ServiceDefinition): Promise<ProbeResult>;
  maintain(): Promise<unknown>;
}

export interface SchedulerOptions {
  now: () => number;
  random?: () => number;
  /** How often the scheduler looks for due checks (ms). */
  tickMs?: number;
  /** How often the list of services is re-read from the settings (ms). */
  refreshMs?: number;
  /** Rollups and retention (ms); hourly. */
  maintenanceMs?: number;
}

/**
 * Polls each configured service at its own interval, jittered (±10 %, and a random first delay) so that
 * checks do not line up; re-reads the list of services periodically and on demand; runs the hourly
 * rollups and retention. A check still running is never started twice.
 */
export class StatusScheduler {
  private timer: NodeJS.Timeout | undefined;
  private services: ServiceDefinition[] = [];
  private readonly nextRun = new Map<string, number>();
  private readonly running = new Set<string>();
  private lastRefresh = 0;
  private lastMaintenance = 0;
  private stale = true;
  private stopped = false;
  private ticking: Promise<void> | undefined;

  constructor(
    private readonly status: ScheduledStatus,
    private readonly logger: Logger,
    private readonly options: SchedulerOptions,
  ) {}

  start(): void {
    this.lastMaintenance = this.options.now();
    this.timer = setInterval(() => {
      this.ticking ??= this.tick().finally(() => (this.ticking = undefined));
    }, this.options.tickMs ?? 1_000);
    this.timer.unref();
  }

  /** Settings changed: read the list of services again at the next tick. */
  invalidate(): void {
    this.stale = true;
  }

  private jitter(): number {
    return 0.9 + 0.2 * (this.options.random ?? Math.random)();
  }

  async tick(): Promise<void> {
    const now = this.options.now();
    try {
      if (this.stale || now - this.lastRefresh >= (this.options.refreshMs ?? 60_000)) {
        this.stale = false;
        this.lastRefresh = now;
        this.services = await this.status.definitions();
        for (const service of this.services) {
          if (!this.nextRun.has(service.id)) {
            // First check soon, spread over up to 10 s so a restart does not hit everything at once.
            this.nextRun.set(service.id, now + (this.options.random ?? Math.random)() * Math.min(10_000, service.intervalSeconds * 1000));
          }
        }
        const ids = new Set(this.services.map((service) => service.id));
        for (const id of this.nextRun.keys()) if (!ids.has(id)) this.nextRun.delete(id);
      }
      for (const service of this.services) {
        if (this.stopped) return;
        if (this.running.has(service.id) || (this.nextRun.get(service.id) ?? 0) > now) continue;
        this.running.add(service.id);
        this.nextRun.set(service.id, now + service.intervalSeconds * 1000 * this.jitter());
        void this.status
          .check(service)
          .catch((error: unknown) => this.logger.error({ err: error, serviceId: service.id }, 'Service check failed'))
          .finally(() => this.running.delete(service.id));
      }
      if (now - this.lastMaintenance >= (this.options.maintenanceMs ?? 3_600_000)) {
        this.lastMaintenance = now;
        const outcome = await this.status.maintain();
        this.logger.info({ outcome }, 'Status history rolled up and trimmed');
      }
    } catch (error) {
      this.logger.error({ err: error }, 'Status scheduler tick failed');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    // Let running checks finish (they are bounded by their timeouts).
    while (this.running.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
