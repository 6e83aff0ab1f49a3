import type { KumaPageView } from '@medianest/contracts';
import { Alert, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { formatLatency } from '../../lib/time.js';
import { formatUptime, kumaLook } from './service-model.js';

/** The Uptime Kuma status page, grouped as on the page. */
export function KumaMonitorsCard({ page }: { page: KumaPageView }) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="kuma-title" data-kuma>
      <Title order={2} size="h3" id="kuma-title" mb="sm">
        {page.title} <Text span size="sm" c="dimmed">(Uptime Kuma)</Text>
      </Title>
      {page.stale ? (
        <Alert color="yellow" variant="light" mb="sm" data-state="stale">
          {`Uptime Kuma cannot be reached; this is what it said ${Math.round(page.ageMs / 60_000)} min ago.`}
        </Alert>
      ) : null}
      {page.incidents.map((incident) => (
        <Alert key={incident.title} color={incident.style === 'danger' ? 'red' : 'yellow'} variant="light" mb="sm" title={incident.title}>
          {incident.content}
        </Alert>
      ))}
      <Stack gap="md">
        {page.groups.map((group) => (
          <Stack gap={6} key={group.name}>
            <Text fw={600} size="sm">
              {group.name}
            </Text>
            <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={group.name}>
              {group.monitors.map((monitor) => {
                const look = kumaLook[monitor.state];
                return (
                  <Group key={monitor.id} component="li" justify="space-between" wrap="nowrap" data-monitor={monitor.name} data-state={monitor.state}>
                    <Text size="sm" truncate>
                      {monitor.name}
                    </Text>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="xs" c="dimmed">
                        {monitor.pingMs !== null ? formatLatency(monitor.pingMs) : ''} {formatUptime(monitor.uptime24h)}
                      </Text>
                      <Badge size="sm" variant="light" color={look.color}>
                        {look.word}
                      </Badge>
                    </Group>
                  </Group>
                );
              })}
            </Stack>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
