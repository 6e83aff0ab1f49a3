import { lazy, type ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { AuthRoot } from '../auth/AuthRoot.js';
import { RequireSession } from '../auth/RequireSession.js';
import { RouteError } from '../layout/RouteError.js';
import { useShell } from '../layout/shell-context.js';
import { sections, type PageLoader, type Section } from '../navigation/sections.js';

const NotFoundPage = lazy(() => import('../pages/not-found/NotFoundPage.js'));
const SearchPage = lazy(() => import('../pages/search/SearchPage.js'));
const SignInPage = lazy(() => import('../pages/signin/SignInPage.js'));
const SetupPage = lazy(() => import('../pages/setup/SetupPage.js'));
const ProfilePage = lazy(() => import('../pages/profile/ProfilePage.js'));
const SessionsPage = lazy(() => import('../pages/profile/SessionsPage.js'));
const ApiKeysPage = lazy(() => import('../pages/profile/ApiKeysPage.js'));
const NotificationPrefsPage = lazy(() => import('../pages/profile/NotificationPrefsPage.js'));

function joinPath(base: string, child: string): string {
  if (!child) return base;
  return `${base.replace(/\/$/, '')}/${child}`;
}

/** Admin-only pages answer "not found" to everyone else, as the server's 404 for others' data does. */
function adminOnly(Page: ComponentType): ComponentType {
  return function AdminOnlyPage() {
    const { viewer } = useShell();
    return viewer?.role === 'admin' ? <Page /> : <NotFoundPage />;
  };
}

function pageRoute(section: Section, path: string, load: PageLoader): RouteObject {
  const Page = lazy(load);
  return { path: joinPath(section.path, path), Component: section.adminOnly ? adminOnly(Page) : Page, handle: { section: section.id } };
}

/**
 * Every route. Sign-in and setup stand alone; everything else is behind a session, in the app layout: the
 * sections' pages (one lazily loaded chunk each), search, the profile pages, and "not found".
 */
export const routes: RouteObject[] = [
  {
    Component: AuthRoot,
    errorElement: <RouteError />,
    children: [
      { path: '/signin', Component: SignInPage },
      { path: '/setup', Component: SetupPage },
      {
        Component: RequireSession,
        children: [
          {
            errorElement: <RouteError />,
            children: [
              ...sections.flatMap((section) => section.pages.map((page) => pageRoute(section, page.path, page.load))),
              { path: '/search', Component: SearchPage },
              { path: '/profile', Component: ProfilePage },
              { path: '/profile/sessions', Component: SessionsPage },
              { path: '/profile/api-keys', Component: ApiKeysPage },
              { path: '/profile/notifications', Component: NotificationPrefsPage },
              { path: '*', Component: NotFoundPage },
            ],
          },
        ],
      },
    ],
  },
];
