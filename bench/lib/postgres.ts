import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A scratch PostgreSQL database on the machine's server (`<prefix>_<random>`), or undefined when there is none. */
export async function scratchPostgres(prefix: string): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const admin = process.env.MEDIANEST_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  try {
    await run(`CREATE DATABASE ${name}`);
  } catch {
    return undefined;
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
