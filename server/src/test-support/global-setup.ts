import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { openPglite, dumpPglite } from '../platform/db/pglite.js';
import { openPostgres } from '../platform/db/postgres.js';
import { databaseUrl, pgliteTemplateFile, templateName, withAdmin } from './test-database.js';

/**
 * Builds the migrated templates once per test run (and keeps them while the migrations are the
 * same): a PostgreSQL template database and a PGlite data-directory dump.
 */
export async function buildTemplate(driver: 'postgres' | 'pglite'): Promise<void> {
  if (driver === 'pglite') {
    const file = pgliteTemplateFile();
    if (existsSync(file)) return;
    const handle = await openPglite(undefined);
    await handle.migrate();
    const blob = await dumpPglite(handle, 'none');
    await handle.close();
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
    renameSync(partial, file);
    return;
  }
  const template = templateName();
  const exists = await withAdmin(async (client) => {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    return (result.rowCount ?? 0) > 0;
  });
  if (exists) return;
  const building = `${template}_build_${process.pid}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${building}`));
  const handle = openPostgres(databaseUrl(building), 1);
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
  await withAdmin(async (client) => {
    try {
      await client.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
    } catch (error) {
      // Another run built the same template meanwhile: keep theirs.
      await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      if (!/already exists/.test((error as Error).message)) throw error;
    }
  });
}
