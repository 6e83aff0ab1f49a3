import { listSessions, revokeAllSessions, revokeSession, type Session } from '@medianest/contracts';
import { Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDevices, IconLogout } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/index.js';
import { useAuth } from '../../auth/auth-context.js';
import { SessionList } from '../../components/auth/SessionList.js';
import { PageHeader } from '../../components/layout/PageHeader.js';
import { CardSkeleton, Empty, QueryView } from '../../components/page-state/index.js';

/** My signed-in devices: sign one out, the others, or all of them. */
export default function SessionsPage() {
  const queryClient = useQueryClient();
  const { endLocalSession } = useAuth();
  const sessions = useApiQuery(listSessions);
  const refresh = () => queryClient.invalidateQueries({ queryKey: apiQueryKey(listSessions) });
  const revoke = useApiMutation(revokeSession, {
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'The device was signed out.' });
      return refresh();
    },
  });
  const revokeAll = useApiMutation(revokeAllSessions, {
    onSuccess: (result, input) => {
      if (input.query?.keepCurrent === 'true') {
        notifications.show({ color: 'green', message: `Signed out ${result.revoked} other device${result.revoked === 1 ? '' : 's'}.` });
        return refresh();
      }
      endLocalSession();
      return undefined;
    },
  });
  const onRevoke = (session: Session) => {
    if (session.current) {
      revokeAll.mutate({ query: { keepCurrent: 'false' } });
      return;
    }
    revoke.mutate({ params: { id: session.id } });
  };
  const others = (sessions.data?.sessions.length ?? 0) > 1;
  return (
    <>
      <PageHeader
        title="Signed-in devices"
        description="Every browser and app signed in to your account. Sign out any you do not recognise."
        actions={
          others ? (
            <Button variant="default" loading={revokeAll.isPending} onClick={() => revokeAll.mutate({ query: { keepCurrent: 'true' } })}>
              Sign out other devices
            </Button>
          ) : null
        }
      />
      <QueryView
        query={sessions}
        what="your devices"
        skeleton={
          <Stack gap="sm">
            <CardSkeleton lines={2} />
            <CardSkeleton lines={2} />
          </Stack>
        }
        isEmpty={(data) => data.sessions.length === 0}
        empty={
          <Empty icon={<IconDevices aria-hidden="true" />} title="No devices" action={<Button onClick={() => void sessions.refetch()}>Check again</Button>}>
            No device is signed in with a session (you are using an API key).
          </Empty>
        }
      >
        {(data) => (
          <Stack gap="lg">
            <SessionList sessions={data.sessions} onRevoke={onRevoke} revoking={revoke.isPending ? (revoke.variables?.params.id ?? null) : null} />
            <Group>
              <Button
                color="red"
                variant="light"
                leftSection={<IconLogout size={16} aria-hidden="true" />}
                loading={revokeAll.isPending && revokeAll.variables?.query?.keepCurrent === 'false'}
                onClick={() => revokeAll.mutate({ query: { keepCurrent: 'false' } })}
              >
                Sign out everywhere
              </Button>
            </Group>
          </Stack>
        )}
      </QueryView>
    </>
  );
}
