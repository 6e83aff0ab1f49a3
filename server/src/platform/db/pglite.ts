import v8 from 'node:v8';
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import {
  countAppliedMigrations,
  expectedMigrationCount,
  migrationsFolder,
  timeQuery,
  type Database,
  type DatabaseHandle,
} from './database.js';

/**
 * A data directory made by `npm run build` (initdb + migrations). PGlite's own initdb takes ~5 s in
 * WASM, unpacking a dump ~1.4 s; copying this folder takes ~0.1 s, which keeps a first start under 3 s.
 */
export const pgliteSeedDir = fileURLToPath(new URL('../../../dist/pglite-seed', import.meta.url));

function copySeedInto(dir: string): void {
  if (existsSync(path.join(dir, 'PG_VERSION')) || !existsSync(path.join(pgliteSeedDir, 'PG_VERSION'))) return;
  cpSync(pgliteSeedDir, dir, { recursive: true });
}

/**
 * PGlite's default 128 MB of shared buffers are touched at start and cost ~130 MB of RSS; 4 MB keeps
 * an idle embedded server under 150 MB while the OS page cache still holds the data files (one
 * connection, so few pinned buffers; a miss is a copy from the page cache, not a disk read).
 * (measured for PGlite alone: default 288 MB, 32 MB → 191 MB, 16 MB → 157 MB; whole server 16 → 8 MB:
 * 174 → 165 MB; with the status, realtime and notifications contexts 8 → 4 MB: 152-157 → 148 MB).
 */
const startParams = [...(PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams, '-c', 'shared_buffers=4MB'];

/**
 * V8 compiles WASM twice by default: a quick baseline (Liftoff), then optimised code (TurboFan) for hot
 * functions. For PostgreSQL's WASM build the second tier costs ~35-40 MB of resident memory and, measured on
 * single-row inserts, selects and a LIKE scan, bought no speed we could see (bench/results/foundation.json,
 * ARCHITECTURE.md). Set once, before PGlite compiles its module; it affects only WASM code.
 */
function preferBaselineWasm(): void {
  if (process.env.MEDIANEST_PGLITE_WASM_TIERUP === '1') return;
  v8.setFlagsFromString('--liftoff-only');
}

/** PGlite: PostgreSQL compiled to WASM, in this process. `dir` unset keeps the data in memory. */
export async function openPglite(dir: string | undefined, loadDataDir?: Blob): Promise<DatabaseHandle> {
  preferBaselineWasm();
  if (dir && !loadDataDir) copySeedInto(dir);
  const client = await PGlite.create({
    ...(dir ? { dataDir: dir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: { pg_trgm },
    startParams,
  });
  const db = drizzle(client) as unknown as Database;
  return {
    db,
    driver: 'pglite',
    async migrate() {
      await migrate(drizzle(client), { migrationsFolder });
    },
    async migrationStatus() {
      return { applied: await countAppliedMigrations(db), expected: expectedMigrationCount() };
    },
    ping: () => timeQuery(db),
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

/** A migrated data directory as a tarball: the seed for first starts, the template for tests. */
export async function dumpPglite(handle: DatabaseHandle, compression: 'none' | 'gzip' = 'none'): Promise<Blob> {
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir(compression);
}
