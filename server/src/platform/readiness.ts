import type { Readiness, ReadinessCheck } from '@medianest/contracts';

export interface CheckOutcome {
  ok: boolean;
  driver?: string;
  latencyMs?: number;
  detail?: Record<string, string | number | boolean | null>;
  error?: string;
}

interface RegisteredCheck {
  run: () => Promise<CheckOutcome>;
  critical: boolean;
}

/**
 * What `/readyz` asks. Each part of the platform registers its own check; a critical check that
 * fails (or takes longer than `timeoutMs`) makes the whole server unready, with its name reported.
 */
export class ReadinessRegistry {
  private readonly checks = new Map<string, RegisteredCheck>();
  private readonly startedAt = Date.now();

  constructor(
    private readonly version: string,
    private readonly timeoutMs = 2_000,
  ) {}

  register(name: string, run: () => Promise<CheckOutcome>, options: { critical?: boolean } = {}): void {
    this.checks.set(name, { run, critical: options.critical ?? true });
  }

  private async runOne(check: RegisteredCheck): Promise<ReadinessCheck> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const outcome = await Promise.race([
        check.run(),
        new Promise<CheckOutcome>((resolve) => {
          timer = setTimeout(() => resolve({ ok: false, error: `no answer within ${this.timeoutMs} ms` }), this.timeoutMs);
        }),
      ]);
      return { ...outcome, critical: check.critical };
    } catch (error) {
      return { ok: false, error: (error as Error).message, critical: check.critical };
    } finally {
      clearTimeout(timer);
    }
  }

  async report(): Promise<Readiness> {
    const entries = await Promise.all(
      [...this.checks.entries()].map(async ([name, check]) => [name, await this.runOne(check)] as const),
    );
    const failing = entries.filter(([, result]) => result.critical && !result.ok).map(([name]) => name);
    return {
      status: failing.length === 0 ? 'ready' : 'not_ready',
      version: this.version,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      failing,
      checks: Object.fromEntries(entries),
    };
  }
}
