import type { SparkPoint } from '@medianest/contracts';
import { sparklineLabel } from './service-model.js';

const stateColor = {
  up: 'var(--mantine-color-teal-6)',
  degraded: 'var(--mantine-color-yellow-6)',
  down: 'var(--mantine-color-red-6)',
  unknown: 'var(--mantine-color-gray-5)',
} as const;

/** 24 h of response times: one bar per hour, its height the mean latency, its colour the worst state. */
export function Sparkline({ points, height = 32 }: { points: readonly SparkPoint[]; height?: number }) {
  const max = Math.max(1, ...points.map((point) => point.latencyMs ?? 0));
  const width = Math.max(points.length, 1) * 8;
  return (
    <svg
      role="img"
      aria-label={sparklineLabel(points)}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      width="100%"
      height={height}
      data-sparkline
    >
      {points.map((point, index) => {
        const barHeight =
          point.state === 'down'
            ? height
            : point.latencyMs === null
              ? 2
              : Math.max(2, Math.round((point.latencyMs / max) * (height - 2)));
        return (
          <rect
            key={point.at}
            x={index * 8}
            y={height - barHeight}
            width={6}
            height={barHeight}
            rx={1}
            fill={stateColor[point.state]}
            opacity={point.state === 'unknown' ? 0.35 : point.state === 'down' ? 0.55 : 0.9}
          />
        );
      })}
    </svg>
  );
}
