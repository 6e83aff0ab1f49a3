import { Alert, Box, Text } from '@mantine/core';
import { IconCloudOff, IconPlugConnectedX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useNow, useOnlineStatus } from '../../lib/hooks.js';
import { formatAgo, formatClock } from '../../lib/time.js';

export interface ServiceBannerProps {
  /** The service by name: "Overseerr", "Plex", "The database". */
  service: string;
  /** What is wrong, as a short predicate: "is unreachable", "is not ready". */
  problem: string;
  since?: number;
  /** What it means for the reader and what to do. */
  children?: ReactNode;
  /** `down`: red; `degraded`: yellow (works, with less). */
  severity?: 'down' | 'degraded';
  icon?: ReactNode;
}

/** An upstream (or MediaNest itself) that is down: names the service and since when. */
export function ServiceBanner({ service, problem, since, children, severity = 'down', icon }: ServiceBannerProps) {
  const now = useNow(5_000);
  return (
    <Alert
      data-state="upstream-down"
      role="status"
      variant="light"
      color={severity === 'down' ? 'red' : 'yellow'}
      icon={icon ?? <IconPlugConnectedX aria-hidden="true" />}
      title={
        <>
          {service} {problem}
          {since !== undefined ? ` since ${formatClock(since, now)} (${formatAgo(since, now)})` : ''}
        </>
      }
    >
      {children ? <Text size="sm">{children}</Text> : null}
    </Alert>
  );
}

/** Shown at the top of every page while the browser is offline. */
export function OfflineBanner() {
  const { online, offlineSince } = useOnlineStatus();
  if (online) return null;
  return (
    <Box mb="md">
      <ServiceBanner
        service="Your device"
        problem="is offline"
        since={offlineSince}
        severity="degraded"
        icon={<IconCloudOff aria-hidden="true" />}
      >
        What you see may be out of date. Pages refresh by themselves when the connection is back.
      </ServiceBanner>
    </Box>
  );
}
