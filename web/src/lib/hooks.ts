import { useEffect, useState } from 'react';

/** The current time, re-read every `intervalMs` so relative times ("12 s ago") stay true. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * For each key in `active`, the `observedAt` of the first render that saw it active; a key is forgotten
 * once inactive. Pages pass the time their data was fetched (`query.dataUpdatedAt`), giving
 * "failing since 14:02" when the server does not say since when.
 */
export function useSinceEach(active: readonly string[], observedAt: number): ReadonlyMap<string, number> {
  const [since, setSince] = useState<ReadonlyMap<string, number>>(() => new Map(active.map((key) => [key, observedAt])));
  const changed = active.length !== since.size || active.some((key) => !since.has(key));
  if (changed) {
    // Adjusting state while rendering: React's "storing information from previous renders" pattern.
    const next = new Map<string, number>();
    for (const key of active) next.set(key, since.get(key) ?? observedAt);
    setSince(next);
    return next;
  }
  return since;
}

export interface OnlineStatus {
  online: boolean;
  /** When the browser went offline (or when the page found it offline). */
  offlineSince?: number;
}

/** Whether the browser thinks it is online, and since when it is not. */
export function useOnlineStatus(): OnlineStatus {
  const [status, setStatus] = useState<OnlineStatus>(() =>
    navigator.onLine ? { online: true } : { online: false, offlineSince: Date.now() },
  );
  useEffect(() => {
    const online = () => setStatus({ online: true });
    const offline = () => setStatus({ online: false, offlineSince: Date.now() });
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  }, []);
  return status;
}
