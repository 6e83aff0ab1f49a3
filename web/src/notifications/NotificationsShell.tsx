import {
  getUnreadCount,
  listNotifications,
  NOTIFICATION_EVENTS,
  type Notification,
} from '@medianest/contracts';
import { notifications as toasts } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { apiQueryKey, useApiQuery } from '../api/index.js';
import { ShellProvider } from '../layout/shell-context.js';
import { useLiveCaughtUp, useLiveEvent } from '../live/live-context.js';
import { Skeleton, Stack } from '@mantine/core';

// The list loads when the bell is first opened.
const NotificationPanel = lazy(() => import('./NotificationPanel.js').then((module) => ({ default: module.NotificationPanel })));

const panelSkeleton = (
  <Stack gap="sm" aria-busy="true" aria-label="Loading notifications">
    {[0, 1, 2].map((n) => (
      <Skeleton key={n} height={40} />
    ))}
  </Stack>
);

const unreadKey = apiQueryKey(getUnreadCount);

/**
 * The bell's data: the unread count (kept current by the live channel in every tab), the panel it opens,
 * and a toast for each new notification.
 */
export function NotificationsShell({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const unread = useApiQuery(getUnreadCount, { staleTime: 60_000 });
  const setUnread = (unreadCount: number) => queryClient.setQueryData(unreadKey, { unreadCount });
  const refreshList = () => queryClient.invalidateQueries({ queryKey: apiQueryKey(listNotifications) });

  useLiveEvent('/notifications', NOTIFICATION_EVENTS.created, (data, envelope) => {
    const { notification, unreadCount } = data as { notification: Notification; unreadCount: number };
    setUnread(unreadCount);
    void refreshList();
    // Events resent by a catch-up are not news: no toast for those older than a minute.
    if (Date.now() - Date.parse(envelope.at) < 60_000) {
      toasts.show({ id: notification.id, title: notification.title, message: notification.body || undefined, autoClose: 6_000 });
    }
  });
  useLiveEvent('/notifications', NOTIFICATION_EVENTS.changed, (data) => {
    setUnread((data as { unreadCount: number }).unreadCount);
    void refreshList();
  });
  // After a reconnection the count may have changed in ways no event told us (a deleted notification).
  useLiveCaughtUp('/notifications', () => void queryClient.invalidateQueries({ queryKey: unreadKey }));

  const count = unread.data?.unreadCount ?? 0;
  const value = useMemo(
    () => ({
      notifications: {
        unread: count,
        panel: (
          <Suspense fallback={panelSkeleton}>
            <NotificationPanel />
          </Suspense>
        ),
      },
    }),
    [count],
  );
  return <ShellProvider value={value}>{children}</ShellProvider>;
}
