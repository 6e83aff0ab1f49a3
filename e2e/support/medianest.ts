import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestApp, type TestApp, type TestAppOptions } from '../../server/src/test-support/test-app.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const webDist = path.join(repoRoot, 'web', 'dist');

/**
 * A whole MediaNest serving the built web app, on a fresh PostgreSQL database (the e2e project's
 * global setup builds the template). The browser tests load what `npm run build -w web` produced.
 */
export async function startMediaNest(options: TestAppOptions = {}): Promise<TestApp> {
  if (!existsSync(path.join(webDist, 'index.html'))) {
    throw new Error(`No built web app in ${webDist}: run "npm run build -w web" before the browser tests.`);
  }
  return startTestApp({ driver: 'postgres', ...options, config: { webDir: webDist, ...options.config } });
}
