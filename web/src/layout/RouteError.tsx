import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useRouteError } from 'react-router';

/**
 * A page that crashed or whose code could not be loaded (typically after an upgrade, when the old
 * chunk is gone): say so and offer a reload.
 */
export function RouteError() {
  const error = useRouteError();
  const message = error instanceof Error ? error.message : 'Unknown error';
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden="true" />}
      title="This page could not be shown"
      data-state="error"
    >
      <Stack gap="sm">
        <Text size="sm">
          Something in this page failed ({message}). If MediaNest was just updated, reloading fetches the new version.
        </Text>
        <Button
          size="xs"
          variant="default"
          w="fit-content"
          leftSection={<IconRefresh size={16} aria-hidden="true" />}
          onClick={() => window.location.reload()}
        >
          Reload
        </Button>
      </Stack>
    </Alert>
  );
}
