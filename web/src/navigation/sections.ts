import type { Role } from '@medianest/contracts';
import { IconBellRinging, IconBooks, IconHome, IconListSearch, IconServer2, IconServerCog, IconUsers, type TablerIcon } from '@tabler/icons-react';
import type { ComponentType } from 'react';

/** A page module: its default export is the page component. Loaded on first visit (one chunk per page). */
export type PageModule = { default: ComponentType };
export type PageLoader = () => Promise<PageModule>;

export interface SectionPage {
  /** Relative to the section's path; '' is the section's landing page. */
  path: string;
  load: PageLoader;
}

export interface Section {
  id: string;
  label: string;
  /** Absolute path of the landing page; the section's other pages live below it. */
  path: string;
  icon: TablerIcon;
  /** `admin` sections are listed under the Admin heading (and in the phone's More menu). */
  group: 'main' | 'admin';
  /** Hidden from the navigation, and its routes answer "not found", unless the viewer is an admin. */
  adminOnly?: boolean;
  pages: readonly SectionPage[];
}

/**
 * Every section of the app, in navigation order. This list is the one place a section is added:
 * the sidebar, the phone's bottom tab bar and the routes are all built from it.
 *
 * Later issues add here: Discover (`/discover`), Downloads (`/downloads`),
 * Requests (`/requests`), and the Admin sections (`group: 'admin', adminOnly: true`). Server status moves
 * to Admin → System when auth lands.
 */
export const sections: readonly Section[] = [
  {
    id: 'home',
    label: 'Home',
    path: '/',
    icon: IconHome,
    group: 'main',
    pages: [{ path: '', load: () => import('../pages/home/HomePage.js') }],
  },
  {
    id: 'library',
    label: 'Library',
    path: '/library',
    icon: IconBooks,
    group: 'main',
    pages: [{ path: '', load: () => import('../pages/library/LibraryPage.js') }],
  },
  {
    id: 'status',
    label: 'Server status',
    path: '/status',
    icon: IconServer2,
    group: 'main',
    pages: [{ path: '', load: () => import('../pages/status/StatusPage.js') }],
  },
  {
    id: 'admin-users',
    label: 'Users',
    path: '/admin/users',
    icon: IconUsers,
    group: 'admin',
    adminOnly: true,
    pages: [{ path: '', load: () => import('../pages/admin-users/UsersPage.js') }],
  },
  {
    id: 'admin-services',
    label: 'Services',
    path: '/admin/services',
    icon: IconServerCog,
    group: 'admin',
    adminOnly: true,
    pages: [{ path: '', load: () => import('../pages/admin-services/ServicesPage.js') }],
  },
  {
    id: 'admin-notifications',
    label: 'Notifications',
    path: '/admin/notifications',
    icon: IconBellRinging,
    group: 'admin',
    adminOnly: true,
    pages: [{ path: '', load: () => import('../pages/admin-notifications/AdminNotificationsPage.js') }],
  },
  {
    id: 'admin-audit',
    label: 'Audit',
    path: '/admin/audit',
    icon: IconListSearch,
    group: 'admin',
    adminOnly: true,
    pages: [{ path: '', load: () => import('../pages/admin-audit/AuditPage.js') }],
  },
];

/** Who is looking, as far as navigation cares; `null` before sign-in. */
export interface NavViewer {
  role: Role;
}

export function visibleSections(all: readonly Section[], viewer: NavViewer | null): Section[] {
  return all.filter((section) => !section.adminOnly || viewer?.role === 'admin');
}

/** How many tabs fit the phone's bottom bar; beyond it, the last tab becomes "More". */
export const MAX_PHONE_TABS = 5;

/** Splits sections into the phone tab bar and the overflow behind "More" (admin sections always overflow). */
export function phoneTabs(visible: readonly Section[]): { tabs: Section[]; more: Section[] } {
  const main = visible.filter((section) => section.group === 'main');
  const admin = visible.filter((section) => section.group === 'admin');
  if (main.length + admin.length <= MAX_PHONE_TABS && admin.length === 0) return { tabs: main, more: [] };
  const tabs = main.slice(0, MAX_PHONE_TABS - 1);
  return { tabs, more: [...main.slice(MAX_PHONE_TABS - 1), ...admin] };
}

/** The section a pathname belongs to (longest matching prefix), for the active tab and the page title. */
export function sectionForPath(all: readonly Section[], pathname: string): Section | undefined {
  let best: Section | undefined;
  for (const section of all) {
    const matches =
      section.path === '/'
        ? pathname === '/'
        : pathname === section.path || pathname.startsWith(`${section.path}/`);
    if (matches && (!best || section.path.length > best.path.length)) best = section;
  }
  return best;
}
