import type { MediaNest } from '@medianest/server';
import type { Simulators } from './all.js';

/**
 * MediaNest's own settings for the demo: where each service is and how to reach it. Later issues (service
 * settings, library, requests, status) extend this one function with the keys their contexts read.
 */
export async function seedMediaNestSettings(mediaNest: MediaNest, sims: Simulators): Promise<void> {
  // The keys the status context reads (server/src/modules/status/status.settings.ts); Plex comes from the setup wizard.
  await mediaNest.settings.set('services.overseerr', { url: sims.overseerr.url });
  await mediaNest.settings.set('services.overseerr.apiKey', sims.overseerr.apiKey, { secret: true });
  await mediaNest.settings.set('services.uptime-kuma', { url: sims.kuma.url, slug: sims.kuma.slug, metricsUsername: null });
  await mediaNest.settings.set('services.tmdb', { url: sims.tmdb.apiUrl });
  await mediaNest.settings.set('services.tmdb.apiKey', sims.tmdb.apiKey, { secret: true });
}

/** Overseerr requests in every state, from both friends, and one playback session. */
export async function seedActivity(sims: Simulators): Promise<void> {
  const { overseerr, catalog, plex, plexTv } = sims;
  const alice = overseerr.user('alice').id;
  const bob = overseerr.user('bob').id;
  // Catalogue entries 4, 9, 14… are not in the library (one in five): requestable.
  await overseerr.createRequest({ userId: alice, mediaType: 'movie', tmdbId: catalog.movieAt(4).tmdbId }, false);
  const approved = await overseerr.createRequest({ userId: bob, mediaType: 'movie', tmdbId: catalog.movieAt(9).tmdbId }, false);
  const available = await overseerr.createRequest({ userId: alice, mediaType: 'tv', tmdbId: catalog.showAt(4).tmdbId, seasons: [1] }, false);
  const declined = await overseerr.createRequest({ userId: bob, mediaType: 'movie', tmdbId: catalog.movieAt(14).tmdbId }, false);
  await overseerr.createRequest({ userId: bob, mediaType: 'tv', tmdbId: catalog.showAt(9).tmdbId, seasons: 'all' }, false);
  await overseerr.advance(approved.id, 'approved');
  await overseerr.advance(available.id, 'available');
  await overseerr.advance(declined.id, 'declined');
  const movie = plex.library.sectionItems(1)[0];
  const friend = plexTv.account('alice');
  if (movie) plex.startPlayback({ ratingKey: movie.ratingKey, user: { id: friend.id, title: friend.username, thumb: friend.thumb }, viewOffset: 1_234_000 });
  sims.kuma.addIncident({ title: 'Scheduled maintenance', content: 'The Plex server restarts for an update tonight at 02:00.', style: 'info' });
}
