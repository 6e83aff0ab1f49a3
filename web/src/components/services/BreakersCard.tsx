import type { StatusOverview } from '@medianest/contracts';
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useNow } from '../../lib/hooks.js';
import { formatAgo } from '../../lib/time.js';

const looks = {
  closed: { word: 'Closed (calls pass)', color: 'teal' },
  'half-open': { word: 'Half-open (trying)', color: 'yellow' },
  open: { word: 'Open (failing fast)', color: 'red' },
  isolated: { word: 'Isolated', color: 'gray' },
} as const;

/** Admins: the circuit breaker of each upstream. */
export function BreakersCard({ breakers }: { breakers: StatusOverview['breakers'] }) {
  const now = useNow(10_000);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="breakers-title">
      <Title order={2} size="h3" id="breakers-title" mb="sm">
        Circuit breakers
      </Title>
      <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {breakers.map((breaker) => (
          <Group key={breaker.upstream} component="li" justify="space-between" wrap="nowrap" data-breaker={breaker.upstream} data-state={breaker.state}>
            <Stack gap={0}>
              <Text size="sm">{breaker.service}</Text>
              {breaker.lastFailure ? (
                <Text size="xs" c="dimmed">
                  Last failure {formatAgo(Date.parse(breaker.lastFailure.at), now)}: {breaker.lastFailure.reason}
                </Text>
              ) : null}
            </Stack>
            <Badge size="sm" variant="light" color={looks[breaker.state].color}>
              {looks[breaker.state].word}
            </Badge>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
