import type { Readiness, ReadinessCheck } from '@medianest/contracts';

/** How the server is doing, as the status views show it. */
export type OverallState = 'ready' | 'degraded' | 'not_ready' | 'unreachable';
export type CheckState = 'ok' | 'failed' | 'warning';

export interface StateLook {
  /** The word shown beside the colour (colour is never the only signal). */
  word: string;
  color: 'teal' | 'yellow' | 'red' | 'gray';
}

export const overallLook: Record<OverallState, StateLook> = {
  ready: { word: 'Ready', color: 'teal' },
  degraded: { word: 'Degraded', color: 'yellow' },
  not_ready: { word: 'Not ready', color: 'red' },
  unreachable: { word: 'Unreachable', color: 'gray' },
};

export const checkLook: Record<CheckState, StateLook> = {
  ok: { word: 'OK', color: 'teal' },
  warning: { word: 'Failed (optional)', color: 'yellow' },
  failed: { word: 'Failed', color: 'red' },
};

export function checkState(check: ReadinessCheck): CheckState {
  if (check.ok) return 'ok';
  return check.critical ? 'failed' : 'warning';
}

/**
 * `unreachable` when the last call failed (the report on screen, if any, is stale); `not_ready` when a
 * critical check fails; `degraded` when only optional ones do.
 */
export function overallState(report: Readiness | undefined, lastCallFailed: boolean): OverallState {
  if (lastCallFailed || !report) return 'unreachable';
  if (report.status === 'not_ready') return 'not_ready';
  return Object.values(report.checks).some((check) => !check.ok) ? 'degraded' : 'ready';
}

/** One sentence under the overall word. */
export function overallSentence(state: OverallState, report: Readiness | undefined): string {
  const failingOptional = report
    ? Object.entries(report.checks)
        .filter(([, check]) => !check.ok && !check.critical)
        .map(([name]) => checkTitle(name))
    : [];
  switch (state) {
    case 'ready':
      return 'Every check passes.';
    case 'degraded':
      return `Working, without ${listOf(failingOptional)}.`;
    case 'not_ready':
      return `${listOf(report?.failing.map(checkTitle) ?? [])} failing: MediaNest cannot serve requests until ${
        (report?.failing.length ?? 0) > 1 ? 'they recover' : 'it recovers'
      }.`;
    case 'unreachable':
      return 'The server did not answer. It may be restarting or the network is down.';
  }
}

/** How the parts the server checks are spelled for people; other names are made readable. */
const checkLabels: Record<string, string> = {
  database: 'Database',
  migrations: 'Migrations',
  cache: 'Cache',
  redis: 'Redis',
  queue: 'Job queue',
  plex: 'Plex',
  plextv: 'plex.tv',
  overseerr: 'Overseerr',
  uptimekuma: 'Uptime Kuma',
  uptime_kuma: 'Uptime Kuma',
  tmdb: 'TMDB',
  ytdlp: 'yt-dlp',
  yt_dlp: 'yt-dlp',
  'yt-dlp': 'yt-dlp',
  ffmpeg: 'FFmpeg',
};

/** "database" → "Database", "yt_dlp" → "yt-dlp", "plex_server" → "Plex server". */
export function checkTitle(name: string): string {
  const known = checkLabels[name.toLowerCase()];
  if (known) return known;
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? 'nothing';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Checks in the order people read them: failing first, then by name. */
export function sortedChecks(report: Readiness): [string, ReadinessCheck][] {
  const rank: Record<CheckState, number> = { failed: 0, warning: 1, ok: 2 };
  return Object.entries(report.checks).sort(
    ([nameA, a], [nameB, b]) => rank[checkState(a)] - rank[checkState(b)] || nameA.localeCompare(nameB),
  );
}
