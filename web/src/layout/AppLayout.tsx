import { AppShell, Container } from '@mantine/core';
import { Suspense } from 'react';
import { Outlet, ScrollRestoration } from 'react-router';
import { OfflineBanner, PageSkeleton } from '../components/page-state/index.js';
import { sections, visibleSections } from '../navigation/sections.js';
import classes from './AppLayout.module.css';
import { BottomTabs } from './BottomTabs.js';
import { GlobalSearchProvider } from './GlobalSearch.js';
import { useShell } from './shell-context.js';
import { SideNav } from './SideNav.js';
import { TopBar } from './TopBar.js';

/**
 * The frame of every page: top bar, sidebar (desktop) or bottom tab bar (phone, below 48em), and the
 * page in `<main>`. Pages load lazily; their skeleton shows meanwhile.
 */
export function AppLayout() {
  const { viewer } = useShell();
  const visible = visibleSections(sections, viewer);
  return (
    <GlobalSearchProvider>
      {({ box, phoneButton }) => (
        <AppShell
          header={{ height: 60 }}
          navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: true } }}
          footer={{ height: { base: 64, sm: 0 } }}
          padding="md"
        >
          <a href="#main" className={classes.skipLink}>
            Skip to content
          </a>
          <AppShell.Header>
            <TopBar searchBox={box} phoneSearchButton={phoneButton} />
          </AppShell.Header>
          <AppShell.Navbar p="sm">
            <SideNav sections={visible} />
          </AppShell.Navbar>
          <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
            <Container size="lg" px={0}>
              <OfflineBanner />
              <Suspense fallback={<PageSkeleton />}>
                <Outlet />
              </Suspense>
            </Container>
          </AppShell.Main>
          <AppShell.Footer hiddenFrom="sm">
            <BottomTabs sections={visible} />
          </AppShell.Footer>
          <ScrollRestoration />
        </AppShell>
      )}
    </GlobalSearchProvider>
  );
}
