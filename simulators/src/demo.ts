#!/usr/bin/env node
/**
 * `npm run demo`: every simulator, seeded (a library of a few thousand items with posters, two shared users,
 * Overseerr requests in every state, a Kuma status page, someone watching), then MediaNest itself pointed at
 * them, with a data directory of its own (`./data-demo`). Prints the URL and the demo accounts.
 *
 * Environment: PORT (MediaNest, default 8080), MEDIANEST_DEMO_ITEMS (default 3000), MEDIANEST_DATA_DIR
 * (default ./data-demo). Simulators only ever listen on 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createMediaNest, loadConfig, type MediaNest } from '@medianest/server';
import { startAllSimulators } from './all.js';
import { seedActivity, seedMediaNestSettings } from './demo-seed.js';

function hasFfmpeg(): boolean {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.MEDIANEST_DATA_DIR ?? 'data-demo');
  const items = Number(process.env.MEDIANEST_DEMO_ITEMS ?? 3000);
  const mediaDir = path.join(dataDir, 'media');
  for (const folder of ['movies', 'tv', 'youtube']) mkdirSync(path.join(mediaDir, folder), { recursive: true });

  const withMediaHost = hasFfmpeg();
  const sims = await startAllSimulators({
    seed: 'medianest-demo',
    library: { totalItems: items },
    sectionLocations: { 1: [path.join(mediaDir, 'movies')], 2: [path.join(mediaDir, 'tv')], 3: [path.join(mediaDir, 'youtube')] },
    mediaHost: withMediaHost,
  });
  await seedActivity(sims);

  const config = loadConfig({
    overrides: {
      host: process.env.HOST ?? '127.0.0.1',
      port: Number(process.env.PORT ?? 8080),
      dataDir,
      plexTvUrl: sims.plexTv.url,
      plexAppUrl: sims.plexTv.appUrl,
    },
  });
  let mediaNest: MediaNest;
  try {
    mediaNest = await createMediaNest({ config });
  } catch (error) {
    await sims.close();
    throw error;
  }
  let started: Awaited<ReturnType<MediaNest['start']>>;
  try {
    await seedMediaNestSettings(mediaNest, sims);
    started = await mediaNest.start();
  } catch (error) {
    await mediaNest.stop();
    await sims.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${config.port} is taken: run the demo on another one, e.g. PORT=8090 npm run demo`, { cause: error });
    }
    throw error;
  }

  const accounts = sims.plexTv.accounts
    .map((a) => `    ${a.title.padEnd(14)} ${a.access === 'owner' ? 'server owner (admin)' : a.access === 'shared' ? 'shared user' : 'no access: login is refused'}`)
    .join('\n');
  console.log(`
MediaNest demo is running: ${started?.url ?? '(no HTTP server)'}

Sign in "with Plex": the simulated Plex page lets you pick one of these accounts:
${accounts}

Simulators (127.0.0.1 only):
    plex.tv + app.plex.tv  ${sims.plexTv.url}
    Plex Media Server      ${sims.plex.url}   (${sims.plex.library.size} items, machine ${sims.plex.machineIdentifier})
    Overseerr              ${sims.overseerr.url}   (X-Api-Key: ${sims.overseerr.apiKey})
    Uptime Kuma            ${sims.kuma.url}/api/status-page/${sims.kuma.slug}   (metrics: ${sims.kuma.admin.username} / ${sims.kuma.admin.password})
    TMDB                   ${sims.tmdb.apiUrl}   (api_key=${sims.tmdb.apiKey})
    YouTube media host     ${sims.mediaHost ? sims.mediaHost.url : '(off: install ffmpeg to generate its videos)'}

Data: ${dataDir}. Stop with Ctrl+C.`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await mediaNest.stop();
  await sims.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
