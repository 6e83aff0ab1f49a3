import { getSystemStatus } from '@medianest/contracts';
import { useApiQuery } from '../../api/index.js';

/** How often the status views refresh by themselves. */
export const STATUS_REFRESH_MS = 10_000;

/** The server status, refreshed every 10 s while the page is visible; Home and the status page share it. */
export function useSystemStatus() {
  return useApiQuery(getSystemStatus, { refetchInterval: STATUS_REFRESH_MS, staleTime: 5_000 });
}
