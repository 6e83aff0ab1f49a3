import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMediaNest, loadConfig } from '../../server/src/index.js';
import { startOverseerr, type Fault, type OverseerrSimulator } from '../../simulators/src/index.js';
import type { BenchReport, BenchSuite } from '../lib/types.js';

type Scenario = { name: string; inject: (sim: OverseerrSimulator) => Promise<void>; heal: (sim: OverseerrSimulator) => Promise<void> };

const fault = (f: Fault): Pick<Scenario, 'inject' | 'heal'> => ({
  inject: async (sim) => void sim.faults.set('*', f),
  heal: async (sim) => void sim.faults.clear(),
});

const scenarios: Scenario[] = [
  { name: 'refused', inject: (sim) => sim.stopListening(), heal: (sim) => sim.resumeListening() },
  { name: 'hang', ...fault({ kind: 'hang' }) },
  { name: '503', ...fault({ kind: 'status', status: 503 }) },
];

const HALF_OPEN_MS = 2_000;

/**
 * Overseerr goes away three ways (connection refused, hanging until the 500 ms timeout, 503) while MediaNest
 * checks it: how many checks until the tile is red and the breaker open, how long a whole check (client call
 * failing fast + the check and outage rows written) takes while the breaker is open, and how long after Overseerr returns until the breaker is closed and the outage closed.
 */
const drill: BenchSuite = {
  name: 'upstream-outage',
  description: 'Overseerr refused / hanging / 503: breaker opening, fail-fast, recovery, outage recorded',
  async run({ log }): Promise<BenchReport> {
    const sim = await startOverseerr();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'medianest-drill-'));
    const config = loadConfig({
      env: {},
      file: path.join(dataDir, 'none.json'),
      overrides: { port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', secretKey: randomBytes(32).toString('base64'), webDir: dataDir },
    });
    const mediaNest = await createMediaNest({
      config,
      statusPolling: false,
      upstreamPolicies: { overseerr: { retries: 0, timeoutMs: 500, breakerFailures: 3, breakerHalfOpenAfterMs: HALF_OPEN_MS } },
    });
    const rows: Record<string, string | number>[] = [];
    const figures: Record<string, number> = {};
    try {
      await mediaNest.settings.set('services.overseerr', { url: sim.url });
      await mediaNest.settings.set('services.overseerr.apiKey', sim.apiKey, { secret: true });
      const status = mediaNest.status.service;
      const upstream = mediaNest.upstreams.get('overseerr');
      const check = async () => {
        const started = performance.now();
        const result = (await status.checkAll(['overseerr'])).overseerr!;
        return { state: result.state, ms: performance.now() - started };
      };
      for (const scenario of scenarios) {
        if ((await check()).state !== 'up') throw new Error('Overseerr is not up before the drill');
        await scenario.inject(sim);
        let checksUntilDown = 0;
        let checksUntilOpen = 0;
        for (let i = 1; i <= 10 && upstream.state !== 'open'; i += 1) {
          const result = await check();
          if (result.state === 'down' && checksUntilDown === 0) checksUntilDown = i;
          checksUntilOpen = i;
        }
        const fast: number[] = [];
        for (let i = 0; i < 20; i += 1) fast.push((await check()).ms);
        fast.sort((a, b) => a - b);
        await scenario.heal(sim);
        const healed = performance.now();
        let state = 'down';
        while (state !== 'up' && performance.now() - healed < 10_000) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          state = (await check()).state;
        }
        const recoveryMs = performance.now() - healed;
        const overview = await status.overview({ userId: 'drill', role: 'admin', permissions: 0, sessionId: null, apiKeyId: null, via: 'bearer' });
        const outage = overview.services.find((service) => service.id === 'overseerr')?.outages[0];
        const row = {
          fault: scenario.name,
          checks_until_down: checksUntilDown,
          checks_until_breaker_open: checksUntilOpen,
          fail_fast_check_median_ms: Math.round(fast[10]! * 100) / 100,
          recovery_after_heal_ms: Math.round(recoveryMs),
          breaker_after: upstream.state,
          outage_recorded: outage?.endedAt ? `${outage.startedAt} → ${outage.endedAt}` : 'no',
        };
        rows.push(row);
        figures[`${scenario.name}_fail_fast_check_median_ms`] = row.fail_fast_check_median_ms;
        figures[`${scenario.name}_recovery_after_heal_ms`] = row.recovery_after_heal_ms;
        log(`${scenario.name}: down after ${checksUntilDown}, open after ${checksUntilOpen}, fail-fast ${row.fail_fast_check_median_ms} ms, closed ${row.recovery_after_heal_ms} ms after healing`);
      }
    } finally {
      await mediaNest.stop();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    return {
      figures,
      rows,
      setup: { breakerFailures: 3, halfOpenAfterMs: HALF_OPEN_MS, timeoutMs: 500, retries: 0, database: 'PGlite (embedded)' },
    };
  },
};

export default drill;
