import { ActionIcon, Indicator, Popover, Text } from '@mantine/core';
import { IconBell, IconBellOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface NotificationBellProps {
  unread: number;
  /** The list the bell opens (the notifications context provides it). */
  panel?: ReactNode;
}

function unreadLabel(unread: number): string {
  if (unread === 0) return 'Notifications, none unread';
  return `Notifications, ${unread} unread`;
}

/** The bell with its unread count; opens the notification panel. */
export function NotificationBell({ unread, panel }: NotificationBellProps) {
  return (
    // The Indicator stays outside Popover.Target: the target receives the popup's ARIA attributes,
    // which belong on the button, not on a wrapping div.
    <Indicator
      label={unread > 99 ? '99+' : unread}
      size={18}
      offset={6}
      disabled={unread === 0}
      color="red"
      inline
    >
      <Popover position="bottom-end" width="min(22rem, calc(100vw - 2rem))" shadow="md" withinPortal trapFocus returnFocus>
        <Popover.Target>
          <ActionIcon aria-label={unreadLabel(unread)}>
            <IconBell size={20} aria-hidden="true" />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown aria-label="Notifications">
          {panel ?? (
            <Text size="sm" ta="center" py="md" c="dimmed" component="div">
              <IconBellOff size={24} aria-hidden="true" style={{ display: 'block', margin: '0 auto 8px' }} />
              No notifications yet. You will be told here when a request is ready to watch or a download finishes.
            </Text>
          )}
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
