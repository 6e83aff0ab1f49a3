import { Card, Group, Skeleton, Stack, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Wraps skeletons: marks the region busy and tells screen readers what is loading, since the
 * skeleton shapes themselves say nothing. Pages pass skeletons shaped like their content.
 */
export function LoadingRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div aria-busy="true" data-state="loading">
      <VisuallyHidden role="status">{label}</VisuallyHidden>
      <div aria-hidden="true">{children}</div>
    </div>
  );
}

/** Lines of text: the last one shorter, as a paragraph ends. */
export function TextSkeleton({ lines = 3 }: { lines?: number }) {
  return (
    <Stack gap="xs">
      {Array.from({ length: lines }, (_, index) => (
        <Skeleton key={index} height={12} width={index === lines - 1 && lines > 1 ? '60%' : '100%'} radius="sm" />
      ))}
    </Stack>
  );
}

/** A page title and its one-line subtitle. */
export function HeaderSkeleton() {
  return (
    <Stack gap="xs" mb="lg">
      <Skeleton height={28} width={220} radius="sm" />
      <Skeleton height={14} width={320} maw="80%" radius="sm" />
    </Stack>
  );
}

/** A card with a heading, a badge and a few lines: list items, status tiles. */
export function CardSkeleton({ lines = 3 }: { lines?: number }) {
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="md">
        <Skeleton height={18} width="40%" radius="sm" />
        <Skeleton height={22} width={64} radius="xl" />
      </Group>
      <TextSkeleton lines={lines} />
    </Card>
  );
}

/** The loading shape of a whole page while its code chunk arrives. */
export function PageSkeleton() {
  return (
    <LoadingRegion label="Loading the page">
      <HeaderSkeleton />
      <Stack gap="md">
        <CardSkeleton />
        <CardSkeleton lines={2} />
      </Stack>
    </LoadingRegion>
  );
}
