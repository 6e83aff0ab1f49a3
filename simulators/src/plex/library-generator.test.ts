import { describe, expect, it } from 'vitest';
import { Catalog } from '../tmdb/catalog.js';
import { catalogIndexOfLibraryEntry, generateLibrary } from './library-generator.js';
import type { PlexItem } from './library.js';

const snapshot = (items: Iterable<PlexItem>) => [...items].map((i) => `${i.ratingKey}|${i.type}|${i.title}|${i.year}|${i.addedAt}|${i.media?.file ?? ''}`);

describe('library generator', () => {
  it('is deterministic: the same seed gives the same library, another seed another one', () => {
    const a = generateLibrary({ seed: 'alpha', movies: 50, shows: 5 });
    const b = generateLibrary({ seed: 'alpha', movies: 50, shows: 5 });
    const c = generateLibrary({ seed: 'beta', movies: 50, shows: 5 });
    expect(snapshot(a.all())).toEqual(snapshot(b.all()));
    expect(snapshot(c.all())).not.toEqual(snapshot(a.all()));
  });

  it('makes exactly `totalItems` items, split into movies, shows, seasons, episodes and collections', () => {
    const library = generateLibrary({ seed: 7, totalItems: 20_000 });
    const counts = library.counts();
    expect(library.size).toBe(20_000);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(counts.movie).toBe(6000);
    expect(counts.show).toBeGreaterThan(100);
    expect(counts.season).toBeGreaterThan(counts.show);
    expect(counts.episode).toBeGreaterThan(counts.season * 5);
    expect(counts.collection).toBe(150);
  });

  it('gives realistic, consistent fields: years, genres, resolutions, files and parent links', () => {
    const library = generateLibrary({ seed: 'fields', movies: 300, shows: 10 });
    const movies = library.sectionItems(1);
    expect(new Set(movies.map((m) => m.media?.videoResolution))).toEqual(new Set(['4k', '1080', '720', 'sd']));
    for (const movie of movies) {
      expect(movie.year).toBeGreaterThanOrEqual(1955);
      expect(movie.genres.length).toBeGreaterThan(0);
      expect(movie.media?.file).toMatch(new RegExp(`^/data/movies/.+ \\(${movie.year}\\)/.+\\.(mkv|mp4)$`));
    }
    for (const episode of library.sectionItems(2, 'episode')) {
      const season = library.get(episode.parentKey!)!;
      expect(season.type).toBe('season');
      expect(library.get(episode.grandparentKey!)?.childKeys).toContain(season.ratingKey);
    }
  });

  it('draws titles from the shared catalogue (same tmdb id, same title), leaving one in five titles out', () => {
    const catalog = new Catalog('shared');
    const library = generateLibrary({ seed: 'shared', catalog, movies: 20, shows: 2 });
    const movies = library.sectionItems(1);
    movies.forEach((movie, n) => {
      expect(movie.tmdbId).toBe(catalog.movieAt(catalogIndexOfLibraryEntry(n)).tmdbId);
      expect(movie.title).toBe(catalog.movie(movie.tmdbId!)!.title);
    });
    const inLibrary = new Set(movies.map((m) => m.tmdbId));
    expect(inLibrary.has(catalog.movieAt(4).tmdbId)).toBe(false);
    expect(library.sectionItems(2)[0]!.title).toBe(catalog.showAt(0).name);
  });
});
