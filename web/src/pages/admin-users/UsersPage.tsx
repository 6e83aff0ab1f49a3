import { listUsers, type User } from '@medianest/contracts';
import { Avatar, Badge, Button, Card, Group, SegmentedControl, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCloudDownload, IconSearch, IconUsers } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useApiQuery } from '../../api/index.js';
import { PageHeader } from '../../components/layout/PageHeader.js';
import { CardSkeleton, Empty, QueryView } from '../../components/page-state/index.js';
import { useNow } from '../../lib/hooks.js';
import { formatAgo } from '../../lib/time.js';
import { ImportFromPlexModal } from './ImportFromPlexModal.js';
import { UserDrawer } from './UserDrawer.js';
import { displayableAvatar } from '../../auth/avatar.js';

function UserRow({ user, onOpen }: { user: User; onOpen: () => void }) {
  const now = useNow(60_000);
  return (
    <Card component="li" withBorder padding={0} data-user={user.username}>
      <UnstyledButton onClick={onOpen} p="md" w="100%">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Avatar src={displayableAvatar(user.avatarUrl)} alt="" />
            <Stack gap={0}>
              <Text fw={600}>{user.displayName ?? user.username}</Text>
              <Text size="sm" c="dimmed">
                {user.source === 'plex' ? 'Plex' : 'Local'} · {user.lastLoginAt ? `last sign-in ${formatAgo(Date.parse(user.lastLoginAt), now)}` : 'never signed in'}
              </Text>
            </Stack>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {user.disabled ? <Badge color="red" variant="light">Disabled</Badge> : null}
            <Badge variant="light" color={user.role === 'admin' ? 'indigo' : 'gray'}>
              {user.role === 'admin' ? 'Admin' : 'Member'}
            </Badge>
          </Group>
        </Group>
      </UnstyledButton>
    </Card>
  );
}

/** Admin → Users: search, filter, open one to change role, permissions or sessions; import from Plex. */
export default function UsersPage() {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<'all' | 'active' | 'disabled'>('all');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [openId, setOpenId] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const users = useApiQuery(listUsers, {
    input: { query: { ...(debounced ? { q: debounced } : {}), status, limit: 200 } },
    placeholderData: keepPreviousData,
  });
  const importButton = (
    <Button variant="default" leftSection={<IconCloudDownload size={16} aria-hidden="true" />} onClick={() => setImporting(true)}>
      Import from Plex
    </Button>
  );
  return (
    <>
      <PageHeader title="Users" description="Everyone who can sign in, and what they may do." actions={importButton} />
      <Group gap="sm" mb="md" wrap="wrap">
        <TextInput
          type="search"
          aria-label="Search users"
          placeholder="Search by name or email"
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 200 }}
        />
        <SegmentedControl
          aria-label="Show"
          value={status}
          onChange={(value) => setStatus(value as typeof status)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'active', label: 'Active' },
            { value: 'disabled', label: 'Disabled' },
          ]}
        />
      </Group>
      <QueryView
        query={users}
        what="the users"
        skeleton={
          <Stack gap="sm">
            <CardSkeleton lines={1} />
            <CardSkeleton lines={1} />
            <CardSkeleton lines={1} />
          </Stack>
        }
        isEmpty={(data) => data.users.length === 0}
        empty={
          <Empty icon={<IconUsers aria-hidden="true" />} title={debounced ? `Nobody matches “${debounced}”` : 'No users here'} action={importButton}>
            {debounced ? 'Try another name, or import the people your Plex server is shared with.' : 'Import the people your Plex server is shared with, or let them sign in with Plex.'}
          </Empty>
        }
      >
        {(data) => (
          <Stack gap="xs">
            <Text size="sm" c="dimmed" aria-live="polite">
              {data.total === 1 ? '1 user' : `${data.total} users`}
            </Text>
            <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Users">
              {data.users.map((user) => (
                <UserRow key={user.id} user={user} onOpen={() => setOpenId(user.id)} />
              ))}
            </Stack>
          </Stack>
        )}
      </QueryView>
      <UserDrawer userId={openId} onClose={() => setOpenId(null)} />
      <ImportFromPlexModal opened={importing} onClose={() => setImporting(false)} />
    </>
  );
}
