import { ALL_PERMISSIONS, permissionNames, permissionsFromBits } from '@medianest/contracts';
import { Avatar, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconDevices, IconKey } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/layout/PageHeader.js';
import { permissionLabels } from '../../components/auth/permission-labels.js';
import { useAuth } from '../../auth/auth-context.js';
import { displayableAvatar } from '../../auth/avatar.js';

/** Who I am here: name, role, how I sign in, what I may do; links to my devices and API keys. */
export default function ProfilePage() {
  const { me } = useAuth();
  const user = me.data!.user;
  const permissions = user.role === 'admin' ? permissionsFromBits(ALL_PERMISSIONS) : user.permissions;
  return (
    <>
      <PageHeader title="Profile" description="Your account on this MediaNest." />
      <Stack gap="lg">
        <Card withBorder padding="lg">
          <Group gap="md" wrap="nowrap">
            <Avatar src={displayableAvatar(user.avatarUrl)} name={user.displayName ?? user.username} color="initials" size={64} alt="" />
            <Stack gap={4}>
              <Title order={2} size="h3">
                {user.displayName ?? user.username}
              </Title>
              <Group gap="xs">
                <Badge variant="light" color={user.role === 'admin' ? 'indigo' : 'gray'}>
                  {user.role === 'admin' ? 'Administrator' : 'Member'}
                </Badge>
                <Text size="sm" c="dimmed">
                  {user.source === 'plex' ? `Plex account ${user.username}` : `Local account ${user.username}`}
                  {user.email ? ` · ${user.email}` : ''}
                </Text>
              </Group>
            </Stack>
          </Group>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h3" mb="sm">
            What you can do
          </Title>
          {permissions.length === 0 ? (
            <Text size="sm">Nothing beyond browsing yet. Ask the administrator if you need more.</Text>
          ) : (
            <List spacing="xs" size="sm" aria-label="Your permissions">
              {permissionNames
                .filter((name) => permissions.includes(name))
                .map((name) => (
                  <List.Item key={name}>
                    <Text span fw={600} size="sm">
                      {permissionLabels[name].label}
                    </Text>
                    {` — ${permissionLabels[name].description}`}
                  </List.Item>
                ))}
            </List>
          )}
        </Card>
        <Group>
          <Button component={Link} to="/profile/sessions" variant="default" leftSection={<IconDevices size={16} aria-hidden="true" />}>
            Signed-in devices
          </Button>
          <Button component={Link} to="/profile/api-keys" variant="default" leftSection={<IconKey size={16} aria-hidden="true" />}>
            API keys
          </Button>
        </Group>
      </Stack>
    </>
  );
}
