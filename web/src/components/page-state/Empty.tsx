import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';

export interface EmptyProps {
  icon: ReactNode;
  title: string;
  /** One sentence: why it is empty and what fills it. */
  children: ReactNode;
  /** The action that fills it (a button or a link); every empty state has one. */
  action: ReactNode;
}

/** An empty list or result: a sentence and the action that fills it. */
export function Empty({ icon, title, children, action }: EmptyProps) {
  return (
    <EmptyState
      data-state="empty"
      py="xl"
      icon={icon}
      withIndicatorBackground
      title={title}
      description={children}
    >
      <EmptyState.Actions>{action}</EmptyState.Actions>
    </EmptyState>
  );
}
