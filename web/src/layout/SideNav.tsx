import { NavLink, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { sectionForPath, type Section } from '../navigation/sections.js';
import { preloadSection } from './preload.js';

function SectionLink({ section, active }: { section: Section; active: boolean }) {
  const Icon = section.icon;
  return (
    <NavLink
      component={Link}
      to={section.path}
      label={section.label}
      leftSection={<Icon size={20} stroke={1.75} aria-hidden="true" />}
      active={active}
      aria-current={active ? 'page' : undefined}
      onMouseEnter={() => preloadSection(section)}
      onFocus={() => preloadSection(section)}
      variant="light"
    />
  );
}

/** The desktop sidebar: main sections, then the Admin group when there is one. */
export function SideNav({ sections }: { sections: readonly Section[] }) {
  const { pathname } = useLocation();
  const current = sectionForPath(sections, pathname);
  const main = sections.filter((section) => section.group === 'main');
  const admin = sections.filter((section) => section.group === 'admin');
  return (
    <Stack component="nav" aria-label="Sections" gap={2}>
      {main.map((section) => (
        <SectionLink key={section.id} section={section} active={current?.id === section.id} />
      ))}
      {admin.length > 0 ? (
        <>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="lg" mb={4} px="sm" id="nav-admin">
            Admin
          </Text>
          <Stack gap={2} role="group" aria-labelledby="nav-admin">
            {admin.map((section) => (
              <SectionLink key={section.id} section={section} active={current?.id === section.id} />
            ))}
          </Stack>
        </>
      ) : null}
    </Stack>
  );
}
