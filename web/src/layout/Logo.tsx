import { Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import classes from './Logo.module.css';

/** The MediaNest mark: a nest of three arcs around a play triangle. */
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--mantine-color-indigo-7)" />
      <path d="M13 10.5v11l9-5.5z" fill="#fff" />
      <path d="M7 19a9.5 9.5 0 0 0 18 0" fill="none" stroke="#fbbf24" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}

/** Logo and name, linking Home. */
export function Logo() {
  return (
    <Link to="/" className={classes.link} aria-label="MediaNest, Home">
      <Group gap={8} wrap="nowrap">
        <LogoMark />
        <Text fw={700} size="lg" className={classes.word}>
          MediaNest
        </Text>
      </Group>
    </Link>
  );
}
