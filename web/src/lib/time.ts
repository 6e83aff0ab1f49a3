/** "just now", "12 s ago", "3 min ago", "2 h ago", "4 days ago": how long ago `then` was, seen at `now`. */
export function formatAgo(then: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** A span of seconds in words: "45 s", "12 min", "3 h 5 min", "2 days 4 h". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} ${days === 1 ? 'day' : 'days'} ${hours % 24} h` : `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** Wall-clock time in the reader's locale, with the date when it is not today: "14:02" or "3 Mar, 14:02". */
export function formatClock(at: number, now: number = Date.now(), locale?: string): string {
  const date = new Date(at);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
  }).format(date);
}

/** Milliseconds as shown beside a check: "under 0.1 ms", "0.4 ms", "12 ms", "1.2 s". */
export function formatLatency(ms: number): string {
  if (ms < 0.1) return 'under 0.1 ms';
  if (ms < 1) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}
