import type { Session } from '@medianest/contracts';
import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconDeviceDesktop, IconDeviceMobile } from '@tabler/icons-react';
import { useNow } from '../../lib/hooks.js';
import { formatAgo, formatClock } from '../../lib/time.js';

const isPhone = (device: string) => /iPhone|Android|iPad/.test(device);

export interface SessionListProps {
  sessions: readonly Session[];
  onRevoke: (session: Session) => void;
  /** The session being revoked right now. */
  revoking?: string | null;
}

/** Signed-in devices: what, from where, since when, last seen; each with its "Sign out" button. */
export function SessionList({ sessions, onRevoke, revoking = null }: SessionListProps) {
  const now = useNow(30_000);
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Signed-in devices">
      {sessions.map((session) => {
        const Icon = isPhone(session.deviceName) ? IconDeviceMobile : IconDeviceDesktop;
        const lastSeen = Date.parse(session.lastSeenAt);
        return (
          <Card component="li" key={session.id} withBorder padding="md" data-session={session.id} data-current={session.current}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <Icon size={24} aria-hidden="true" />
                <Stack gap={2}>
                  <Group gap="xs">
                    <Text fw={600}>{session.deviceName}</Text>
                    {session.current ? <Badge variant="light" color="green">This device</Badge> : null}
                  </Group>
                  <Text size="sm" c="dimmed">
                    {session.method === 'plex' ? 'Signed in with Plex' : 'Signed in with a password'}
                    {session.ip ? ` · ${session.ip}` : ''}
                  </Text>
                  <Text size="sm" c="dimmed">
                    Signed in {formatClock(Date.parse(session.createdAt), now)} · last active {formatAgo(lastSeen, now)}
                  </Text>
                </Stack>
              </Group>
              <Button
                size="xs"
                variant="default"
                color="red"
                loading={revoking === session.id}
                style={{ flexShrink: 0 }}
                onClick={() => onRevoke(session)}
                aria-label={`Sign out ${session.deviceName}${session.current ? ' (this device)' : ''}`}
              >
                Sign out
              </Button>
            </Group>
          </Card>
        );
      })}
    </Stack>
  );
}
