import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { createMediaNest, loadConfig } from '../../server/src/index.js';
import { DEFAULT_POLICY, realRuntime, Upstream } from '../../server/src/integrations/http/index.js';
import { startOverseerr, startUptimeKuma } from '../../simulators/src/index.js';
import type { BenchReport, BenchSuite } from '../lib/types.js';

const StatusSchema = z.object({ version: z.string(), commitTag: z.string() });

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failFast(): Promise<{ p50: number; p99: number; max: number; calls: number }> {
  const port = await closedPort();
  const upstream = new Upstream('overseerr', 'Overseerr', { ...DEFAULT_POLICY, retries: 0, breakerFailures: 3, breakerHalfOpenAfterMs: 600_000, ratePerSecond: 1e9, rateBurst: 1e9 }, realRuntime);
  const url = new URL(`http://127.0.0.1:${port}/api/v1/status`);
  for (let i = 0; i < 3; i += 1) await upstream.json({ operation: 'status', url, schema: StatusSchema }).catch(() => undefined);
  if (upstream.state !== 'open') throw new Error(`The breaker did not open (${upstream.state})`);
  const times: number[] = [];
  const calls = 10_000;
  for (let i = 0; i < calls; i += 1) {
    const started = performance.now();
    await upstream.json({ operation: 'status', url, schema: StatusSchema }).catch(() => undefined);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), max: times.at(-1)!, calls };
}

async function overhead(log: (message: string) => void): Promise<{ raw: number; client: number; calls: number }> {
  const sim = await startOverseerr();
  try {
    const url = new URL('/api/v1/status', sim.url);
    const upstream = new Upstream('overseerr', 'Overseerr', { ...DEFAULT_POLICY, ratePerSecond: 1e9, rateBurst: 1e9 }, realRuntime);
    const calls = 2_000;
    const rawRun = async () => {
      const started = performance.now();
      for (let i = 0; i < calls; i += 1) {
        const response = await fetch(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(8_000) });
        JSON.parse(await response.text());
      }
      return (performance.now() - started) / calls;
    };
    const clientRun = async () => {
      const started = performance.now();
      for (let i = 0; i < calls; i += 1) await upstream.json({ operation: 'status', url, headers: { Accept: 'application/json' }, schema: StatusSchema });
      return (performance.now() - started) / calls;
    };
    await rawRun();
    await clientRun();
    const raws: number[] = [];
    const clients: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      raws.push(await rawRun());
      clients.push(await clientRun());
      log(`overhead round ${round + 1}: raw ${raws.at(-1)!.toFixed(3)} ms, client ${clients.at(-1)!.toFixed(3)} ms`);
    }
    return { raw: median(raws), client: median(clients), calls };
  } finally {
    await sim.close();
  }
}

