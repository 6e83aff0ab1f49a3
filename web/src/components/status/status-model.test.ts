import type { Readiness, ReadinessCheck } from '@medianest/contracts';
import { describe, expect, it } from 'vitest';
import { checkLook, checkState, checkTitle, overallLook, overallSentence, overallState, sortedChecks } from './status-model.js';

const ok: ReadinessCheck = { ok: true, driver: 'postgres', latencyMs: 2, critical: true };
const down: ReadinessCheck = { ok: false, error: 'connection refused', critical: true };
const optionalDown: ReadinessCheck = { ok: false, error: 'not installed', critical: false };

function report(checks: Record<string, ReadinessCheck>): Readiness {
  const failing = Object.entries(checks)
    .filter(([, check]) => check.critical && !check.ok)
    .map(([name]) => name);
  return { status: failing.length ? 'not_ready' : 'ready', version: '1', uptimeSeconds: 1, failing, checks };
}

describe('overallState', () => {
  it('is ready, degraded, not ready or unreachable', () => {
    expect(overallState(report({ database: ok }), false)).toBe('ready');
    expect(overallState(report({ database: ok, ffmpeg: optionalDown }), false)).toBe('degraded');
    expect(overallState(report({ database: down, ffmpeg: optionalDown }), false)).toBe('not_ready');
    expect(overallState(report({ database: ok }), true)).toBe('unreachable');
    expect(overallState(undefined, false)).toBe('unreachable');
  });

  it('gives every state a word as well as a colour', () => {
    for (const look of [...Object.values(overallLook), ...Object.values(checkLook)]) {
      expect(look.word.length).toBeGreaterThan(0);
    }
    expect(new Set(Object.values(overallLook).map((look) => look.word)).size).toBe(Object.keys(overallLook).length);
  });
});

describe('overallSentence', () => {
  it('names what fails', () => {
    const notReady = report({ database: down, plex: down, cache: ok });
    expect(overallSentence('not_ready', notReady)).toBe('Database and Plex failing: MediaNest cannot serve requests until they recover.');
    const degraded = report({ database: ok, yt_dlp: optionalDown });
    expect(overallSentence('degraded', degraded)).toBe('Working, without yt-dlp.');
  });
});

describe('checks', () => {
  it('classes an optional failure apart from a critical one', () => {
    expect(checkState(ok)).toBe('ok');
    expect(checkState(down)).toBe('failed');
    expect(checkState(optionalDown)).toBe('warning');
  });

  it('lists failing checks first, then by name', () => {
    const sorted = sortedChecks(report({ migrations: ok, cache: ok, ffmpeg: optionalDown, plex: down }));
    expect(sorted.map(([name]) => name)).toEqual(['plex', 'ffmpeg', 'cache', 'migrations']);
  });

  it('spells known parts as people do and makes other names readable', () => {
    expect(checkTitle('yt_dlp')).toBe('yt-dlp');
    expect(checkTitle('uptime_kuma')).toBe('Uptime Kuma');
    expect(checkTitle('media_server-2')).toBe('Media server 2');
  });
});
