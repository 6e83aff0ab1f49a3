import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/layout/PageHeader.js';
import { StatusSummary } from '../../components/status/StatusSummary.js';

/** Home: for now the compact server status; the dashboard issue adds service tiles, now playing and more. */
export default function HomePage() {
  return (
    <>
      <PageHeader title="Home" description="Your Plex server at a glance." />
      <Stack gap="lg">
        <StatusSummary />
      </Stack>
    </>
  );
}
