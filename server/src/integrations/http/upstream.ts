import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleWhen,
  IsolatedCircuitError,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import type { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { TokenBucket } from './token-bucket.js';
import {
  authError,
  badResponseError,
  classifyFetchError,
  errorCode,
  parseRetryAfter,
  rateLimitedError,
  schemaError,
  unavailableError,
  type BreakerStateName,
  type FailureKind,
} from './upstream-errors.js';
import type { Outcome, UpstreamMetrics } from './upstream-metrics.js';

/** How MediaNest treats one upstream: timeouts, retries, breaker and rate limit. */
export interface UpstreamPolicy {
  /** Per attempt. */
  timeoutMs: number;
  /** Extra attempts for GET/HEAD after a failure that may pass (unavailable, 429); never for other methods. */
  retries: number;
  /** Exponential backoff with full jitter: a random wait in [0, min(max, base·2^attempt)]. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A `Retry-After` longer than this is not waited for: the call fails with UPSTREAM_RATE_LIMITED. */
  maxRetryAfterMs: number;
  /** Consecutive failures that open the breaker, and how long it stays open before one trial call. */
  breakerFailures: number;
  breakerHalfOpenAfterMs: number;
  /** Token bucket: sustained calls per second and burst; a caller waits at most `rateLimitMaxWaitMs` for a token. */
  ratePerSecond: number;
  rateBurst: number;
  rateLimitMaxWaitMs: number;
}

export const DEFAULT_POLICY: UpstreamPolicy = {
  timeoutMs: 8_000,
  retries: 2,
  backoffBaseMs: 200,
  backoffMaxMs: 5_000,
  maxRetryAfterMs: 30_000,
  breakerFailures: 5,
  breakerHalfOpenAfterMs: 30_000,
  ratePerSecond: 20,
  rateBurst: 40,
  rateLimitMaxWaitMs: 2_000,
};

/** Time, waiting and randomness, injected so tests neither wait nor guess. */
export interface UpstreamRuntime {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
  fetch: typeof fetch;
}

export const realRuntime: UpstreamRuntime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
  fetch: (input, init) => fetch(input, init),
};

export type HttpMethodName = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

export interface UpstreamRequest {
  /** Names the call in metrics and errors: `status`, `sessions`, `statusPage`. */
  operation: string;
  method?: HttpMethodName;
  url: URL;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  /** Read the body as bytes (`UpstreamResponse.bytes`), not text: images. */
  binary?: boolean;
  /**
   * A diagnostic call ("Test connection"): no breaker, no retries, no rate limit, so the answer is about
   * this very attempt; its failures do not count against the upstream.
   */
  direct?: boolean;
}

export interface UpstreamResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body, when the request asked for `binary`. */
  bytes?: Buffer;
  latencyMs: number;
}

export interface JsonRequest<S extends z.ZodType> extends UpstreamRequest {
  schema: S;
  /** The second sentence of UPSTREAM_AUTH: what the admin should do about refused credentials. */
  authHint?: string;
}

export interface BreakerSnapshot {
  upstream: string;
  service: string;
  state: BreakerStateName;
  /** When the current failing spell began (first failure of the run, or when the breaker opened). */
  since: string | null;
  consecutiveFailures: number;
  lastFailure: { at: string; reason: string } | null;
  lastSuccessAt: string | null;
}

/** A failure the breaker counts (thrown inside `execute`, turned into an AppError outside). */
class TransportFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(kind);
  }
}

const stateNames: Record<CircuitState, BreakerStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

const idempotent = new Set<HttpMethodName>(['GET', 'HEAD']);

/**
 * One upstream service (Overseerr, TMDB, a PMS…): every call to it goes through here. A call gets a
 * timeout; GET/HEAD are retried with exponential backoff and full jitter, honouring `Retry-After`; a
 * cockatiel breaker counts timeouts, refused connections, DNS and TLS failures, resets and 5xx alike
 * and fails fast while open; a token bucket keeps MediaNest polite; every attempt is measured.
 */
export class Upstream {
  readonly breaker: CircuitBreakerPolicy;
  private readonly bucket: TokenBucket;
  private failingSince: number | null = null;
  private consecutiveFailures = 0;
  private lastFailure: { at: number; reason: string } | null = null;
  private lastSuccessAt: number | null = null;
  private readonly stateListeners = new Set<(snapshot: BreakerSnapshot) => void>();

