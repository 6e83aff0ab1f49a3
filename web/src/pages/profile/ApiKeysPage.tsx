import { listApiKeys, revokeApiKey, type ApiKey } from '@medianest/contracts';
import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/index.js';
import { PageHeader } from '../../components/layout/PageHeader.js';
import { CardSkeleton, Empty, QueryView } from '../../components/page-state/index.js';
import { useNow } from '../../lib/hooks.js';
import { formatAgo, formatClock } from '../../lib/time.js';
import { CreateApiKeyModal } from './CreateApiKeyModal.js';

const scopeWords = { read: 'Read', write: 'Read and write', admin: 'Administration' } as const;

function KeyCard({ apiKey, onRevoke, revoking }: { apiKey: ApiKey; onRevoke: () => void; revoking: boolean }) {
  const now = useNow(60_000);
  return (
    <Card component="li" withBorder padding="md" data-api-key={apiKey.id}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={600}>{apiKey.name}</Text>
            {apiKey.scopes.map((scope) => (
              <Badge key={scope} variant="light" color={scope === 'admin' ? 'red' : 'gray'}>
                {scopeWords[scope]}
              </Badge>
            ))}
          </Group>
          <Text size="sm" c="dimmed" ff="monospace">
            {apiKey.prefix}…
          </Text>
          <Text size="sm" c="dimmed">
            Created {formatClock(Date.parse(apiKey.createdAt), now)} ·{' '}
            {apiKey.lastUsedAt ? `last used ${formatAgo(Date.parse(apiKey.lastUsedAt), now)}` : 'never used'}
            {apiKey.expiresAt ? ` · expires ${formatClock(Date.parse(apiKey.expiresAt), now)}` : ''}
          </Text>
        </Stack>
        <Button size="xs" variant="default" color="red" loading={revoking} onClick={onRevoke} aria-label={`Revoke ${apiKey.name}`}>
          Revoke
        </Button>
      </Group>
    </Card>
  );
}

/** Personal API keys for scripts and other apps: create (shown once), see when used, revoke. */
export default function ApiKeysPage() {
  const queryClient = useQueryClient();
  const keys = useApiQuery(listApiKeys);
  const [creating, setCreating] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: apiQueryKey(listApiKeys) });
  const revoke = useApiMutation(revokeApiKey, {
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'The key was revoked. Anything using it is refused from now on.' });
      return refresh();
    },
  });
  const newKey = (
    <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setCreating(true)}>
      New API key
    </Button>
  );
  return (
    <>
      <PageHeader
        title="API keys"
        description="Let a script or another app use MediaNest as you: send the key as “Authorization: Bearer <key>”."
        actions={newKey}
      />
      <QueryView
        query={keys}
        what="your API keys"
        skeleton={<CardSkeleton lines={2} />}
        isEmpty={(data) => data.apiKeys.length === 0}
        empty={
          <Empty icon={<IconKey aria-hidden="true" />} title="No API keys" action={newKey}>
            You have no keys yet. Create one for each script or app, so you can revoke them one by one.
          </Empty>
        }
      >
        {(data) => (
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="API keys">
            {data.apiKeys.map((apiKey) => (
              <KeyCard
                key={apiKey.id}
                apiKey={apiKey}
                revoking={revoke.isPending && revoke.variables?.params.id === apiKey.id}
                onRevoke={() => revoke.mutate({ params: { id: apiKey.id } })}
              />
            ))}
          </Stack>
        )}
      </QueryView>
      <CreateApiKeyModal opened={creating} onClose={() => setCreating(false)} onCreated={() => void refresh()} />
    </>
  );
}
