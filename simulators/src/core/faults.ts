import { compilePattern, matchPattern, type CompiledPattern } from './pattern.js';
import { Random } from './random.js';

/** What a simulator does instead of (or on top of) its normal answer. */
export type Fault =
  /** Answer normally, `ms` later. */
  | { kind: 'latency'; ms: number }
  /** Answer with this status and the simulator's own error body for it. */
  | { kind: 'status'; status: 500 | 502 | 503 | 504 | 400 | 401 | 403 | 404; message?: string }
  /** 429 with `Retry-After: <seconds>`. */
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  /** Read the request and never answer, until the client gives up (or the simulator closes). */
  | { kind: 'hang' }
  /** Close the connection without answering (the client sees a socket reset). */
  | { kind: 'reset' }
  /** A 200 whose body is not valid JSON/XML (the right content type, a broken document). */
  | { kind: 'malformed' }
  /** The real body, cut in the middle: `Content-Length` promises more than is sent, then the socket closes. */
  | { kind: 'truncated' }
  /**
   * A 200 whose JSON body is well-formed but breaks the upstream's schema: the value at the dotted
   * `path` (`version`, `MediaContainer.machineIdentifier`, `results.0.id`) is replaced by `value`, or
   * removed when `value` is omitted.
   */
  | { kind: 'schema'; path: string; value?: unknown };

export interface FaultOptions {
  /** Apply to this fraction of the matching requests (0..1), chosen by a seeded PRNG; default 1. */
  fraction?: number;
  /** Apply to the first `times` matching requests only, then stop. */
  times?: number;
  /** Seed for the fraction mode (default: the pattern), so a drill is repeatable. */
  seed?: number | string;
}

interface FaultRule {
  pattern: CompiledPattern;
  fault: Fault;
  fraction: number;
  remaining: number;
  random: Random;
}

/**
 * Per-route fault injection. `set(pattern, fault)` replaces any rule with the same pattern;
 * the first rule (in insertion order) that matches a request and fires decides its fate.
 */
export class FaultController {
  private rules: FaultRule[] = [];
  /** How many requests each fault kind was applied to, for drills. */
  readonly applied: Record<Fault['kind'], number> = {
    latency: 0,
    status: 0,
    rateLimit: 0,
    hang: 0,
    reset: 0,
    malformed: 0,
    truncated: 0,
    schema: 0,
  };

  /** `pattern`: `'*'`, a path pattern (`/library/sections/{id}/all`, `/library/*`), optionally `GET /…`. */
  set(pattern: string, fault: Fault, options: FaultOptions = {}): this {
    this.remove(pattern);
    this.rules.push({
      pattern: compilePattern(pattern),
      fault,
      fraction: options.fraction ?? 1,
      remaining: options.times ?? Number.POSITIVE_INFINITY,
      random: new Random(options.seed ?? pattern),
    });
    return this;
  }

  remove(pattern: string): this {
    this.rules = this.rules.filter((rule) => rule.pattern.source !== pattern);
    return this;
  }

  clear(): this {
    this.rules = [];
    return this;
  }

  get active(): { pattern: string; fault: Fault }[] {
    return this.rules.map((rule) => ({ pattern: rule.pattern.source, fault: rule.fault }));
  }

  /** The fault to apply to this request, if any (consumes `times` and draws for `fraction`). */
  pick(method: string, path: string): Fault | undefined {
    for (const rule of this.rules) {
      if (rule.remaining <= 0) continue;
      if (!matchPattern(rule.pattern, method, path)) continue;
      if (rule.fraction < 1 && rule.random.next() >= rule.fraction) continue;
      rule.remaining -= 1;
      this.applied[rule.fault.kind] += 1;
      return rule.fault;
    }
    return undefined;
  }
}
