import { createCustomCheck, deleteCustomCheck, getServicesSettings, testCustomCheck, type CustomCheck } from '@medianest/contracts';
import { Button, Card, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiQueryKey, useApiMutation } from '../../api/index.js';
import { fieldError } from '../../auth/field-errors.js';
import { TestResult } from './TestResult.js';

function CheckRow({ check }: { check: CustomCheck }) {
  const queryClient = useQueryClient();
  const test = useApiMutation(testCustomCheck);
  const remove = useApiMutation(deleteCustomCheck, {
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: apiQueryKey(getServicesSettings) }),
  });
  return (
    <Stack gap={6} component="li" data-check={check.name}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={0}>
          <Text fw={600}>{check.name}</Text>
          <Text size="sm" c="dimmed">
            {check.url} · expects {check.expectedStatus} · every {check.intervalSeconds} s
          </Text>
        </Stack>
        <Group gap="xs">
          <Button size="xs" variant="default" loading={test.isPending} onClick={() => test.mutate({ params: { id: check.id } })}>
            Test
          </Button>
          <Button size="xs" variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate({ params: { id: check.id } })}>
            Remove
          </Button>
        </Group>
      </Group>
      <TestResult result={test.data} error={test.error} />
    </Stack>
  );
}

/** Custom HTTP checks: a name, an address and the status it should answer. */
export function CustomChecks({ checks }: { checks: CustomCheck[] }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [expectedStatus, setExpectedStatus] = useState(200);
  const create = useApiMutation(createCustomCheck, {
    onSuccess: (check) => {
      void queryClient.invalidateQueries({ queryKey: apiQueryKey(getServicesSettings) });
      notifications.show({ color: 'green', message: `"${check.name}" is checked from now on.` });
      setName('');
      setUrl('');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ body: { name, url, expectedStatus } });
  };
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="checks-title">
      <Title order={2} size="h3" id="checks-title">
        Custom checks
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Anything else worth watching: MediaNest asks the address and expects the status you give.
      </Text>
      {checks.length === 0 ? (
        <Text size="sm" c="dimmed" mb="sm">
          No custom checks yet. Add one below.
        </Text>
      ) : (
        <Stack gap="md" component="ul" p={0} m={0} mb="md" style={{ listStyle: 'none' }} aria-label="Custom checks">
          {checks.map((check) => (
            <CheckRow key={check.id} check={check} />
          ))}
        </Stack>
      )}
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" wrap="wrap" gap="sm">
          <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(create.error, 'body.name')} />
          <TextInput label="Address" placeholder="https://nas.local/health" value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={fieldError(create.error, 'body.url')} style={{ flex: 1, minWidth: 220 }} />
          <NumberInput label="Expected status" min={100} max={599} value={expectedStatus} onChange={(v) => setExpectedStatus(typeof v === 'number' ? v : 200)} w={140} />
          <Button type="submit" mt={25} leftSection={<IconPlus size={16} aria-hidden="true" />} loading={create.isPending}>
            Add check
          </Button>
        </Group>
      </form>
    </Card>
  );
}
