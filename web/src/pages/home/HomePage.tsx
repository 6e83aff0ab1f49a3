import { getStatusOverview } from '@medianest/contracts';
import { Card, SimpleGrid, Skeleton, Stack, Title } from '@mantine/core';
import { useApiQuery } from '../../api/index.js';
import { useAuth } from '../../auth/auth-context.js';
import { PageHeader } from '../../components/layout/PageHeader.js';
import { QueryView, ServiceBanner } from '../../components/page-state/index.js';
import { BreakersCard } from '../../components/services/BreakersCard.js';
import { KumaMonitorsCard } from '../../components/services/KumaMonitorsCard.js';
import { NowPlayingCard } from '../../components/services/NowPlayingCard.js';
import { problemServices } from '../../components/services/service-model.js';
import { ServiceTileCard } from '../../components/services/ServiceTileCard.js';
import { useLiveServiceStatus } from './use-live-status.js';

function TilesSkeleton() {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
      {[0, 1, 2].map((i) => (
        <Card withBorder padding="md" key={i}>
          <Skeleton height={20} width="60%" mb="sm" />
          <Skeleton height={14} width="80%" mb="sm" />
          <Skeleton height={32} />
        </Card>
      ))}
    </SimpleGrid>
  );
}

/**
 * Home, the dashboard: is Plex (and the rest) up, what is playing. Live on `service:status` pushes, and every 10 s; a service that
 * is down gets a banner naming it and since when; a failed refresh keeps the last tiles under an error.
 */
export default function HomePage() {
  const { me } = useAuth();
  const admin = me.data?.user.role === 'admin';
  const overview = useApiQuery(getStatusOverview, { refetchInterval: 10_000 });
  useLiveServiceStatus();
  return (
    <>
      <PageHeader title="Home" description="Your Plex server and its companions at a glance." />
      <Stack gap="lg">
        {problemServices(overview.data?.services ?? []).map((service) => (
          <ServiceBanner
            key={service.id}
            service={service.name}
            problem={service.state === 'down' ? 'is down' : 'is degraded'}
            severity={service.state === 'down' ? 'down' : 'degraded'}
            {...(service.since ? { since: Date.parse(service.since) } : {})}
          >
            {service.lastError ?? undefined}
          </ServiceBanner>
        ))}
        <section aria-labelledby="services-title">
          <Title order={2} size="h3" id="services-title" mb="sm">
            Services
          </Title>
          <QueryView query={overview} what="the service status" skeleton={<TilesSkeleton />}>
            {(data) => (
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Services">
                {data.services.map((service) => (
                  <ServiceTileCard key={service.id} service={service} />
                ))}
              </SimpleGrid>
            )}
          </QueryView>
        </section>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <NowPlayingCard />
          {overview.data?.kuma ? <KumaMonitorsCard page={overview.data.kuma} /> : null}
          {admin && overview.data && overview.data.breakers.length > 0 ? <BreakersCard breakers={overview.data.breakers} /> : null}
        </SimpleGrid>
      </Stack>
    </>
  );
}
