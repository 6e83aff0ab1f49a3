import type { Readiness } from '@medianest/contracts';
import { Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { ServiceBanner } from '../../components/page-state/index.js';
import { OverallBadge } from '../../components/status/StateBadge.js';
import { checkTitle, overallSentence, overallState, sortedChecks } from '../../components/status/status-model.js';
import { useSinceEach } from '../../lib/hooks.js';
import { formatDuration } from '../../lib/time.js';
import { CheckCard } from './CheckCard.js';

/**
 * The report itself: a banner per failing critical check (since the first report that showed it
 * failing), the overall state, and a card per check. `stale`: the last refresh failed.
 */
export function StatusReport({ report, fetchedAt, stale }: { report: Readiness; fetchedAt: number; stale: boolean }) {
  const failingSince = useSinceEach(report.failing, fetchedAt);
  const state = overallState(report, stale);
  return (
    <Stack gap="lg">
      {report.failing.length > 0 ? (
        <Stack gap="sm">
          {report.failing.map((name) => (
            <ServiceBanner key={name} service={checkTitle(name)} problem="is failing" since={failingSince.get(name)}>
              {report.checks[name]?.error ?? 'No detail was given.'} Pages that need it show an error until it recovers.
            </ServiceBanner>
          ))}
        </Stack>
      ) : null}
      <Card withBorder padding="lg" data-overall-state={state}>
        <Group gap="md" wrap="wrap">
          <OverallBadge state={state} size="xl" />
          <Text>{overallSentence(state, report)}</Text>
        </Group>
        <Text size="sm" c="dimmed" mt="sm">
          Version {report.version} · up {formatDuration(report.uptimeSeconds)}
        </Text>
      </Card>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {sortedChecks(report).map(([name, check]) => (
          <CheckCard key={name} name={name} check={check} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
