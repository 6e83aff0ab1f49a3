import { getServicesSettings } from '@medianest/contracts';
import { Stack } from '@mantine/core';
import { useApiQuery } from '../../api/index.js';
import { PageHeader } from '../../components/layout/PageHeader.js';
import { CardSkeleton, QueryView } from '../../components/page-state/index.js';
import { CustomChecks } from './CustomChecks.js';
import { KumaForm, OverseerrForm, PlexForm, TmdbForm } from './ServiceForms.js';

/** Admin → Services: where each upstream is, its key (only ever "set" / "not set"), test connection, custom checks. */
export default function ServicesPage() {
  const settings = useApiQuery(getServicesSettings);
  return (
    <>
      <PageHeader title="Services" description="Where Plex, Overseerr, Uptime Kuma and TMDB are, and how MediaNest reaches them." />
      <QueryView
        query={settings}
        what="the service settings"
        skeleton={
          <Stack gap="md">
            <CardSkeleton lines={3} />
            <CardSkeleton lines={3} />
          </Stack>
        }
      >
        {(data) => (
          <Stack gap="lg">
            <PlexForm settings={data.plex} />
            <OverseerrForm settings={data.overseerr} />
            <KumaForm settings={data.uptimeKuma} />
            <TmdbForm settings={data.tmdb} />
            <CustomChecks checks={data.checks} />
          </Stack>
        )}
      </QueryView>
    </>
  );
}
