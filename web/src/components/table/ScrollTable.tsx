import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways on a phone. The scrolling region is focusable and named, so a
 * keyboard user can scroll it too (WCAG "scrollable region must have keyboard access").
 */
export function ScrollTable({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
