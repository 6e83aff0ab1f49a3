import type { RealtimeNamespace } from '@medianest/contracts';
import { createContext, useContext, useEffect, useEffectEvent, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { LiveChannel, LiveListener, LiveStatus } from './live-channel.js';

const LiveContext = createContext<LiveChannel | null>(null);

/**
 * Opens the live channel while a session exists; closes it when the provider unmounts (sign-out). The
 * Socket.IO client is loaded after the first screen (its own chunk): hooks subscribe once it is there.
 */
export function LiveProvider({ ensureSession, children }: { ensureSession: () => Promise<boolean>; children: ReactNode }) {
  const [channel, setChannel] = useState<LiveChannel | null>(null);
  useEffect(() => {
    let live: LiveChannel | undefined;
    let cancelled = false;
    void import('./live-channel.js').then(({ LiveChannel }) => {
      if (cancelled) return;
      live = new LiveChannel({ ensureSession });
      live.open();
      setChannel(live);
    });
    return () => {
      cancelled = true;
      live?.close();
    };
  }, [ensureSession]);
  return <LiveContext.Provider value={channel}>{children}</LiveContext.Provider>;
}

export function useLiveChannel(): LiveChannel | null {
  return useContext(LiveContext);
}

/** Runs `listener` for each `event` on `namespace` (always the latest listener; subscribed once). */
export function useLiveEvent(namespace: RealtimeNamespace, event: string, listener: LiveListener): void {
  const channel = useLiveChannel();
  const onEvent = useEffectEvent(listener);
  useEffect(() => {
    if (!channel) return undefined;
    return channel.on(namespace, event, (data, envelope) => onEvent(data, envelope));
  }, [channel, namespace, event]);
}

/** Runs `listener` after each (re)connection of `namespace` has caught up. */
export function useLiveCaughtUp(namespace: RealtimeNamespace, listener: () => void): void {
  const channel = useLiveChannel();
  const onCaughtUp = useEffectEvent(listener);
  useEffect(() => {
    if (!channel) return undefined;
    return channel.onCaughtUp(namespace, () => onCaughtUp());
  }, [channel, namespace]);
}

const noChannel = () => () => undefined;

/** `live`, `connecting` or `offline`, for an indicator. */
export function useLiveStatus(): LiveStatus {
  const channel = useLiveChannel();
  return useSyncExternalStore(
    (notify) => (channel ? channel.onStatus(notify) : noChannel()),
    () => channel?.status ?? 'offline',
  );
}
