import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** The Drizzle handle every repository receives; the same on PGlite and PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type DatabaseDriver = 'pglite' | 'postgres';

export interface MigrationStatus {
  applied: number;
  expected: number;
}

export interface DatabaseHandle {
  readonly db: Database;
  readonly driver: DatabaseDriver;
  migrate(): Promise<void>;
  migrationStatus(): Promise<MigrationStatus>;
  /** Round-trip time of a trivial query, in ms. Throws when the database does not answer. */
  ping(): Promise<number>;
  close(): Promise<void>;
}

/** `server/drizzle`, the one migration folder for both drivers (same depth from src/ and dist/). */
export const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));

export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** Rows of a raw SQL query; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function countAppliedMigrations(db: Database): Promise<number> {
  const [exists] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!exists?.present) return 0;
  const [result] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
  return result?.count ?? 0;
}

export async function timeQuery(db: Database): Promise<number> {
  const started = performance.now();
  await db.execute(sql`select 1`);
  return Math.round((performance.now() - started) * 100) / 100;
}

export interface OpenDatabaseOptions {
  /** Set → PostgreSQL through a `pg` pool; unset → PGlite with its files in `dataDir/pglite`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  poolMax?: number;
  /** PGlite only: keep the data in memory (tests). */
  inMemory?: boolean;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(options.databaseUrl, options.poolMax ?? 10);
  }
  const { openPglite } = await import('./pglite.js');
  const dir = options.inMemory ? undefined : path.join(options.dataDir, 'pglite');
  if (dir) mkdirSync(path.dirname(dir), { recursive: true });
  return openPglite(dir);
}