  constructor(
    /** Short id used in metrics: `overseerr`. */
    readonly name: string,
    /** What people call it: `Overseerr`. */
    readonly service: string,
    readonly policy: UpstreamPolicy,
    private readonly runtime: UpstreamRuntime,
    private readonly metrics?: UpstreamMetrics,
  ) {
    this.breaker = circuitBreaker(
      handleWhen((error) => error instanceof TransportFailure),
      { halfOpenAfter: policy.breakerHalfOpenAfterMs, breaker: new ConsecutiveBreaker(policy.breakerFailures) },
    );
    this.breaker.onStateChange(() => {
      const snapshot = this.snapshot();
      for (const listener of this.stateListeners) listener(snapshot);
    });
    this.bucket = new TokenBucket(policy.ratePerSecond, policy.rateBurst, runtime.now());
  }

  get state(): BreakerStateName {
    return stateNames[this.breaker.state];
  }

  snapshot(): BreakerSnapshot {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      upstream: this.name,
      service: this.service,
      state: this.state,
      since: iso(this.failingSince),
      consecutiveFailures: this.consecutiveFailures,
      lastFailure: this.lastFailure ? { at: new Date(this.lastFailure.at).toISOString(), reason: this.lastFailure.reason } : null,
      lastSuccessAt: iso(this.lastSuccessAt),
    };
  }

  onStateChange(listener: (snapshot: BreakerSnapshot) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /**
   * Sends the request; resolves with any answer below 500 except 429 (the caller decides what a 401 or
   * 404 means). Unavailable → UPSTREAM_UNAVAILABLE, 429 beyond the retries → UPSTREAM_RATE_LIMITED.
   */
  async send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const { response, started } = await this.exchange(request);
    this.record(request.operation, outcomeOf(response.status), started);
    return response;
  }

  private async exchange(request: UpstreamRequest): Promise<{ response: UpstreamResponse; started: number }> {
    const method = request.method ?? 'GET';
    const maxAttempts = request.direct || !idempotent.has(method) ? 1 : 1 + this.policy.retries;
    for (let attempt = 0; ; attempt += 1) {
      if (!request.direct) await this.takeToken(request.operation);
      const started = this.runtime.now();
      try {
        const response = request.direct ? await this.attempt(request) : await this.breaker.execute(() => this.attempt(request));
        if (response.status === 429) {
          const retryAfter = parseRetryAfter(response.headers.get('retry-after'), this.runtime.now());
          this.record(request.operation, 'rate-limited', started);
          const waitMs = retryAfter === null ? this.backoff(attempt) : retryAfter * 1000;
          if (attempt + 1 >= maxAttempts || waitMs > this.policy.maxRetryAfterMs) throw rateLimitedError(this.service, retryAfter);
          await this.runtime.sleep(waitMs);
          continue;
        }
        if (!request.direct) this.succeeded();
        return { response, started };
      } catch (error) {
        if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
          this.record(request.operation, 'circuit-open', started);
          throw unavailableError({
            service: this.service,
            reason: 'circuit-open',
            since: this.snapshot().since,
            breaker: this.state,
          });
        }
        if (!(error instanceof TransportFailure)) throw error;
        this.record(request.operation, 'unavailable', started);
        if (!request.direct) this.failed(error);
        if (attempt + 1 >= maxAttempts || this.state === 'open') {
          throw unavailableError({
            service: this.service,
            reason: error.kind,
            since: request.direct ? null : this.snapshot().since,
            breaker: this.state,
            ...(error.status ? { status: error.status } : {}),
            ...(error.code ? { code: error.code } : {}),
          });
        }
        await this.runtime.sleep(this.backoff(attempt));
      }
    }
  }

  /** GET (by default) a JSON document and parse it with its schema; anything but 2xx is a typed error. */
  async json<S extends z.ZodType>(request: JsonRequest<S>): Promise<z.output<S>> {
    const { response, started } = await this.exchange(request);
    try {
      const data = this.parse(request, response);
      this.record(request.operation, 'success', started);
      return data;
    } catch (error) {
      this.record(request.operation, error instanceof AppError && error.code === 'UPSTREAM_AUTH' ? 'auth' : 'bad-response', started);
      throw error;
    }
  }

  /** The 2xx JSON body of a response, parsed; 401/403 → UPSTREAM_AUTH, other statuses → UPSTREAM_BAD_RESPONSE. */
  parse<S extends z.ZodType>(request: Pick<JsonRequest<S>, 'operation' | 'schema' | 'authHint'>, response: UpstreamResponse): z.output<S> {
    if (response.status === 401 || response.status === 403) throw authError(this.service, response.status, request.authHint);
    if (response.status < 200 || response.status >= 300) {
      throw badResponseError(this.service, request.operation, `unexpected status ${response.status}`, { status: response.status });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(response.text);
    } catch {
      throw badResponseError(this.service, request.operation, 'the body is not JSON');
    }
    return this.validate(request, raw);
  }

  /** Any value (JSON, parsed XML, text) through the schema; a mismatch names the field. */
  validate<S extends z.ZodType>(request: Pick<JsonRequest<S>, 'operation' | 'schema'>, raw: unknown): z.output<S> {
    const parsed = request.schema.safeParse(raw);
    if (!parsed.success) throw schemaError(this.service, request.operation, parsed.error);
    return parsed.data;
  }

  private async attempt(request: UpstreamRequest): Promise<UpstreamResponse> {
    const started = this.runtime.now();
    let response: Response;
    try {
      response = await this.runtime.fetch(request.url, {
        method: request.method ?? 'GET',
        headers: request.headers ?? {},
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal: AbortSignal.timeout(request.timeoutMs ?? this.policy.timeoutMs),
        redirect: 'manual',
      });
    } catch (error) {
      const kind = classifyFetchError(error);
      throw new TransportFailure(kind, undefined, errorCode(error));
    }
    let text = '';
    let bytes: Buffer | undefined;
    try {
      if (request.binary) bytes = Buffer.from(await response.arrayBuffer());
      else text = await response.text();
    } catch (error) {
      // A body cut short (reset, truncated, timed out while reading) is a failed call like any other.
      throw new TransportFailure(classifyFetchError(error) === 'timeout' ? 'timeout' : 'reset', undefined, errorCode(error));
    }
    if (response.status >= 500) throw new TransportFailure('server-error', response.status);
    return { status: response.status, headers: response.headers, text, ...(bytes ? { bytes } : {}), latencyMs: this.runtime.now() - started };
  }

  private async takeToken(operation: string): Promise<void> {
    let waited = 0;
    for (;;) {
      const waitMs = this.bucket.take(this.runtime.now());
      if (waitMs === 0) return;
      if (waited + waitMs > this.policy.rateLimitMaxWaitMs) {
        this.record(operation, 'rate-limited', this.runtime.now());
        throw new AppError(
          'UPSTREAM_RATE_LIMITED',
          `MediaNest is calling ${this.service} too often right now (limit ${this.policy.ratePerSecond}/s). Try again in a moment.`,
          { service: this.service, local: true },
        );
      }
      await this.runtime.sleep(waitMs);
      waited += waitMs;
    }
  }

  /** Full jitter: uniform in [0, min(max, base·2^attempt)]. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.policy.backoffMaxMs, this.policy.backoffBaseMs * 2 ** attempt);
    return Math.round(this.runtime.random() * ceiling);
  }

  private succeeded(): void {
    this.failingSince = null;
    this.consecutiveFailures = 0;
    this.lastSuccessAt = this.runtime.now();
  }

  private failed(failure: TransportFailure): void {
    const now = this.runtime.now();
    this.failingSince ??= now;
    this.consecutiveFailures += 1;
    this.lastFailure = { at: now, reason: failure.status ? `${failure.kind} (${failure.status})` : failure.kind };
  }

  private record(operation: string, outcome: Outcome, started: number): void {
    this.metrics?.record(this.name, operation, outcome, Math.max(0, this.runtime.now() - started) / 1000);
  }
}

function outcomeOf(status: number): Outcome {
  if (status === 401 || status === 403) return 'auth';
  return status < 400 ? 'success' : 'client-error';
}
