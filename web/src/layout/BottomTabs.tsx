import { Menu, UnstyledButton } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { phoneTabs, sectionForPath, type Section } from '../navigation/sections.js';
import classes from './BottomTabs.module.css';
import { preloadSection } from './preload.js';

/** The phone's tab bar: the main sections, and "More" for the rest (admin sections included). */
export function BottomTabs({ sections }: { sections: readonly Section[] }) {
  const { pathname } = useLocation();
  const current = sectionForPath(sections, pathname);
  const { tabs, more } = phoneTabs(sections);
  const moreActive = more.some((section) => section.id === current?.id);
  return (
    <nav aria-label="Sections" className={classes.bar}>
      {tabs.map((section) => {
        const Icon = section.icon;
        const active = current?.id === section.id;
        return (
          <Link
            key={section.id}
            to={section.path}
            className={classes.tab}
            data-active={active || undefined}
            aria-current={active ? 'page' : undefined}
            onTouchStart={() => preloadSection(section)}
            onFocus={() => preloadSection(section)}
          >
            <Icon size={22} stroke={1.75} aria-hidden="true" />
            <span className={classes.label}>{section.label}</span>
          </Link>
        );
      })}
      {more.length > 0 ? (
        <Menu position="top-end" width={220} withinPortal>
          <Menu.Target>
            <UnstyledButton className={classes.tab} data-active={moreActive || undefined} aria-label="More sections">
              <IconDots size={22} stroke={1.75} aria-hidden="true" />
              <span className={classes.label}>More</span>
            </UnstyledButton>
          </Menu.Target>
          <Menu.Dropdown>
            {more.map((section) => {
              const Icon = section.icon;
              return (
                <Menu.Item key={section.id} component={Link} to={section.path} leftSection={<Icon size={16} aria-hidden="true" />}>
                  {section.label}
                </Menu.Item>
              );
            })}
          </Menu.Dropdown>
        </Menu>
      ) : null}
    </nav>
  );
}