async function statusCycles(log: (message: string) => void): Promise<{ cycles: Record<number, number>; overviewMs: number; rollupRows: number }> {
  const kuma = await startUptimeKuma();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medianest-bench-int-'));
  const config = loadConfig({
    env: {},
    file: path.join(dataDir, 'none.json'),
    overrides: { port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', secretKey: randomBytes(32).toString('base64'), webDir: path.join(dataDir, 'no-web') },
  });
  // Kuma's own limit (5/s) would otherwise pace the repeated cycles: the bench measures the cycle, not the limit.
  const mediaNest = await createMediaNest({
    config,
    statusPolling: false,
    upstreamPolicies: { checks: { ratePerSecond: 1e6, rateBurst: 1e6 }, 'uptime-kuma': { ratePerSecond: 1e6, rateBurst: 1e6 } },
  });
  const results: Record<number, number> = {};
  let overviewMs: number | undefined;
  let rollupRows: number | undefined;
  try {
    const status = mediaNest.status.service;
    await mediaNest.settings.set('services.uptime-kuma', { url: kuma.url, slug: kuma.slug, metricsUsername: null });
    // MediaNest + Kuma + custom checks against the Kuma simulator's badge.
    let services = 2;
    for (const target of [5, 25, 100]) {
      while (services < target) {
        await mediaNest.status.repository.createCustomCheck({ name: `check ${services}`, url: `${kuma.url}/api/status-page/${kuma.slug}/badge`, expectedStatus: 200, intervalSeconds: 60 });
        services += 1;
      }
      await status.checkAll();
      const times: number[] = [];
      for (let run = 0; run < 5; run += 1) {
        const started = performance.now();
        const checked = await status.checkAll();
        times.push(performance.now() - started);
        if (Object.keys(checked).length !== target) throw new Error(`Checked ${Object.keys(checked).length} services, expected ${target}`);
      }
      results[target] = median(times);
      log(`one status cycle with ${target} services: ${results[target].toFixed(1)} ms (median of 5)`);
    }
    // 30 days of hourly history for the 100 services, then the dashboard's read.
    const inserted = await mediaNest.platform.database.db.execute(
      sql`insert into status_rollups (service_id, hour, checks, up_checks, degraded_checks, down_checks, latency_sum_ms, latency_count, latency_max_ms)
          select s.service_id, date_trunc('hour', now()) - (h || ' hours')::interval, 60, 59, 0, 1, 59 * 40, 59, 90
          from status_services s, generate_series(1, 30 * 24) h on conflict do nothing`,
    );
    rollupRows = (inserted as unknown as { affectedRows?: number; rowCount?: number }).rowCount ?? (inserted as unknown as { affectedRows?: number }).affectedRows ?? 0;
    const admin = { userId: 'bench', role: 'admin' as const, permissions: 0, sessionId: null, apiKeyId: null, via: 'bearer' as const };
    await status.overview(admin);
    const reads: number[] = [];
    for (let run = 0; run < 10; run += 1) {
      const started = performance.now();
      const overview = await status.overview(admin);
      reads.push(performance.now() - started);
      if (overview.services.length !== 100) throw new Error(`The overview has ${overview.services.length} services`);
    }
    overviewMs = median(reads);
    log(`dashboard read (GET /status/services work) with 100 services and 30 days of rollups: ${overviewMs.toFixed(1)} ms (median of 10)`);
  } finally {
    await mediaNest.stop();
    await kuma.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { cycles: results, overviewMs: overviewMs ?? 0, rollupRows: rollupRows ?? 0 };
}

const suite: BenchSuite = {
  name: 'integrations',
  description: 'Upstream client base: fail-fast with the breaker open, overhead over raw fetch, one status cycle with 5/25/100 services',
  async run({ log }): Promise<BenchReport> {
    const fast = await failFast();
    log(`fail fast: p50 ${fast.p50.toFixed(4)} ms, p99 ${fast.p99.toFixed(4)} ms`);
    const cost = await overhead(log);
    const { cycles, overviewMs, rollupRows } = await statusCycles(log);
    return {
      figures: {
        breaker_open_fail_fast_p50_ms: round(fast.p50, 4),
        breaker_open_fail_fast_p99_ms: round(fast.p99, 4),
        breaker_open_fail_fast_max_ms: round(fast.max, 3),
        raw_fetch_mean_ms: round(cost.raw),
        client_call_mean_ms: round(cost.client),
        client_overhead_mean_ms: round(cost.client - cost.raw),
        status_cycle_5_services_ms: round(cycles[5] ?? 0, 1),
        status_cycle_25_services_ms: round(cycles[25] ?? 0, 1),
        status_cycle_100_services_ms: round(cycles[100] ?? 0, 1),
        dashboard_read_100_services_30_days_ms: round(overviewMs, 1),
      },
      targets: [{ figure: 'breaker_open_fail_fast_p99_ms', op: '<=', value: 5, source: 'issue 6' }],
      setup: {
        failFastCalls: fast.calls,
        overheadCalls: cost.calls,
        overheadUpstream: 'Overseerr simulator GET /api/v1/status, sequential, keep-alive',
        dashboardRead: `StatusService.overview() for an admin: 100 services, ${rollupRows} hourly rollup rows (30 days)`,
        statusCycle: 'checkAll(): MediaNest readiness + Uptime Kuma page + custom HTTP checks against the Kuma simulator; embedded PGlite; rate limits lifted; median of 5',
      },
    };
  },
};

export default suite;
