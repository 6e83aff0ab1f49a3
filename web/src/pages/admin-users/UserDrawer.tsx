import {
  getUser,
  listUserSessions,
  listUsers,
  permissionNames,
  revokeUserSession,
  updateUser,
  type PermissionName,
  type User,
} from '@medianest/contracts';
import { Alert, Checkbox, Drawer, Group, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/index.js';
import { useAuth } from '../../auth/auth-context.js';
import { permissionLabels } from '../../components/auth/permission-labels.js';
import { SessionList } from '../../components/auth/SessionList.js';
import { CardSkeleton, QueryView, TextSkeleton } from '../../components/page-state/index.js';

function UserSettings({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const { me } = useAuth();
  const self = me.data?.user.id === user.id;
  const update = useApiMutation(updateUser, {
    onSuccess: (updated) => {
      queryClient.setQueryData(apiQueryKey(getUser, { params: { id: updated.id } }), updated);
      void queryClient.invalidateQueries({ queryKey: apiQueryKey(listUsers) });
      void queryClient.invalidateQueries({ queryKey: apiQueryKey(listUserSessions) });
      notifications.show({ color: 'green', message: `Saved: ${updated.displayName ?? updated.username}.` });
    },
  });
  const save = (body: { role?: 'admin' | 'user'; permissions?: PermissionName[]; disabled?: boolean }) =>
    update.mutate({ params: { id: user.id }, body });
  return (
    <Stack gap="lg">
      {update.error ? (
        <Alert role="alert" color="red" variant="light">
          {update.error.message}
        </Alert>
      ) : null}
      <Stack gap="xs">
        <Text fw={600} size="sm" id="role-label">
          Role
        </Text>
        <SegmentedControl
          aria-labelledby="role-label"
          disabled={self || update.isPending}
          value={user.role}
          onChange={(role) => save({ role: role as 'admin' | 'user' })}
          data={[
            { value: 'user', label: 'Member' },
            { value: 'admin', label: 'Administrator' },
          ]}
        />
        {self ? (
          <Text size="xs" c="dimmed">
            You cannot change your own role or disable yourself.
          </Text>
        ) : null}
      </Stack>
      <Checkbox.Group
        label="Permissions"
        description={user.role === 'admin' ? 'Administrators may do everything.' : 'Changes apply at their next request.'}
        value={user.permissions}
        onChange={(value) => save({ permissions: value as PermissionName[] })}
      >
        <Stack gap="xs" mt="xs">
          {permissionNames.map((name) => (
            <Checkbox
              key={name}
              value={name}
              label={permissionLabels[name].label}
              description={permissionLabels[name].description}
              disabled={user.role === 'admin' || update.isPending}
            />
          ))}
        </Stack>
      </Checkbox.Group>
      <Switch
        color="red"
        label="Disabled"
        description="A disabled user is signed out everywhere at once and cannot sign in."
        checked={user.disabled}
        disabled={self || update.isPending}
        onChange={(event) => save({ disabled: event.currentTarget.checked })}
      />
    </Stack>
  );
}

function UserSessions({ userId }: { userId: string }) {
  const queryClient = useQueryClient();
  const sessions = useApiQuery(listUserSessions, { input: { params: { id: userId } } });
  const revoke = useApiMutation(revokeUserSession, {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiQueryKey(listUserSessions) }),
  });
  return (
    <QueryView
      query={sessions}
      what="their devices"
      skeleton={<CardSkeleton lines={2} />}
      isEmpty={(data) => data.sessions.length === 0}
      empty={
        <Text size="sm" c="dimmed" data-state="empty">
          They are not signed in on any device.
        </Text>
      }
    >
      {(data) => (
        <SessionList
          sessions={data.sessions}
          revoking={revoke.isPending ? (revoke.variables?.params.sessionId ?? null) : null}
          onRevoke={(session) => revoke.mutate({ params: { id: userId, sessionId: session.id } })}
        />
      )}
    </QueryView>
  );
}

/** One user, opened from the list: role, permissions, disable, and their signed-in devices. */
export function UserDrawer({ userId, onClose }: { userId: string | null; onClose: () => void }) {
  const user = useApiQuery(getUser, { input: { params: { id: userId ?? '' } }, enabled: userId !== null });
  const name = user.data ? (user.data.displayName ?? user.data.username) : 'User';
  return (
    <Drawer opened={userId !== null} onClose={onClose} position="right" size="md" closeButtonProps={{ 'aria-label': 'Close' }} title={<Title order={2} size="h3">{name}</Title>}>
      {userId ? (
        <QueryView query={user} what="the user" skeleton={<TextSkeleton lines={6} />}>
          {(data) => (
            <Stack gap="xl">
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  {data.source === 'plex' ? `Plex account ${data.username}` : `Local account ${data.username}`}
                  {data.email ? ` · ${data.email}` : ''}
                </Text>
              </Group>
              <UserSettings user={data} />
              <Stack gap="sm">
                <Title order={3} size="h4">
                  Signed-in devices
                </Title>
                <UserSessions userId={data.id} />
              </Stack>
            </Stack>
          )}
        </QueryView>
      ) : null}
    </Drawer>
  );
}
