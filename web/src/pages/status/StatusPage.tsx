import { Button } from '@mantine/core';
import { IconListCheck, IconRefresh } from '@tabler/icons-react';
import { PageHeader } from '../../components/layout/PageHeader.js';
import { Empty, QueryView } from '../../components/page-state/index.js';
import { UpdatedAgo } from '../../components/status/UpdatedAgo.js';
import { useSystemStatus } from '../../components/status/system-status-query.js';
import { StatusReport } from './StatusReport.js';
import { StatusSkeleton } from './StatusSkeleton.js';

/** Server status: `GET /api/v1/system/status`, refreshed every 10 s. Moves to Admin → System with auth. */
export default function StatusPage() {
  const status = useSystemStatus();
  const refresh = () => void status.refetch();
  return (
    <>
      <PageHeader
        title="Server status"
        description="Whether MediaNest can serve requests, part by part. Refreshes every 10 seconds."
        actions={
          <>
            <UpdatedAgo at={status.dataUpdatedAt || undefined} />
            <Button
              variant="default"
              size="sm"
              leftSection={<IconRefresh size={16} aria-hidden="true" />}
              onClick={refresh}
              loading={status.isFetching && !status.isPending}
            >
              Refresh
            </Button>
          </>
        }
      />
      <QueryView
        query={status}
        what="the server status"
        skeleton={<StatusSkeleton />}
        isEmpty={(report) => Object.keys(report.checks).length === 0}
        empty={
          <Empty
            icon={<IconListCheck aria-hidden="true" />}
            title="No checks reported"
            action={
              <Button variant="default" onClick={refresh}>
                Check again
              </Button>
            }
          >
            The server answered but named no checks. They register as its parts start; check again in a moment.
          </Empty>
        }
      >
        {(report) => <StatusReport report={report} fetchedAt={status.dataUpdatedAt} stale={status.isError} />}
      </QueryView>
    </>
  );
}
