import { lazy, type ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { AppLayout } from '../layout/AppLayout.js';
import { RouteError } from '../layout/RouteError.js';
import { useShell } from '../layout/shell-context.js';
import { sections, type PageLoader, type Section } from '../navigation/sections.js';

const NotFoundPage = lazy(() => import('../pages/not-found/NotFoundPage.js'));
const SearchPage = lazy(() => import('../pages/search/SearchPage.js'));

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

/** Every route: the sections' pages (one lazily loaded chunk each), search, and "not found". */
export const routes: RouteObject[] = [
  {
    Component: AppLayout,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          ...sections.flatMap((section) => section.pages.map((page) => pageRoute(section, page.path, page.load))),
          { path: '/search', Component: SearchPage },
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
];
