import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import {
  countAppliedMigrations,
  expectedMigrationCount,
  migrationsFolder,
  timeQuery,
  type Database,
  type DatabaseHandle,
} from './database.js';

/** An arbitrary constant: every instance migrating the same database queues on this advisory lock. */
const MIGRATION_LOCK = 7_100_423_001;

export function openPostgres(connectionString: string, poolMax: number): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: poolMax, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = drizzle(pool) as unknown as Database;
  return {
    db,
    driver: 'postgres',
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        try {
          await migrate(drizzle(client), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
        }
      } finally {
        client.release();
      }
    },
    async migrationStatus() {
      return { applied: await countAppliedMigrations(db), expected: expectedMigrationCount() };
    },
    ping: () => timeQuery(db),
    async close() {
      if (pool.ended || pool.ending) return;
      await pool.end();
    },
  };
}

export { sql };
