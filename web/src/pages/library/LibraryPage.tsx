import { getLibrarySections, getRecentlyAdded, type LibraryItem } from '@medianest/contracts';
import { AspectRatio, Box, Button, Card, Center, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconMovie } from '@tabler/icons-react';
import { useState } from 'react';
import { useApiQuery } from '../../api/index.js';
import { PageHeader } from '../../components/layout/PageHeader.js';
import { Empty, QueryView, ServiceBanner } from '../../components/page-state/index.js';
import { useNow } from '../../lib/hooks.js';
import { formatAgo } from '../../lib/time.js';
import classes from './LibraryPage.module.css';

const GRID = { base: 2, xs: 3, sm: 4, md: 5, lg: 6 } as const;
const LIMIT = 36;

function Poster({ item }: { item: LibraryItem }) {
  const [failed, setFailed] = useState(false);
  return (
    <AspectRatio ratio={2 / 3} className={classes.poster}>
      {item.poster && !failed ? (
        <img
          src={`${item.poster}?w=240`}
          srcSet={`${item.poster}?w=160 160w, ${item.poster}?w=240 240w, ${item.poster}?w=360 360w`}
          sizes="(max-width: 36em) 45vw, (max-width: 62em) 22vw, 180px"
          alt=""
          loading="lazy"
          decoding="async"
          onError={() => setFailed(true)}
        />
      ) : (
        <Center className={classes.placeholder} aria-hidden="true">
          <IconMovie size={32} />
        </Center>
      )}
    </AspectRatio>
  );
}

function ItemCard({ item }: { item: LibraryItem }) {
  return (
    <Card component="li" padding={0} radius="md" className={classes.card} aria-label={item.subtitle ? `${item.title}, ${item.subtitle}` : item.title}>
      <Poster item={item} />
      <Box p="xs">
        <Text size="sm" fw={600} lineClamp={1} title={item.title}>
          {item.title}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {item.subtitle ?? '\u00a0'}
        </Text>
      </Box>
    </Card>
  );
}

function GridSkeleton() {
  return (
    <SimpleGrid cols={GRID} spacing="md">
      {Array.from({ length: 12 }, (_, i) => (
        <Stack key={i} gap={6}>
          <AspectRatio ratio={2 / 3}>
            <Skeleton radius="md" />
          </AspectRatio>
          <Skeleton height={12} width="80%" />
        </Stack>
      ))}
    </SimpleGrid>
  );
}

/** Library: the server's sections as tabs and what was added to them last, as a poster grid. */
export default function LibraryPage() {
  const [section, setSection] = useState('all');
  const sections = useApiQuery(getLibrarySections, { staleTime: 60_000 });
  const recent = useApiQuery(getRecentlyAdded, {
    input: { query: { limit: LIMIT, ...(section === 'all' ? {} : { section }) } },
    staleTime: 30_000,
    placeholderData: (previous) => previous,
  });
  const now = useNow(30_000);
  const stale = recent.data?.stale ? recent.data : sections.data?.stale ? sections.data : undefined;
  const tabs = [{ value: 'all', label: 'All' }, ...(sections.data?.sections ?? []).map((s) => ({ value: s.id, label: s.title }))];

  return (
    <>
      <PageHeader title="Library" description="What is on the Plex server, newest first." />
      <Stack gap="lg">
        {stale ? (
          <ServiceBanner service="Plex" problem="is not answering">
            {`You are seeing the library as Plex last showed it, ${formatAgo(now - stale.ageMs, now)}. It updates by itself when Plex is back.`}
          </ServiceBanner>
        ) : null}
        {tabs.length > 1 ? (
          <Box className={classes.tabs}>
            <SegmentedControl aria-label="Library section" data={tabs} value={section} onChange={setSection} />
          </Box>
        ) : null}
        <section aria-labelledby="recently-added">
          <Title order={2} size="h4" mb="sm" id="recently-added">
            Recently added
          </Title>
          <QueryView
            query={recent}
            what="the library"
            skeleton={<GridSkeleton />}
            isEmpty={(data) => data.items.length === 0}
            empty={
              <Empty
                icon={<IconMovie aria-hidden="true" />}
                title="Nothing here yet"
                action={
                  <Button variant="default" onClick={() => void recent.refetch()}>
                    Check again
                  </Button>
                }
              >
                Plex has no items in this library. New films and episodes appear here once Plex has scanned them.
              </Empty>
            }
          >
            {(data) => (
              <SimpleGrid component="ul" cols={GRID} spacing="md" className={classes.grid} aria-busy={recent.isFetching}>
                {data.items.map((item) => (
                  <ItemCard key={item.ratingKey} item={item} />
                ))}
              </SimpleGrid>
            )}
          </QueryView>
        </section>
      </Stack>
    </>
  );
}
