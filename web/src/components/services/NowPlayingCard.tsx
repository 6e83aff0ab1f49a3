import { getNowPlaying, type NowPlayingSession } from '@medianest/contracts';
import { Alert, Badge, Card, Group, Progress, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useApiQuery } from '../../api/index.js';
import { formatDuration } from '../../lib/time.js';
import { QueryView } from '../page-state/index.js';

function SessionRow({ session }: { session: NowPlayingSession }) {
  const percent = session.progress === null ? null : Math.round(session.progress * 100);
  return (
    <Stack gap={4} component="li" data-session={session.sessionKey}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={600} truncate>
          {session.title}
          {session.year ? ` (${session.year})` : ''}
        </Text>
        <Badge variant="light" color={session.decision === 'transcode' ? 'orange' : 'teal'} data-decision={session.decision}>
          {session.decision === 'transcode' ? 'Transcode' : session.decision === 'copy' ? 'Direct stream' : 'Direct play'}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {[session.user, session.player, session.state === 'paused' ? 'paused' : null, session.videoResolution ? `${session.videoResolution}${/^\d+$/.test(session.videoResolution) ? 'p' : ''}` : null]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {percent !== null ? (
        <Progress value={percent} size="sm" aria-label={`${session.title}: ${percent} % watched${session.durationMs ? ` of ${formatDuration(session.durationMs / 1000)}` : ''}`} />
      ) : null}
    </Stack>
  );
}

/** Now playing on the Plex server (admins: everyone, with names; others: their own). */
export function NowPlayingCard() {
  const query = useApiQuery(getNowPlaying, { refetchInterval: 10_000 });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="now-playing-title">
      <Title order={2} size="h3" id="now-playing-title" mb="sm">
        Now playing
      </Title>
      <QueryView
        query={query}
        what="what is playing"
        skeleton={<Skeleton height={48} />}
        isEmpty={(data) => data.sessions.length === 0 && !data.stale}
        empty={
          <Text size="sm" c="dimmed" data-state="empty">
            <IconPlayerPlay size={14} aria-hidden="true" style={{ verticalAlign: 'middle' }} />{' '}
            Nothing is playing right now. Start something in Plex and it shows up here.
          </Text>
        }
      >
        {(data) => (
          <Stack gap="sm">
            {data.stale ? (
              <Alert color="yellow" variant="light" data-state="stale" title="Plex cannot be reached">
                {`These are the sessions from ${Math.round(data.ageMs / 1000)} s ago. ${data.error ?? ''}`}
              </Alert>
            ) : null}
            {!data.configured ? (
              <Text size="sm" c="dimmed">
                No Plex server is configured yet.
              </Text>
            ) : (
              <Stack gap="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Playing now">
                {data.sessions.map((session) => (
                  <SessionRow key={session.sessionKey} session={session} />
                ))}
              </Stack>
            )}
          </Stack>
        )}
      </QueryView>
    </Card>
  );
}
