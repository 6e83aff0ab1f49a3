import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REALTIME_PATH, type RealtimeEnvelope } from '@medianest/contracts';
import { io, type Socket } from 'socket.io-client';
import { createMediaNest, type MediaNest, type Role } from '../../server/src/app/composition.js';
import { loadConfig } from '../../server/src/platform/config/config.js';
import { scratchPostgres } from '../lib/postgres.js';
import type { BenchReport, BenchSuite } from '../lib/types.js';

/**
 * Issue 7 / ADR-001: 1,000 connected sockets (100 users × 10 tabs), and the time from `realtime.push`
 * to a user-room event arriving at each of the user's sockets. Events go one at a time (latency, not
 * throughput). Two set-ups, all in this process with the sockets as real Socket.IO clients over loopback:
 * - in-process: one MediaNest (embedded PGlite, no Redis);
 * - Redis fan-out: two API instances and a worker on one PostgreSQL and one Redis; the sockets are split
 *   between the API instances and the worker pushes, so every event crosses Redis (Redis adapter).
 * Transient events (no database write) measure the delivery path; persisted ones add the insert that
 * gives catch-up its id.
 */
const USERS = 100;
const TABS = 10;
const EVENTS = 1_000;
const PERSISTED_EVENTS = 300;

interface Instance {
  mediaNest: MediaNest;
  url: string;
}

async function startInstance(options: { role: Role; dataDir: string; secretKey: string; databaseUrl?: string; redisPrefix?: string }): Promise<Instance> {
  const config = loadConfig({
    env: {},
    file: path.join(options.dataDir, 'none.json'),
    overrides: {
      port: 0,
      host: '127.0.0.1',
      dataDir: options.dataDir,
      logLevel: 'warn',
      secretKey: options.secretKey,
      webDir: path.join(options.dataDir, 'no-web'),
      notificationsPollMs: 0,
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      ...(options.redisPrefix
        ? { redisUrl: process.env.MEDIANEST_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379', redisKeyPrefix: options.redisPrefix }
        : {}),
    },
  });
  const mediaNest = await createMediaNest({ config, role: options.role });
  const started = await mediaNest.start();
  return { mediaNest, url: started ? `http://127.0.0.1:${started.port}` : '' };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

interface Latencies {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

/** Connects USERS × TABS sockets spread over `apis`, pushes from `pusher`, and measures. */
async function measure(apis: Instance[], pusher: Instance, log: (message: string) => void): Promise<{ transient: Latencies; persisted: Latencies; sockets: number }> {
  const owner = apis[0]!.mediaNest;
  const sockets: Socket[] = [];
  const pending = new Map<number, { sentAt: number; waiting: number; done: () => void }>();
  const samples = new Map<string, number[]>([
    ['transient', []],
    ['persisted', []],
  ]);
  const users: string[] = [];
  for (let u = 0; u < USERS; u += 1) {
    const row = await owner.users.create({
      username: `bench-${u}-${randomBytes(3).toString('hex')}`,
      role: 'user',
      permissions: 0,
      plexId: null,
      passwordHash: null,
      disabledAt: null,
    });
    users.push(row.id);
    for (let tab = 0; tab < TABS; tab += 1) {
      const session = await owner.auth.sessions.open(row, 'local', { ip: '127.0.0.1', userAgent: `bench tab ${tab}` });
      const target = apis[(u * TABS + tab) % apis.length]!;
      const socket = io(`${target.url}/media`, {
        path: REALTIME_PATH,
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth: { token: session.accessToken },
      });
      socket.on('bench:tick', (envelope: RealtimeEnvelope<{ seq: number; kind: string }>) => {
        const entry = pending.get(envelope.data.seq);
        if (!entry) return;
        samples.get(envelope.data.kind)!.push(performance.now() - entry.sentAt);
        entry.waiting -= 1;
        if (entry.waiting === 0) entry.done();
      });
      sockets.push(socket);
    }
  }
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve, reject) => {
          if (socket.connected) return resolve();
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        }),
    ),
  );
  log(`${sockets.length} sockets connected`);
  // Let every catch-up finish before timing.
  await new Promise((resolve) => setTimeout(resolve, 500));

  let seq = 0;
  const send = async (kind: 'transient' | 'persisted', count: number) => {
    for (let i = 0; i < count; i += 1) {
      seq += 1;
      const userId = users[seq % USERS]!;
      const arrived = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`event ${seq} did not reach every tab within 5 s`)), 5_000);
        pending.set(seq, { sentAt: performance.now(), waiting: TABS, done: () => (clearTimeout(timer), resolve()) });
      });
      await pusher.mediaNest.realtime.push({
        namespace: '/media',
        event: 'bench:tick',
        rooms: [`user:${userId}`],
        data: { seq, kind },
        persist: kind === 'persisted',
      });
      await arrived;
      pending.delete(seq);
    }
  };
  await send('transient', 50); // warm-up
  samples.get('transient')!.length = 0;
  log(`${EVENTS} transient events`);
  await send('transient', EVENTS);
  log(`${PERSISTED_EVENTS} persisted events`);
  await send('persisted', PERSISTED_EVENTS);
  for (const socket of sockets) socket.disconnect();
  const summary = (values: number[]): Latencies => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0), samples: sorted.length };
  };
  return { transient: summary(samples.get('transient')!), persisted: summary(samples.get('persisted')!), sockets: sockets.length };
}

