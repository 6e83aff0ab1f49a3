import { Counter, Histogram, type Registry } from 'prom-client';

export type Outcome = 'success' | 'auth' | 'rate-limited' | 'bad-response' | 'unavailable' | 'circuit-open' | 'client-error';

/** `upstream_requests_total` and `upstream_request_duration_seconds` by upstream, operation and outcome. */
export class UpstreamMetrics {
  readonly requests: Counter<'upstream' | 'operation' | 'outcome'>;
  readonly duration: Histogram<'upstream' | 'operation' | 'outcome'>;

  constructor(registry: Registry) {
    const existingRequests = registry.getSingleMetric('upstream_requests_total');
    const existingDuration = registry.getSingleMetric('upstream_request_duration_seconds');
    this.requests =
      (existingRequests as Counter<'upstream' | 'operation' | 'outcome'> | undefined) ??
      new Counter({
        name: 'upstream_requests_total',
        help: 'Calls to upstream services (each attempt) by upstream, operation and outcome',
        labelNames: ['upstream', 'operation', 'outcome'] as const,
        registers: [registry],
      });
    this.duration =
      (existingDuration as Histogram<'upstream' | 'operation' | 'outcome'> | undefined) ??
      new Histogram({
        name: 'upstream_request_duration_seconds',
        help: 'Duration of calls to upstream services by upstream, operation and outcome',
        labelNames: ['upstream', 'operation', 'outcome'] as const,
        buckets: [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
      });
  }

  record(upstream: string, operation: string, outcome: Outcome, seconds: number): void {
    this.requests.inc({ upstream, operation, outcome });
    this.duration.observe({ upstream, operation, outcome }, seconds);
  }
}
