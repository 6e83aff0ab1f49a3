import type { ServiceTile } from '@medianest/contracts';
import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconHelpCircle } from '@tabler/icons-react';
import { useNow } from '../../lib/hooks.js';
import { formatAgo, formatClock, formatLatency } from '../../lib/time.js';
import { formatUptime, serviceLook } from './service-model.js';
import { Sparkline } from './Sparkline.js';

const icons = { up: IconCircleCheck, degraded: IconAlertTriangle, down: IconCircleX, unknown: IconHelpCircle } as const;

/** One service on the dashboard: state (colour + word), latency, uptime, 24 h sparkline; a red tile says since when and why. */
export function ServiceTileCard({ service }: { service: ServiceTile }) {
  const now = useNow(10_000);
  const look = serviceLook[service.state];
  const Icon = icons[service.state];
  const since = service.since ? Date.parse(service.since) : undefined;
  const outage = service.outages[0];
  return (
    <Card
      withBorder
      padding="md"
      component="li"
      data-service={service.id}
      data-state={service.state}
      style={{ borderColor: service.state === 'down' ? 'var(--mantine-color-red-6)' : undefined, borderWidth: service.state === 'down' ? 2 : undefined }}
    >
      <Stack gap={8}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fw={600} truncate>
            {service.name}
          </Text>
          <Badge variant="light" color={look.color} leftSection={<Icon size={14} aria-hidden="true" />} data-status={service.state}>
            {look.word}
          </Badge>
        </Group>
        <Group gap="md" wrap="wrap" style={{ rowGap: 2 }}>
          <Text size="sm" c="dimmed">
            Response <Text span c="var(--mantine-color-text)">{service.latencyMs === null ? '–' : formatLatency(service.latencyMs)}</Text>
          </Text>
          <Text size="sm" c="dimmed">
            Uptime <Text span c="var(--mantine-color-text)">{formatUptime(service.uptime.h24)}</Text> (24 h) ·{' '}
            <Text span c="var(--mantine-color-text)">{formatUptime(service.uptime.d30)}</Text> (30 d)
          </Text>
        </Group>
        <Sparkline points={service.sparkline} />
        {service.state === 'down' || service.state === 'degraded' ? (
          <Text size="sm" c={service.state === 'down' ? 'red' : 'yellow.8'} data-last-error>
            {look.word}
            {since !== undefined ? ` since ${formatClock(since, now)} (${formatAgo(since, now)})` : ''}
            {service.lastError ? `: ${service.lastError}` : ''}
          </Text>
        ) : outage?.endedAt ? (
          <Text size="xs" c="dimmed">
            Last outage {formatClock(Date.parse(outage.startedAt), now)} – {formatClock(Date.parse(outage.endedAt), now)}
          </Text>
        ) : service.checkedAt ? (
          <Text size="xs" c="dimmed">
            Checked {formatAgo(Date.parse(service.checkedAt), now)}
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            The first check runs within a minute.
          </Text>
        )}
      </Stack>
    </Card>
  );
}
