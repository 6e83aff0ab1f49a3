import { rmSync } from 'node:fs';
import { openPglite, pgliteSeedDir } from './pglite.js';

/** Build step: an initialised, migrated PGlite data directory, copied on a fresh install's first start. */
const started = performance.now();
rmSync(pgliteSeedDir, { recursive: true, force: true });
const handle = await openPglite(pgliteSeedDir);
await handle.migrate();
await handle.close();
console.log(`PGlite seed written to ${pgliteSeedDir} (${Math.round(performance.now() - started)} ms)`);
