import { importPlexUsers, listPlexImportCandidates, listUsers } from '@medianest/contracts';
import { Alert, Avatar, Badge, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUsers } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/index.js';
import { CardSkeleton, Empty, QueryView } from '../../components/page-state/index.js';
import { displayableAvatar } from '../../auth/avatar.js';

/** The accounts the Plex server is shared with (plex.tv); tick the ones to make users now. */
export function ImportFromPlexModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const candidates = useApiQuery(listPlexImportCandidates, { enabled: opened });
  const [chosen, setChosen] = useState<string[]>([]);
  const importUsers = useApiMutation(importPlexUsers, {
    onSuccess: (result) => {
      notifications.show({ color: 'green', message: `Imported ${result.imported.length} user${result.imported.length === 1 ? '' : 's'}.` });
      setChosen([]);
      void queryClient.invalidateQueries({ queryKey: apiQueryKey(listUsers) });
      void queryClient.invalidateQueries({ queryKey: apiQueryKey(listPlexImportCandidates) });
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Import from Plex" centered size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <QueryView
        query={candidates}
        what="the people your server is shared with"
        skeleton={<CardSkeleton lines={3} />}
        isEmpty={(data) => data.candidates.length === 0}
        empty={
          <Empty icon={<IconUsers aria-hidden="true" />} title="Not shared with anyone" action={<Button onClick={() => void candidates.refetch()}>Check again</Button>}>
            Your Plex server is not shared with any other account yet. Share it in Plex, then check again.
          </Empty>
        }
      >
        {(data) => {
          const available = data.candidates.filter((c) => c.userId === null);
          return (
            <Stack gap="md">
              {importUsers.error ? (
                <Alert role="alert" color="red" variant="light">
                  {importUsers.error.message}
                </Alert>
              ) : null}
              <Checkbox.Group label="Shared with" value={chosen} onChange={setChosen}>
                <Stack gap="sm" mt="xs">
                  {data.candidates.map((candidate) => (
                    <Group key={candidate.plexId} gap="sm" wrap="nowrap" data-candidate={candidate.username}>
                      <Checkbox value={String(candidate.plexId)} disabled={candidate.userId !== null} aria-label={`Import ${candidate.username}`} />
                      <Avatar src={displayableAvatar(candidate.avatarUrl)} name={candidate.username} color="initials" size="sm" alt="" />
                      <Stack gap={0} style={{ flex: 1 }}>
                        <Text size="sm" fw={600}>
                          {candidate.username}
                        </Text>
                        {candidate.email ? (
                          <Text size="xs" c="dimmed">
                            {candidate.email}
                          </Text>
                        ) : null}
                      </Stack>
                      {candidate.userId ? <Badge variant="light" color="green">Already a user</Badge> : null}
                    </Group>
                  ))}
                </Stack>
              </Checkbox.Group>
              <Group justify="space-between">
                <Button variant="subtle" size="xs" disabled={available.length === 0} onClick={() => setChosen(available.map((c) => String(c.plexId)))}>
                  Choose all new
                </Button>
                <Button
                  disabled={chosen.length === 0}
                  loading={importUsers.isPending}
                  onClick={() => importUsers.mutate({ body: { plexIds: chosen.map(Number) } })}
                >
                  Import {chosen.length || ''}
                </Button>
              </Group>
            </Stack>
          );
        }}
      </QueryView>
    </Modal>
  );
}
