import type { ReadinessCheck } from '@medianest/contracts';
import { Card, DataList, Group, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { CheckBadge } from '../../components/status/StateBadge.js';
import { checkState, checkTitle } from '../../components/status/status-model.js';
import { formatLatency } from '../../lib/time.js';

function detailValue(value: string | number | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** One readiness check: its state in words, driver, latency, details and, when failing, the error. */
export function CheckCard({ name, check }: { name: string; check: ReadinessCheck }) {
  const state = checkState(check);
  const headingId = `check-${name}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId} data-check={name} data-check-state={state}>
      <Group justify="space-between" wrap="nowrap" mb={4}>
        <Title order={2} size="h3" id={headingId}>
          {checkTitle(name)}
        </Title>
        <CheckBadge state={state} size="lg" />
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {check.critical ? 'Required: the server is not ready without it' : 'Optional: the server works without it'}
      </Text>
      <DataList size="sm" gap="xs" labelWidth="7rem">
        {check.driver ? (
          <DataList.Item>
            <DataList.ItemLabel>Driver</DataList.ItemLabel>
            <DataList.ItemValue>{check.driver}</DataList.ItemValue>
          </DataList.Item>
        ) : null}
        {check.latencyMs !== undefined ? (
          <DataList.Item>
            <DataList.ItemLabel>Latency</DataList.ItemLabel>
            <DataList.ItemValue>{formatLatency(check.latencyMs)}</DataList.ItemValue>
          </DataList.Item>
        ) : null}
        {Object.entries(check.detail ?? {}).map(([key, value]) => (
          <DataList.Item key={key}>
            <DataList.ItemLabel>{checkTitle(key)}</DataList.ItemLabel>
            <DataList.ItemValue>{detailValue(value)}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
      {check.error ? (
        <Group gap="xs" mt="sm" wrap="nowrap" align="flex-start">
          <IconAlertCircle size={18} color="var(--mantine-color-red-text)" aria-hidden="true" style={{ flexShrink: 0 }} />
          <Text size="sm" c="var(--mantine-color-red-text)" data-check-error>
            {check.error}
          </Text>
        </Group>
      ) : null}
    </Card>
  );
}
