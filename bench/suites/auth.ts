import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load, type LoadResult } from '../lib/load.js';
import { freePort, serverNodeFlags, spawnNode, stop, waitFor200 } from '../lib/processes.js';
import { scratchPostgres } from '../lib/postgres.js';
import type { BenchReport, BenchSuite } from '../lib/types.js';

interface SignIn {
  accessToken: string;
  refreshToken: string;
  csrfToken: string;
}

const PASSWORD = 'bench password, long enough';

/**
 * Issue 5's figures, at 50 connections against the built server (`medianest api`, request log at info),
 * embedded (PGlite, in-process cache and rate limits) and, when the machine has them, on PostgreSQL + Redis:
 * - token refresh: POST /api/v1/auth/refresh, each connection carrying its own session and presenting
 *   the refresh token the previous answer returned (every call rotates it: one transaction, the token
 *   spent, a new one stored, an access JWT signed);
 * - an authenticated read through the full middleware: GET /api/v1/auth/me with the session cookie
 *   (JWT check, denylist, rate-limit-free route, one user lookup, response schema) — and the same with a
 *   personal API key (key lookup by id, hash check, user lookup).
 */
const CONNECTIONS = 50;
const REFRESHES = 5_000;
const READS = 20_000;

interface Measured {
  refresh: LoadResult;
  read: LoadResult;
  keyRead: LoadResult;
}

