import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ApiError } from '../../api/index.js';
import { useNow } from '../../lib/hooks.js';
import { formatAgo, formatClock } from '../../lib/time.js';

export interface ErrorStateProps {
  /** What failed to load, as a noun phrase: "the server status". */
  what: string;
  error: ApiError;
  /** When the data still on screen was loaded; omitted when nothing is shown. */
  staleSince?: number;
  onRetry: () => void;
  retrying?: boolean;
}

/**
 * A load that failed: what failed, the server's sentence, whether the data on screen is stale
 * (and from when), the request id for support, and a retry.
 */
export function ErrorState({ what, error, staleSince, onRetry, retrying = false }: ErrorStateProps) {
  const now = useNow(5_000);
  const stale = staleSince !== undefined;
  return (
    <Alert
      data-state="error"
      role="alert"
      variant="light"
      color={stale ? 'yellow' : 'red'}
      icon={<IconAlertTriangle aria-hidden="true" />}
      title={`Could not load ${what}`}
      mb={stale ? 'md' : 0}
    >
      <Stack gap="xs">
        <Text size="sm">{error.message}</Text>
        <Text size="sm" fw={500}>
          {stale
            ? `Showing what was loaded ${formatAgo(staleSince, now)} (${formatClock(staleSince, now)}); it may be out of date.`
            : 'Nothing to show until it loads.'}
        </Text>
        <Group justify="space-between" gap="sm">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={16} aria-hidden="true" />}
            onClick={onRetry}
            loading={retrying}
          >
            Try again
          </Button>
          {error.requestId ? (
            <Text size="xs" c="dimmed">
              Request id <Code>{error.requestId}</Code>
            </Text>
          ) : null}
        </Group>
      </Stack>
    </Alert>
  );
}
