import { mkdtempSync, rmSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from '../lib/load.js';
import { freePort, median, rssMb, serverNodeFlags, spawnNode, stop, waitFor200 } from '../lib/processes.js';
import type { BenchSuite } from '../lib/types.js';

const bareExpress = `
import express from 'express';
const app = express();
app.get('/hello', (_req, res) => { res.json({ status: 'ok' }); });
app.listen(Number(process.env.PORT), '127.0.0.1');
`;

/**
 * Issue 3's figures: (1) a read through the full middleware stack vs a bare Express "hello" in the same
 * run, (2) cold start from spawn to /readyz 200 on PGlite (fresh data dir and reopen), (3) idle RSS.
 */
const suite: BenchSuite = {
  name: 'foundation',
  description: 'full-stack read vs bare Express, cold start on PGlite, idle RSS',
  async run({ root, log }) {
    const cli = path.join(root, 'server', 'dist', 'cli.js');
    if (!existsSync(cli)) throw new Error('Build first: npm run build');
    const serverDir = path.join(root, 'server');
    const requests = 20_000;
    const connections = 50;

    // (1) throughput: the same machine, the same load generator, one after the other.
    const barePort = await freePort();
    const bare = spawnNode(['--input-type=module', '-e', bareExpress], { PORT: String(barePort) }, serverDir);
    await waitFor200(`http://127.0.0.1:${barePort}/hello`, performance.now());
    await load(`http://127.0.0.1:${barePort}/hello`, { connections, amount: 2_000 });
    log('bare Express');
    const bareResult = await load(`http://127.0.0.1:${barePort}/hello`, { connections, amount: requests });
    await stop(bare);

    const dataDir = mkdtempSync(path.join(tmpdir(), 'mn-bench-'));
    const port = await freePort();
    const env = { PORT: String(port), HOST: '127.0.0.1', MEDIANEST_DATA_DIR: dataDir };
    const app = spawnNode([...serverNodeFlags, cli, 'api'], env, root);
    await waitFor200(`http://127.0.0.1:${port}/readyz`, performance.now());
    await load(`http://127.0.0.1:${port}/healthz`, { connections, amount: 2_000 });
    log('MediaNest /healthz (full middleware stack, request log at info)');
    const stackResult = await load(`http://127.0.0.1:${port}/healthz`, { connections, amount: requests });
    await stop(app);

    // (2) cold start, fresh data directory (first run copies the PGlite seed) and reopen.
    const fresh: number[] = [];
    const reopen: number[] = [];
    const idle: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const dir = mkdtempSync(path.join(tmpdir(), 'mn-cold-'));
      for (const bucket of [fresh, reopen]) {
        const coldPort = await freePort();
        const started = performance.now();
        const child = spawnNode([...serverNodeFlags, cli, 'start'], { PORT: String(coldPort), HOST: '127.0.0.1', MEDIANEST_DATA_DIR: dir }, root);
        bucket.push(await waitFor200(`http://127.0.0.1:${coldPort}/readyz`, started));
        if (bucket === reopen) {
          // (3) idle RSS: settled two seconds after ready.
          await new Promise((resolve) => setTimeout(resolve, 2_000));
          idle.push(rssMb(child.pid ?? 0));
        }
        await stop(child);
      }
      rmSync(dir, { recursive: true, force: true });
      log(`cold start run ${i + 1}: fresh ${Math.round(fresh[i] ?? 0)} ms, reopen ${Math.round(reopen[i] ?? 0)} ms`);
    }
    rmSync(dataDir, { recursive: true, force: true });

    const ratio = Math.round((stackResult.requestsPerSecond / bareResult.requestsPerSecond) * 100) / 100;
    return {
      figures: {
        bare_express_rps: bareResult.requestsPerSecond,
        full_stack_rps: stackResult.requestsPerSecond,
        full_stack_to_bare_ratio: ratio,
        full_stack_p99_ms: stackResult.p99Ms,
        cold_start_fresh_ms: Math.round(median(fresh)),
        cold_start_reopen_ms: Math.round(median(reopen)),
        idle_rss_mb: median(idle),
      },
      targets: [
        { figure: 'full_stack_to_bare_ratio', op: '>=', value: 0.33, source: 'issue 3' },
        { figure: 'cold_start_fresh_ms', op: '<=', value: 3000, source: 'issue 3' },
        { figure: 'cold_start_reopen_ms', op: '<=', value: 3000, source: 'issue 3' },
        { figure: 'idle_rss_mb', op: '<=', value: 150, source: 'issue 3' },
      ],
      rows: [
        { scenario: 'bare Express /hello', rps: bareResult.requestsPerSecond, p50_ms: bareResult.p50Ms, p99_ms: bareResult.p99Ms, errors: bareResult.errors + bareResult.non2xx },
        { scenario: 'MediaNest /healthz', rps: stackResult.requestsPerSecond, p50_ms: stackResult.p50Ms, p99_ms: stackResult.p99Ms, errors: stackResult.errors + stackResult.non2xx },
      ],
      setup: { requests, connections, database: 'pglite', cold_start_runs: fresh.length },
    };
  },
};

export default suite;
