import type { Registry } from 'prom-client';
import type { Cache } from '../../platform/cache/cache.js';
import { ResponseCache, type ResponseCacheOptions } from './response-cache.js';
import { DEFAULT_POLICY, realRuntime, Upstream, type BreakerSnapshot, type UpstreamPolicy, type UpstreamRuntime } from './upstream.js';
import { UpstreamMetrics } from './upstream-metrics.js';

/** The upstreams MediaNest knows, with the name used in metrics and the name people read. */
export const UPSTREAMS = {
  plextv: 'plex.tv',
  plex: 'Plex Media Server',
  overseerr: 'Overseerr',
  'uptime-kuma': 'Uptime Kuma',
  tmdb: 'TMDB',
  checks: 'Custom checks',
} as const;
export type UpstreamName = keyof typeof UPSTREAMS;

/** Defaults per upstream; `upstreamPolicies` in the composition options override any field. */
export const DEFAULT_POLICIES: Record<UpstreamName, Partial<UpstreamPolicy>> = {
  plextv: { timeoutMs: 10_000, ratePerSecond: 5, rateBurst: 10 },
  plex: { timeoutMs: 8_000, ratePerSecond: 30, rateBurst: 60 },
  overseerr: { timeoutMs: 8_000, ratePerSecond: 20, rateBurst: 40 },
  'uptime-kuma': { timeoutMs: 8_000, ratePerSecond: 5, rateBurst: 10 },
  // TMDB allows ~50 requests/s per IP; stay well below.
  tmdb: { timeoutMs: 8_000, ratePerSecond: 20, rateBurst: 20 },
  // Custom checks: many different hosts share this one; the breaker is per check (see status context).
  checks: { timeoutMs: 8_000, retries: 0, ratePerSecond: 50, rateBurst: 100, breakerFailures: 1_000_000 },
};

export type UpstreamPolicies = Partial<Record<UpstreamName, Partial<UpstreamPolicy>>>;

export interface UpstreamsOptions {
  registry?: Registry;
  cache: Cache;
  policies?: UpstreamPolicies;
  runtime?: Partial<UpstreamRuntime>;
}

/** Every upstream with its breaker, bucket and metrics, plus the named response caches: made once, in the composition root. */
export class Upstreams {
  private readonly upstreams = new Map<UpstreamName, Upstream>();
  readonly runtime: UpstreamRuntime;
  private readonly metrics: UpstreamMetrics | undefined;

  constructor(private readonly options: UpstreamsOptions) {
    this.runtime = { ...realRuntime, ...options.runtime };
    this.metrics = options.registry ? new UpstreamMetrics(options.registry) : undefined;
  }

  get(name: UpstreamName): Upstream {
    let upstream = this.upstreams.get(name);
    if (!upstream) {
      const policy = { ...DEFAULT_POLICY, ...DEFAULT_POLICIES[name], ...this.options.policies?.[name] };
      upstream = new Upstream(name, UPSTREAMS[name], policy, this.runtime, this.metrics);
      this.upstreams.set(name, upstream);
    }
    return upstream;
  }

  /** A separate upstream (own breaker) for something not in the list, e.g. one custom check. */
  custom(name: string, service: string, policy: Partial<UpstreamPolicy> = {}): Upstream {
    return new Upstream(name, service, { ...DEFAULT_POLICY, ...DEFAULT_POLICIES.checks, ...this.options.policies?.checks, ...policy }, this.runtime, this.metrics);
  }

  cache<T>(name: string, options: ResponseCacheOptions): ResponseCache<T> {
    return new ResponseCache<T>(this.options.cache, name, options, () => this.runtime.now());
  }

  breakers(): BreakerSnapshot[] {
    return (Object.keys(UPSTREAMS) as UpstreamName[]).filter((name) => name !== 'checks').map((name) => this.get(name).snapshot());
  }
}
