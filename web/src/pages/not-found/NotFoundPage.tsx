import { Button } from '@mantine/core';
import { IconHome, IconMapOff } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { PageHeader } from '../../components/layout/PageHeader.js';
import { Empty } from '../../components/page-state/index.js';

/** Any path no section claims. */
export default function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader title="Page not found" />
      <Empty
        icon={<IconMapOff aria-hidden="true" />}
        title="There is nothing here"
        action={
          <Button component={Link} to="/" leftSection={<IconHome size={16} aria-hidden="true" />}>
            Go to Home
          </Button>
        }
      >
        {`No page lives at ${pathname}. The link may be old, or the page may need a section that is not set up yet.`}
      </Empty>
    </>
  );
}
