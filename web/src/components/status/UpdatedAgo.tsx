import { Text } from '@mantine/core';
import { useNow } from '../../lib/hooks.js';
import { formatAgo, formatClock } from '../../lib/time.js';

/** "Updated 12 s ago", ticking, with the clock time as a tooltip. */
export function UpdatedAgo({ at }: { at: number | undefined }) {
  const now = useNow(1000);
  if (!at) return null;
  return (
    <Text size="sm" c="dimmed" title={`Last updated at ${formatClock(at, now)}`} data-testid="updated-ago">
      Updated {formatAgo(at, now)}
    </Text>
  );
}
