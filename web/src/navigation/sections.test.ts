import { IconBook, IconDownload, IconHome, IconSearch, IconServer2, IconTicket, IconUsers } from '@tabler/icons-react';
import { describe, expect, it } from 'vitest';
import { phoneTabs, sectionForPath, sections, visibleSections, type Section } from './sections.js';

const page = { path: '', load: () => Promise.resolve({ default: () => null }) };
const section = (id: string, path: string, extra: Partial<Section> = {}): Section => ({
  id,
  label: id,
  path,
  icon: IconHome,
  group: 'main',
  pages: [page],
  ...extra,
});

/** The navigation as it will look once the later issues have added their sections. */
const full: Section[] = [
  section('home', '/'),
  section('library', '/library', { icon: IconBook }),
  section('discover', '/discover', { icon: IconSearch }),
  section('downloads', '/downloads', { icon: IconDownload }),
  section('requests', '/requests', { icon: IconTicket }),
  section('admin-users', '/admin/users', { icon: IconUsers, group: 'admin', adminOnly: true }),
  section('admin-system', '/admin/system', { icon: IconServer2, group: 'admin', adminOnly: true }),
];

describe('sections', () => {
  it('link only pages that exist today, each with a landing page', () => {
    expect(sections.map((s) => s.path)).toEqual(['/', '/library', '/status', '/admin/users', '/admin/services', '/admin/notifications', '/admin/audit']);
    for (const s of sections) expect(s.pages.some((p) => p.path === '')).toBe(true);
  });

  it('hide admin-only sections from members and from visitors who are not signed in', () => {
    expect(visibleSections(full, null).map((s) => s.id)).toEqual(['home', 'library', 'discover', 'downloads', 'requests']);
    expect(visibleSections(full, { role: 'user' }).some((s) => s.adminOnly)).toBe(false);
    expect(visibleSections(full, { role: 'admin' })).toHaveLength(full.length);
  });

  it('put at most five tabs on a phone, the rest and the admin sections behind "More"', () => {
    const { tabs, more } = phoneTabs(visibleSections(full, { role: 'admin' }));
    expect(tabs.map((s) => s.id)).toEqual(['home', 'library', 'discover', 'downloads']);
    expect(more.map((s) => s.id)).toEqual(['requests', 'admin-users', 'admin-system']);
    expect(phoneTabs(visibleSections(full, { role: 'user' })).more).toEqual([]);
    // Today's sections: the main ones as tabs, the Admin ones behind "More".
    expect(phoneTabs(sections).tabs.map((s) => s.id)).toEqual(['home', 'library', 'status']);
    expect(phoneTabs(sections).more.map((s) => s.id)).toEqual(['admin-users', 'admin-services', 'admin-notifications', 'admin-audit']);
  });

  it('find the section of a path by its longest prefix; Home only at /', () => {
    expect(sectionForPath(full, '/')?.id).toBe('home');
    expect(sectionForPath(full, '/library/123')?.id).toBe('library');
    expect(sectionForPath(full, '/admin/system')?.id).toBe('admin-system');
    expect(sectionForPath(full, '/libraryx')).toBeUndefined();
    expect(sectionForPath(full, '/search')).toBeUndefined();
  });
});
