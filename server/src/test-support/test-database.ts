import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseHandle } from '../platform/db/database.js';
import { openPglite } from '../platform/db/pglite.js';
import { openPostgres } from '../platform/db/postgres.js';
import { migrationsHash } from './migrations-hash.js';

export type TestDriver = 'postgres' | 'pglite';

/** Integration files run once per driver; the project sets MEDIANEST_TEST_DB. */
export function testDriver(): TestDriver {
  return process.env.MEDIANEST_TEST_DB === 'pglite' ? 'pglite' : 'postgres';
}

export const adminUrl = process.env.MEDIANEST_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export const templateName = () => `mn_tpl_${migrationsHash()}`;
export const pgliteTemplateFile = () => path.join(tmpdir(), `medianest-pglite-${migrationsHash()}.tar`);

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for one test file: a PostgreSQL database cloned from the migrated template,
 * or a PGlite instance loaded from the migrated template dump. `close()` drops it.
 */
export async function createTestDatabase(driver: TestDriver = testDriver()): Promise<DatabaseHandle & { url?: string }> {
  if (driver === 'pglite') {
    const file = pgliteTemplateFile();
    if (!existsSync(file)) throw new Error(`No PGlite template at ${file}: is the vitest globalSetup configured?`);
    return openPglite(undefined, new Blob([readFileSync(file)]));
  }
  const name = `mn_test_${randomBytes(6).toString('hex')}`;
  const template = templateName();
  await withAdmin(async (client) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        return;
      } catch (error) {
        // Two files cloning the same template at the same instant: PostgreSQL refuses one; retry.
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  });
  const url = databaseUrl(name);
  const handle = openPostgres(url, 5);
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** An empty PostgreSQL database (no migrations), for tests of the migrator itself. */
export async function createEmptyPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mn_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  return {
    url: databaseUrl(name),
    drop: () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export { withAdmin };
