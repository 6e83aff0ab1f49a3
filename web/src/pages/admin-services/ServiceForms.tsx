import {
  testService,
  updateKumaService,
  updateOverseerrService,
  updatePlexService,
  updateTmdbService,
  deleteService,
  getServicesSettings,
  type ServicesSettings,
} from '@medianest/contracts';
import { Alert, Button, Card, Group, NumberInput, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlugConnected } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { apiQueryKey, useApiMutation, type ApiError } from '../../api/index.js';
import { fieldError } from '../../auth/field-errors.js';
import { TestResult } from './TestResult.js';

type Service = 'plex' | 'overseerr' | 'uptime-kuma' | 'tmdb';

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: apiQueryKey(getServicesSettings) });
}

function ServiceCard(props: {
  service: Service;
  title: string;
  description: ReactNode;
  configured: boolean;
  saving: boolean;
  saveError: ApiError | null;
  onSubmit: () => void;
  children: ReactNode;
  removable?: boolean;
}) {
  const test = useApiMutation(testService);
  const refresh = useRefresh();
  const remove = useApiMutation(deleteService, {
    onSuccess: () => {
      void refresh();
      notifications.show({ color: 'green', message: `${props.title} was removed.` });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={`${props.service}-title`} data-service-form={props.service}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <div>
            <Title order={2} size="h3" id={`${props.service}-title`}>
              {props.title}
            </Title>
            <Text size="sm" c="dimmed">
              {props.description}
            </Text>
          </div>
          {props.children}
          {props.saveError && props.saveError.code !== 'VALIDATION_FAILED' ? (
            <Alert color="red" variant="light">
              {props.saveError.message}
            </Alert>
          ) : null}
          <Group gap="sm">
            <Button type="submit" loading={props.saving}>
              Save
            </Button>
            <Button
              variant="default"
              leftSection={<IconPlugConnected size={16} aria-hidden="true" />}
              loading={test.isPending}
              disabled={!props.configured}
              onClick={() => test.mutate({ params: { service: props.service } })}
            >
              Test connection
            </Button>
            {props.removable && props.configured ? (
              <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate({ params: { service: props.service } })}>
                Remove
              </Button>
            ) : null}
          </Group>
          <TestResult result={test.data} error={test.error} />
        </Stack>
      </form>
    </Card>
  );
}

function useSave<E extends typeof updatePlexService | typeof updateOverseerrService | typeof updateKumaService | typeof updateTmdbService>(endpoint: E, title: string) {
  const refresh = useRefresh();
  return useApiMutation(endpoint, {
    onSuccess: () => {
      void refresh();
      notifications.show({ color: 'green', message: `${title} settings saved. Use "Test connection" to check them.` });
    },
  });
}

const intervalInput = (value: number, onChange: (value: number) => void, error?: string) => (
  <NumberInput label="Check every (seconds)" min={10} max={86_400} value={value} onChange={(v) => onChange(typeof v === 'number' ? v : Number(v) || 60)} error={error} w={200} />
);

export function PlexForm({ settings }: { settings: ServicesSettings['plex'] }) {
  const [url, setUrl] = useState(settings.url ?? '');
  const [interval, setInterval] = useState(settings.intervalSeconds);
  const save = useSave(updatePlexService, 'Plex');
  return (
    <ServiceCard
      service="plex"
      title="Plex"
      description={settings.configured ? `${settings.name ?? 'Plex server'} (${settings.machineIdentifier ?? ''}); its token was chosen at setup.` : 'Choose the server in the setup wizard first.'}
      configured={settings.configured}
      saving={save.isPending}
      saveError={save.error}
      onSubmit={() => save.mutate({ body: { url, intervalSeconds: interval } })}
    >
      <TextInput label="Server address" description="The same server at a new address (for example after a move)." value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={fieldError(save.error, 'body.url')} />
      {intervalInput(interval, setInterval, fieldError(save.error, 'body.intervalSeconds'))}
    </ServiceCard>
  );
}

export function OverseerrForm({ settings }: { settings: ServicesSettings['overseerr'] }) {
  const [url, setUrl] = useState(settings.url ?? '');
  const [apiKey, setApiKey] = useState('');
  const [interval, setInterval] = useState(settings.intervalSeconds);
  const save = useSave(updateOverseerrService, 'Overseerr');
  return (
    <ServiceCard
      service="overseerr"
      title="Overseerr"
      description="Requests go through Overseerr. The API key is in Overseerr → Settings → General."
      configured={settings.configured}
      saving={save.isPending}
      saveError={save.error}
      removable
      onSubmit={() => save.mutate({ body: { url, ...(apiKey ? { apiKey } : {}), intervalSeconds: interval } })}
    >
      <TextInput label="Address" placeholder="http://overseerr:5055" value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={fieldError(save.error, 'body.url')} />
      <PasswordInput
        label="API key"
        description={settings.apiKeySet ? 'Set. Leave empty to keep it.' : 'Not set.'}
        value={apiKey}
        onChange={(e) => setApiKey(e.currentTarget.value)}
        error={fieldError(save.error, 'body.apiKey')}
        autoComplete="off"
      />
      {intervalInput(interval, setInterval, fieldError(save.error, 'body.intervalSeconds'))}
    </ServiceCard>
  );
}

export function KumaForm({ settings }: { settings: ServicesSettings['uptimeKuma'] }) {
  const [url, setUrl] = useState(settings.url ?? '');
  const [slug, setSlug] = useState(settings.slug ?? '');
  const [username, setUsername] = useState(settings.metricsUsername ?? '');
  const [password, setPassword] = useState('');
  const [interval, setInterval] = useState(settings.intervalSeconds);
  const save = useSave(updateKumaService, 'Uptime Kuma');
  return (
    <ServiceCard
      service="uptime-kuma"
      title="Uptime Kuma"
      description="MediaNest shows the monitors of one public status page. Metrics credentials are optional."
      configured={settings.configured}
      saving={save.isPending}
      saveError={save.error}
      removable
      onSubmit={() =>
        save.mutate({
          body: {
            url,
            slug,
            metricsUsername: username.trim() ? username.trim() : null,
            ...(password ? { metricsPassword: password } : {}),
            intervalSeconds: interval,
          },
        })
      }
    >
      <TextInput label="Address" placeholder="http://uptime-kuma:3001" value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={fieldError(save.error, 'body.url')} />
      <TextInput label="Status page slug" description="The last part of the status page's address." value={slug} onChange={(e) => setSlug(e.currentTarget.value)} error={fieldError(save.error, 'body.slug')} />
      <Group grow align="flex-start">
        <TextInput label="Metrics username" value={username} onChange={(e) => setUsername(e.currentTarget.value)} error={fieldError(save.error, 'body.metricsUsername')} />
        <PasswordInput
          label="Metrics password or API key"
          description={settings.metricsPasswordSet ? 'Set. Leave empty to keep it.' : 'Not set.'}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="off"
        />
      </Group>
      {intervalInput(interval, setInterval, fieldError(save.error, 'body.intervalSeconds'))}
    </ServiceCard>
  );
}

export function TmdbForm({ settings }: { settings: ServicesSettings['tmdb'] }) {
  const [apiKey, setApiKey] = useState('');
  const [interval, setInterval] = useState(settings.intervalSeconds);
  const save = useSave(updateTmdbService, 'TMDB');
  return (
    <ServiceCard
      service="tmdb"
      title="TMDB"
      description="Posters and details for things not in your library. Use a v3 API key from themoviedb.org."
      configured={settings.configured}
      saving={save.isPending}
      saveError={save.error}
      removable
      onSubmit={() => save.mutate({ body: { ...(apiKey ? { apiKey } : {}), ...(settings.url ? { url: settings.url } : {}), intervalSeconds: interval } })}
    >
      <PasswordInput
        label="API key"
        description={settings.apiKeySet ? 'Set. Leave empty to keep it.' : 'Not set.'}
        value={apiKey}
        onChange={(e) => setApiKey(e.currentTarget.value)}
        error={fieldError(save.error, 'body.apiKey')}
        autoComplete="off"
      />
      {intervalInput(interval, setInterval, fieldError(save.error, 'body.intervalSeconds'))}
    </ServiceCard>
  );
}