const row = (mode: string, kind: string, l: Latencies) => ({ mode, events: kind, p50_ms: l.p50, p99_ms: l.p99, max_ms: l.max, deliveries: l.samples });

const suite: BenchSuite = {
  name: 'realtime',
  description: 'user-room event latency (push → socket) with 1,000 connected sockets, in-process and across instances via Redis',
  async run({ log }): Promise<BenchReport> {
    const secretKey = randomBytes(32).toString('base64');
    log('in-process: one instance, PGlite, no Redis');
    const embeddedDir = mkdtempSync(path.join(tmpdir(), 'mn-bench-rt-'));
    const single = await startInstance({ role: 'all', dataDir: embeddedDir, secretKey });
    let inProcess;
    try {
      inProcess = await measure([single], single, log);
    } finally {
      await single.mediaNest.stop();
      rmSync(embeddedDir, { recursive: true, force: true });
    }
    const report: BenchReport = {
      figures: {
        in_process_p50_ms: inProcess.transient.p50,
        in_process_p99_ms: inProcess.transient.p99,
        in_process_max_ms: inProcess.transient.max,
        in_process_persisted_p99_ms: inProcess.persisted.p99,
      },
      rows: [row('in-process', 'transient', inProcess.transient), row('in-process', 'persisted', inProcess.persisted)],
      targets: [
        { figure: 'in_process_p99_ms', op: '<=', value: 25, source: 'issue 7' },
        { figure: 'in_process_persisted_p99_ms', op: '<=', value: 100, source: 'ADR-001' },
      ],
      setup: { sockets: inProcess.sockets, users: USERS, tabs_per_user: TABS, events: EVENTS, persisted_events: PERSISTED_EVENTS, redis_mode: 'skipped' },
    };

    const postgres = await scratchPostgres('mn_bench_rt');
    if (!postgres) {
      log('no PostgreSQL reachable: Redis mode skipped');
      return report;
    }
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mn-bench-rt-'));
    const redisPrefix = `mnbench:${randomBytes(4).toString('hex')}:`;
    const shared = { dataDir, secretKey, databaseUrl: postgres.url, redisPrefix };
    const instances: Instance[] = [];
    try {
      log('Redis fan-out: 2 API instances + a worker, PostgreSQL + Redis');
      instances.push(await startInstance({ role: 'api', ...shared }));
      instances.push(await startInstance({ role: 'api', ...shared }));
      instances.push(await startInstance({ role: 'worker', ...shared }));
      const viaRedis = await measure(instances.slice(0, 2), instances[2]!, log);
      Object.assign(report.figures, {
        redis_p50_ms: viaRedis.transient.p50,
        redis_p99_ms: viaRedis.transient.p99,
        redis_max_ms: viaRedis.transient.max,
        redis_persisted_p99_ms: viaRedis.persisted.p99,
      });
      report.rows!.push(row('redis (worker → 2 APIs)', 'transient', viaRedis.transient), row('redis (worker → 2 APIs)', 'persisted', viaRedis.persisted));
      report.targets!.push(
        { figure: 'redis_p99_ms', op: '<=', value: 25, source: 'issue 7' },
        { figure: 'redis_persisted_p99_ms', op: '<=', value: 100, source: 'ADR-001' },
      );
      report.setup!.redis_mode = 'postgres+redis, 2 api + 1 worker';
    } finally {
      for (const instance of instances.reverse()) await instance.mediaNest.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await postgres.drop();
    }
    return report;
  },
};

export default suite;
