import { Card, Group, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { CardSkeleton } from '../../components/page-state/index.js';

/** The status page's shape: the overall card, then one card per check. */
export function StatusSkeleton() {
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg">
        <Group gap="md">
          <Skeleton height={32} width={120} radius="xl" />
          <Skeleton height={14} width={260} maw="60%" radius="sm" />
        </Group>
      </Card>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        <CardSkeleton lines={2} />
        <CardSkeleton lines={3} />
        <CardSkeleton lines={2} />
      </SimpleGrid>
    </Stack>
  );
}
