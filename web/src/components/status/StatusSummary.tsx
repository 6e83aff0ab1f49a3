import { Anchor, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import { QueryView } from '../page-state/index.js';
import { CheckBadge, OverallBadge } from './StateBadge.js';
import { checkState, checkTitle, overallSentence, overallState, sortedChecks } from './status-model.js';
import { useSystemStatus } from './system-status-query.js';
import { UpdatedAgo } from './UpdatedAgo.js';

function SummarySkeleton() {
  return (
    <Stack gap="sm">
      <Skeleton height={26} width={110} radius="xl" />
      <Group gap="xs">
        <Skeleton height={22} width={120} radius="xl" />
        <Skeleton height={22} width={120} radius="xl" />
        <Skeleton height={22} width={100} radius="xl" />
      </Group>
    </Stack>
  );
}

/** The compact server status for Home: overall word, one badge per check, a link to the full page. */
export function StatusSummary() {
  const status = useSystemStatus();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="status-summary-title">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h3" id="status-summary-title">
          Server status
        </Title>
        <UpdatedAgo at={status.dataUpdatedAt || undefined} />
      </Group>
      <QueryView query={status} what="the server status" skeleton={<SummarySkeleton />}>
        {(report) => {
          const state = overallState(report, status.isError);
          return (
            <Stack gap="sm" data-overall-state={state}>
              <Group gap="sm" wrap="wrap">
                <OverallBadge state={state} size="lg" />
                <Text size="sm">{overallSentence(state, report)}</Text>
              </Group>
              <Group
                gap="xs"
                component="ul"
                p={0}
                m={0}
                style={{ listStyle: 'none', columnGap: 'var(--mantine-spacing-lg)' }}
                aria-label="Checks"
              >
                {sortedChecks(report).map(([name, check]) => (
                  <Group component="li" key={name} gap={6} wrap="nowrap">
                    <Text size="sm">{checkTitle(name)}</Text>
                    <CheckBadge state={checkState(check)} size="sm" />
                  </Group>
                ))}
              </Group>
            </Stack>
          );
        }}
      </QueryView>
      <Anchor component={Link} to="/status" size="sm" mt="md" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        Server status details <IconChevronRight size={14} aria-hidden="true" />
      </Anchor>
    </Card>
  );
}
