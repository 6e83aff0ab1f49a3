import { Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { AvatarMenu } from './AvatarMenu.js';
import { Logo } from './Logo.js';
import { NotificationBell } from './NotificationBell.js';
import { useShell } from './shell-context.js';
import { ThemeMenu } from './ThemeMenu.js';

/** Logo, search, and the right-hand controls; the same bar on every page and size. */
export function TopBar({ searchBox, phoneSearchButton }: { searchBox: ReactNode; phoneSearchButton: ReactNode }) {
  const { viewer, notifications, accountItems } = useShell();
  return (
    <Group h="100%" px="md" gap="md" justify="space-between" wrap="nowrap">
      <Logo />
      {searchBox}
      <Group gap={4} wrap="nowrap">
        {phoneSearchButton}
        <ThemeMenu />
        <NotificationBell unread={notifications.unread} panel={notifications.panel} />
        <AvatarMenu viewer={viewer} items={accountItems} />
      </Group>
    </Group>
  );
}
