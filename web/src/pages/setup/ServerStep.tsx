import { choosePlexServer, getSetupStatus, listPlexServers, type PlexServerSummary } from '@medianest/contracts';
import { Alert, Anchor, Badge, Button, Card, Group, PasswordInput, Radio, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconServer } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/index.js';
import { CardSkeleton, LoadingRegion } from '../../components/page-state/index.js';
import { fieldError } from '../../auth/field-errors.js';

/** Step 2: one of the servers the admin's Plex account owns, or a URL and token; MediaNest checks it. */
export function ServerStep({ current, onDone }: { current: PlexServerSummary | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const servers = useApiQuery(listPlexServers, { retry: false });
  const [choice, setChoice] = useState<string | null>(current?.machineIdentifier ?? null);
  const [manual, setManual] = useState(false);
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const choose = useApiMutation(choosePlexServer, {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: apiQueryKey(getSetupStatus) });
      onDone();
    },
  });
  const error = choose.error;
  const noPlexAccount = servers.error?.code === 'CONFLICT';
  const showManual = manual || noPlexAccount || (servers.data?.servers.length === 0);

  const submitManual = (event: FormEvent) => {
    event.preventDefault();
    choose.mutate({ body: { url, token } });
  };

  return (
    <Stack gap="md">
      {current ? (
        <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden="true" />} title={`Serving ${current.name}`} data-state="complete">
          {current.url} · machine {current.machineIdentifier}
        </Alert>
      ) : null}
      {error && error.code !== 'VALIDATION_FAILED' ? (
        <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} title="The server could not be used" data-state="error">
          {error.message}
        </Alert>
      ) : null}
      {!showManual ? (
        servers.isPending ? (
          <LoadingRegion label="Loading your Plex servers">
            <CardSkeleton lines={1} />
          </LoadingRegion>
        ) : servers.error ? (
          <Alert role="alert" color="yellow" variant="light" title="Your servers could not be listed">
            {servers.error.message}
          </Alert>
        ) : (
          <Radio.Group label="Your Plex servers" value={choice} onChange={setChoice}>
            <Stack gap="sm" mt="xs">
              {servers.data?.servers.map((server) => (
                <Card key={server.machineIdentifier} withBorder padding="sm" data-server={server.machineIdentifier}>
                  <Radio
                    value={server.machineIdentifier}
                    label={
                      <Group gap="xs">
                        <IconServer size={16} aria-hidden="true" />
                        <Text fw={600}>{server.name}</Text>
                        {server.productVersion ? <Badge variant="light" color="gray">{server.productVersion}</Badge> : null}
                      </Group>
                    }
                    description={server.connections[0]?.uri ?? 'No address listed'}
                  />
                </Card>
              ))}
            </Stack>
          </Radio.Group>
        )
      ) : null}
      {!showManual ? (
        <Group justify="space-between">
          <Anchor component="button" type="button" size="sm" onClick={() => setManual(true)}>
            Enter a URL and token instead
          </Anchor>
          <Button
            disabled={!choice}
            loading={choose.isPending}
            onClick={() => choice && choose.mutate({ body: { machineIdentifier: choice } })}
          >
            Use this server
          </Button>
        </Group>
      ) : (
        <form onSubmit={submitManual} aria-label="Plex server address">
          <Stack gap="sm">
            {noPlexAccount ? <Text size="sm">{servers.error?.message}</Text> : null}
            <TextInput
              label="Server URL"
              placeholder="http://192.168.1.10:32400"
              required
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={fieldError(error, 'body.url')}
            />
            <PasswordInput
              label="Plex token"
              description="MediaNest checks the server with it, then keeps it encrypted."
              required
              value={token}
              onChange={(e) => setToken(e.currentTarget.value)}
              error={fieldError(error, 'body.token')}
            />
            <Group justify="space-between">
              {!noPlexAccount ? (
                <Anchor component="button" type="button" size="sm" onClick={() => setManual(false)}>
                  Choose from my Plex servers
                </Anchor>
              ) : (
                <span />
              )}
              <Button type="submit" loading={choose.isPending}>
                Check and use
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {current ? (
        <Button variant="default" onClick={onDone}>
          Go to Home
        </Button>
      ) : null}
    </Stack>
  );
}