/** Runs the three scenarios against one server. */
async function measure(base: string, log: (message: string) => void): Promise<Measured> {
  // One session per connection. Each sign-in from its own address (through the trusted loopback
  // proxy), as 50 people would, so the per-address sign-in limit does not apply to the setup.
  const sessions: SignIn[] = [];
  for (let i = 0; i < CONNECTIONS; i += 1) {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `10.50.0.${i + 1}` },
      body: JSON.stringify({ username: 'bench', password: PASSWORD, tokenDelivery: 'body' }),
    });
    if (res.status !== 200) throw new Error(`sign-in ${i} answered ${res.status}: ${await res.text()}`);
    sessions.push((await res.json()) as SignIn);
  }
  const first = sessions[0]!;
  const keyRes = await fetch(`${base}/api/v1/auth/api-keys`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${first.accessToken}` },
    body: JSON.stringify({ name: 'bench', scopes: ['read'] }),
  });
  const apiKey = ((await keyRes.json()) as { secret: string }).secret;

  // Refresh: a shared pool of live refresh tokens; a connection takes one per call and the answer puts
  // the rotated one back. Each call comes from its own address (the refresh limit is per address).
  const pool = sessions.map((session) => session.refreshToken);
  let address = 0;
  let broken = 0;
  const refreshRun = (amount: number): Promise<LoadResult> =>
    load(`${base}/api/v1/auth/refresh`, {
      connections: CONNECTIONS,
      amount,
      method: 'POST',
      requests: [
        {
          method: 'POST',
          path: '/api/v1/auth/refresh',
          setupRequest: (request) => {
            const token = pool.shift();
            if (!token) throw new Error('The refresh-token pool ran dry');
            address += 1;
            return {
              ...request,
              headers: {
                'content-type': 'application/json',
                'x-forwarded-for': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
              },
              body: JSON.stringify({ refreshToken: token }),
            };
          },
          onResponse: (status, body) => {
            if (status !== 200) {
              broken += 1;
              return;
            }
            pool.push((JSON.parse(body) as SignIn).refreshToken);
          },
        },
      ],
    });
  await refreshRun(500);
  log('token refresh');
  const refresh = await refreshRun(REFRESHES);
  if (broken > 0) throw new Error(`${broken} refresh calls failed: the rotation chain broke`);

  const cookie = { Cookie: `mn_access=${first.accessToken}` };
  await load(`${base}/api/v1/auth/me`, { connections: CONNECTIONS, amount: 2_000, headers: cookie });
  log('authenticated read (cookie)');
  const read = await load(`${base}/api/v1/auth/me`, { connections: CONNECTIONS, amount: READS, headers: cookie });
  log('authenticated read (API key)');
  const keyRead = await load(`${base}/api/v1/auth/me`, {
    connections: CONNECTIONS,
    amount: READS,
    headers: { Authorization: `Bearer ${apiKey}` },
  });
  const failed = [refresh, read, keyRead].reduce((sum, r) => sum + r.errors + r.non2xx, 0);
  if (failed > 0) throw new Error(`${failed} requests failed or answered non-2xx`);
  return { refresh, read, keyRead };
}

/** Starts `medianest api` with a fresh admin on the given storage, measures, stops. */
async function withServer(
  root: string,
  storage: Record<string, string>,
  log: (message: string) => void,
): Promise<Measured> {
  const cli = path.join(root, 'server', 'dist', 'cli.js');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mn-bench-auth-'));
  const env = { ...storage, MEDIANEST_DATA_DIR: dataDir, HOST: '127.0.0.1', MEDIANEST_TRUSTED_PROXIES: 'loopback' };
  const created = spawnSync(process.execPath, [cli, 'admin', 'create', '--username', 'bench'], {
    env: { PATH: process.env.PATH ?? '', ...env, MEDIANEST_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (created.status !== 0) throw new Error(`medianest admin create failed: ${created.stderr}`);
  const port = await freePort();
  const app = spawnNode([...serverNodeFlags, cli, 'api'], { ...env, PORT: String(port) }, root);
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor200(`${base}/readyz`, performance.now());
    return await measure(base, log);
  } finally {
    await stop(app);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const row = (scenario: string, mode: string, r: LoadResult) => ({
  scenario,
  mode,
  rps: r.requestsPerSecond,
  p50_ms: r.p50Ms,
  p99_ms: r.p99Ms,
  requests: r.requests,
});

const suite: BenchSuite = {
  name: 'auth',
  description: 'token refresh and authenticated reads at 50 connections',
  async run({ root, log }): Promise<BenchReport> {
    if (!existsSync(path.join(root, 'server', 'dist', 'cli.js'))) throw new Error('Build first: npm run build');
    log('embedded: PGlite, in-process cache');
    const embedded = await withServer(root, {}, log);
    const report: BenchReport = {
      figures: {
        refresh_rps: embedded.refresh.requestsPerSecond,
        refresh_p50_ms: embedded.refresh.p50Ms,
        refresh_p99_ms: embedded.refresh.p99Ms,
        authenticated_read_rps: embedded.read.requestsPerSecond,
        authenticated_read_p50_ms: embedded.read.p50Ms,
        authenticated_read_p99_ms: embedded.read.p99Ms,
        api_key_read_rps: embedded.keyRead.requestsPerSecond,
        api_key_read_p99_ms: embedded.keyRead.p99Ms,
      },
      rows: [
        row('POST /auth/refresh (rotation)', 'embedded', embedded.refresh),
        row('GET /auth/me, session cookie', 'embedded', embedded.read),
        row('GET /auth/me, API key', 'embedded', embedded.keyRead),
      ],
      setup: { connections: CONNECTIONS, refreshes: REFRESHES, reads: READS, sessions: CONNECTIONS, server_mode: 'skipped' },
    };

    const postgres = await scratchPostgres('mn_bench_auth');
    if (!postgres) {
      log('no PostgreSQL reachable: server mode skipped');
      return report;
    }
    try {
      log('server: PostgreSQL + Redis');
      const server = await withServer(
        root,
        {
          DATABASE_URL: postgres.url,
          REDIS_URL: process.env.MEDIANEST_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
          REDIS_KEY_PREFIX: `mnbench:${randomBytes(4).toString('hex')}:`,
        },
        log,
      );
      Object.assign(report.figures, {
        server_refresh_rps: server.refresh.requestsPerSecond,
        server_refresh_p99_ms: server.refresh.p99Ms,
        server_authenticated_read_rps: server.read.requestsPerSecond,
        server_authenticated_read_p99_ms: server.read.p99Ms,
      });
      report.rows!.push(
        row('POST /auth/refresh (rotation)', 'postgres+redis', server.refresh),
        row('GET /auth/me, session cookie', 'postgres+redis', server.read),
        row('GET /auth/me, API key', 'postgres+redis', server.keyRead),
      );
      report.setup!.server_mode = 'postgres+redis';
    } finally {
      await postgres.drop();
    }
    return report;
  },
};

export default suite;
