import { Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';

export interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  /** Controls on the right (refresh, filters); they wrap under the title on phones. */
  actions?: ReactNode;
}

/**
 * Every page starts with one: the page's only `<h1>` (focused after a navigation, so screen readers
 * announce the new page) and the document title.
 */
export function PageHeader({ title, description, actions }: PageHeaderProps) {
  useDocumentTitle(`${title} · MediaNest`);
  const heading = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  useEffect(() => {
    // After an in-app navigation (not the first load, whose key is "default"), move focus to the new
    // page's title so keyboard and screen-reader users start there, as after a full page load.
    if (key !== 'default') heading.current?.focus({ preventScroll: true });
  }, [key]);
  return (
    <Group justify="space-between" align="flex-end" gap="sm" mb="lg" wrap="wrap">
      <Stack gap={4}>
        <Title order={1} ref={heading} tabIndex={-1} data-page-title style={{ outline: 'none' }}>
          {title}
        </Title>
        {description ? (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        ) : null}
      </Stack>
      {actions ? (
        <Group gap="sm" wrap="nowrap">
          {actions}
        </Group>
      ) : null}
    </Group>
  );
}
