import { Avatar, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconApi } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { AccountMenuItem, ShellViewer } from './shell-context.js';
import classes from './AvatarMenu.module.css';

export interface AvatarMenuProps {
  viewer: ShellViewer | null;
  /** Profile, sessions, API keys, sign out: given by the auth context. */
  items: readonly AccountMenuItem[];
}

/** Links every visitor can use, listed after the account's own items. */
const commonItems: AccountMenuItem[] = [{ id: 'api-docs', label: 'API documentation', icon: IconApi, href: '/api/docs' }];

function MenuEntry({ item }: { item: AccountMenuItem }) {
  const Icon = item.icon;
  const common = { leftSection: <Icon size={16} aria-hidden="true" />, color: item.danger ? 'red' : undefined };
  if (item.to) {
    return (
      <Menu.Item component={Link} to={item.to} {...common}>
        {item.label}
      </Menu.Item>
    );
  }
  if (item.href) {
    return (
      <Menu.Item component="a" href={item.href} {...common}>
        {item.label}
      </Menu.Item>
    );
  }
  return (
    <Menu.Item onClick={item.onSelect} {...common}>
      {item.label}
    </Menu.Item>
  );
}

/** The avatar button and its menu: who is signed in, their account pages, sign out. */
export function AvatarMenu({ viewer, items }: AvatarMenuProps) {
  const regular = items.filter((item) => !item.danger);
  const danger = items.filter((item) => item.danger);
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton className={classes.target} aria-label={viewer ? `Account menu for ${viewer.name}` : 'Account menu'}>
          {/* No initials here: visible text inside a labelled button must be part of its name (WCAG 2.5.3). */}
          <Avatar src={viewer?.avatarUrl} size={32} alt="" />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <div className={classes.who}>
          <Text size="sm" fw={600}>
            {viewer ? viewer.name : 'Not signed in'}
          </Text>
          <Text size="xs" c="dimmed">
            {viewer ? (viewer.role === 'admin' ? 'Administrator' : 'Member') : 'Sign in to see your account.'}
          </Text>
        </div>
        <Menu.Divider />
        {[...regular, ...commonItems].map((item) => (
          <MenuEntry key={item.id} item={item} />
        ))}
        {danger.length > 0 ? <Menu.Divider /> : null}
        {danger.map((item) => (
          <MenuEntry key={item.id} item={item} />
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
