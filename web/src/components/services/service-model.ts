import type { ServiceState, ServiceTile, SparkPoint } from '@medianest/contracts';

export interface ServiceLook {
  /** The word beside the colour (colour is never the only signal). */
  word: string;
  color: 'teal' | 'yellow' | 'red' | 'gray';
}

export const serviceLook: Record<ServiceState, ServiceLook> = {
  up: { word: 'Up', color: 'teal' },
  degraded: { word: 'Degraded', color: 'yellow' },
  down: { word: 'Down', color: 'red' },
  unknown: { word: 'Not checked yet', color: 'gray' },
};

export const kumaLook: Record<'up' | 'down' | 'pending' | 'maintenance' | 'unknown', ServiceLook> = {
  up: { word: 'Up', color: 'teal' },
  down: { word: 'Down', color: 'red' },
  pending: { word: 'Pending', color: 'yellow' },
  maintenance: { word: 'Maintenance', color: 'gray' },
  unknown: { word: 'Unknown', color: 'gray' },
};

/** "99.9 %", "100 %", "–" without data. */
export function formatUptime(fraction: number | null): string {
  if (fraction === null) return '–';
  const percent = fraction * 100;
  if (percent === 100) return '100 %';
  return `${percent >= 99 ? percent.toFixed(2) : percent.toFixed(1)} %`;
}

/** Down services first, then degraded, then the rest in the server's order. */
export function problemServices(services: readonly ServiceTile[]): ServiceTile[] {
  return services.filter((service) => service.state === 'down' || service.state === 'degraded');
}

/** The sparkline in words, for screen readers. */
export function sparklineLabel(points: readonly SparkPoint[]): string {
  const latencies = points.map((point) => point.latencyMs).filter((value): value is number => value !== null);
  if (latencies.length === 0) return 'No response times in the last 24 hours';
  const down = points.filter((point) => point.state === 'down').length;
  return `Response time over the last 24 hours: ${Math.min(...latencies)} to ${Math.max(...latencies)} ms${down ? `; down in ${down} of ${points.length} hours` : ''}`;
}
