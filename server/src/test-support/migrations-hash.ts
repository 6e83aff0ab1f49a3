import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { migrationsFolder } from '../platform/db/database.js';

/** Changes whenever a migration file changes, so templates built from older migrations are never reused. */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  const files = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort();
  for (const file of files) hash.update(file).update(readFileSync(path.join(migrationsFolder, file)));
  hash.update(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json')));
  return hash.digest('hex').slice(0, 12);
}
