import { getNowPlaying, getStatusOverview } from '@medianest/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { apiQueryKey } from '../../api/index.js';
import { useLiveCaughtUp, useLiveEvent } from '../../live/live-context.js';

/**
 * The dashboard's tiles follow `service:status` pushes: a service going down or up refreshes them at
 * once, in every open tab; after a reconnection (the events missed in between replayed) too. Polling
 * stays as the fallback for latency and uptime figures and for a browser without the live channel.
 */
export function useLiveServiceStatus(): void {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: apiQueryKey(getStatusOverview) });
    void queryClient.invalidateQueries({ queryKey: apiQueryKey(getNowPlaying) });
  };
  useLiveEvent('/media', 'service:status', refresh);
  useLiveCaughtUp('/media', refresh);
}
