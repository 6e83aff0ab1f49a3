import { Badge, type BadgeProps } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconPlugConnectedX } from '@tabler/icons-react';
import { checkLook, overallLook, type CheckState, type OverallState, type StateLook } from './status-model.js';

const icons = {
  ok: IconCircleCheck,
  ready: IconCircleCheck,
  warning: IconAlertTriangle,
  degraded: IconAlertTriangle,
  failed: IconCircleX,
  not_ready: IconCircleX,
  unreachable: IconPlugConnectedX,
} as const;

function StateBadgeBase({ look, state, ...props }: { look: StateLook; state: keyof typeof icons } & BadgeProps) {
  const Icon = icons[state];
  return (
    <Badge
      variant="light"
      color={look.color}
      leftSection={<Icon size={14} aria-hidden="true" />}
      data-status={state}
      {...props}
    >
      {look.word}
    </Badge>
  );
}

/** The server's overall state: colour, icon and word. */
export function OverallBadge({ state, ...props }: { state: OverallState } & BadgeProps) {
  return <StateBadgeBase look={overallLook[state]} state={state} {...props} />;
}

/** One check's state: colour, icon and word. */
export function CheckBadge({ state, ...props }: { state: CheckState } & BadgeProps) {
  return <StateBadgeBase look={checkLook[state]} state={state} {...props} />;
}
