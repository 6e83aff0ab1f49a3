import {
  deleteNotification,
  getUnreadCount,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type Notification,
} from '@medianest/contracts';
import { ActionIcon, Anchor, Button, Group, ScrollArea, Skeleton, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconBellOff, IconCheck, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { apiQueryKey, useApiMutation, useApiQuery } from '../api/index.js';
import { ErrorState } from '../components/page-state/index.js';
import { useNow } from '../lib/hooks.js';
import { formatAgo } from '../lib/time.js';

function NotificationItem({ item, onRead, onDelete }: { item: Notification; onRead: () => void; onDelete: () => void }) {
  const navigate = useNavigate();
  const now = useNow(60_000);
  const open = () => {
    if (!item.read) onRead();
    if (item.link?.startsWith('/')) navigate(item.link);
    else if (item.link) window.open(item.link, '_blank', 'noopener');
  };
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" data-testid="notification-item" data-read={item.read}>
      <UnstyledButton onClick={open} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" fw={item.read ? 400 : 700} lineClamp={2}>
          {item.read ? null : <VisuallyHidden>Unread: </VisuallyHidden>}
          {item.title}
        </Text>
        {item.body ? (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {item.body}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {formatAgo(Date.parse(item.createdAt), now)}
        </Text>
      </UnstyledButton>
      {!item.read ? (
        <ActionIcon variant="subtle" size="sm" aria-label={`Mark "${item.title}" read`} onClick={onRead}>
          <IconCheck size={16} aria-hidden="true" />
        </ActionIcon>
      ) : null}
      <ActionIcon variant="subtle" size="sm" color="red" aria-label={`Delete "${item.title}"`} onClick={onDelete}>
        <IconTrash size={16} aria-hidden="true" />
      </ActionIcon>
    </Group>
  );
}

/** The notification centre the bell opens: newest first, mark read, delete, mark all read. */
export function NotificationPanel() {
  const queryClient = useQueryClient();
  const list = useApiQuery(listNotifications, { input: { query: { limit: 20 } } });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: apiQueryKey(listNotifications) }),
      queryClient.invalidateQueries({ queryKey: apiQueryKey(getUnreadCount) }),
    ]);
  const read = useApiMutation(markNotificationRead, { onSuccess: refresh });
  const readAll = useApiMutation(markAllNotificationsRead, { onSuccess: refresh });
  const remove = useApiMutation(deleteNotification, { onSuccess: refresh });

  if (list.data === undefined) {
    if (list.isError) return <ErrorState what="your notifications" error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />;
    return (
      <Stack gap="sm" aria-busy="true" aria-label="Loading notifications">
        {[0, 1, 2].map((n) => (
          <Skeleton key={n} height={40} />
        ))}
      </Stack>
    );
  }
  const items = list.data.notifications;
  if (items.length === 0) {
    return (
      <Text size="sm" ta="center" py="md" c="dimmed" component="div">
        <IconBellOff size={24} aria-hidden="true" style={{ display: 'block', margin: '0 auto 8px' }} />
        No notifications yet. You will be told here when a request is ready to watch or a download finishes.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600} size="sm">
          Notifications
        </Text>
        <Button
          variant="subtle"
          size="compact-xs"
          disabled={list.data.unreadCount === 0}
          loading={readAll.isPending}
          onClick={() => readAll.mutate({})}
        >
          Mark all read
        </Button>
      </Group>
      <ScrollArea.Autosize mah="60vh" type="auto">
        <Stack gap="sm">
          {items.map((item) => (
            <NotificationItem
              key={item.id}
              item={item}
              onRead={() => read.mutate({ params: { id: item.id } })}
              onDelete={() => remove.mutate({ params: { id: item.id } })}
            />
          ))}
        </Stack>
      </ScrollArea.Autosize>
      <Anchor component={Link} to="/profile/notifications" size="xs" ta="center">
        Choose what you are told, and where
      </Anchor>
    </Stack>
  );
}
