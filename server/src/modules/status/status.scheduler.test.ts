import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ProbeResult, ServiceDefinition } from './status.probes.js';
import { StatusScheduler, type ScheduledStatus } from './status.scheduler.js';

const up: ProbeResult = { state: 'up', latencyMs: 1, error: null };

function harness(intervals: Record<string, number>) {
  let now = 1_000_000;
  const checked: string[] = [];
  const pending = new Map<string, () => void>();
  let maintained = 0;
  let definitions = Object.entries(intervals).map(
    ([id, intervalSeconds]): ServiceDefinition => ({ id, name: id, kind: 'http', intervalSeconds, probe: () => Promise.resolve(up) }),
  );
  const status: ScheduledStatus = {
    definitions: () => Promise.resolve(definitions),
    check: (service) => {
      checked.push(service.id);
      return new Promise((resolve) => pending.set(service.id, () => resolve(up)));
    },
    maintain: () => {
      maintained += 1;
      return Promise.resolve({});
    },
  };
  const scheduler = new StatusScheduler(status, pino({ level: 'silent' }), { now: () => now, random: () => 0.5, maintenanceMs: 3_600_000 });
  return {
    scheduler,
    checked,
    finish: async (id: string) => {
      pending.get(id)?.();
      pending.delete(id);
      await new Promise((resolve) => setImmediate(resolve));
    },
    advance: (ms: number) => (now += ms),
    maintained: () => maintained,
    setDefinitions: (ids: string[]) => {
      definitions = ids.map((id): ServiceDefinition => ({ id, name: id, kind: 'http', intervalSeconds: 60, probe: () => Promise.resolve(up) }));
    },
  };
}

describe('StatusScheduler', () => {
  it('spreads the first checks, then checks each service at its own jittered interval, never twice at once', async () => {
    const h = harness({ a: 60, b: 300 });
    await h.scheduler.tick();
    // random 0.5: the first check waits half of min(10 s, interval).
    expect(h.checked).toEqual([]);
    h.advance(5_000);
    await h.scheduler.tick();
    expect(h.checked).toEqual(['a', 'b']);
    // Still running: not started again even when due.
    h.advance(120_000);
    await h.scheduler.tick();
    expect(h.checked).toEqual(['a', 'b']);
    await h.finish('a');
    await h.finish('b');
    await h.scheduler.tick();
    expect(h.checked).toEqual(['a', 'b', 'a']);
    await h.finish('a');
    // a: every 60 s × 1.0 (random 0.5 → jitter 1.0); b: every 300 s.
    h.advance(59_000);
    await h.scheduler.tick();
    expect(h.checked).toEqual(['a', 'b', 'a']);
    h.advance(1_000);
    await h.scheduler.tick();
    expect(h.checked).toEqual(['a', 'b', 'a', 'a']);
  });

  it('reads the list again when told the settings changed, and runs the hourly rollup', async () => {
    const started = harness({ a: 60 });
    started.scheduler.start();
    await started.scheduler.stop();
    const fresh = harness({ a: 60 });
    await fresh.scheduler.tick();
    fresh.setDefinitions(['a', 'c']);
    fresh.scheduler.invalidate();
    fresh.advance(5_000);
    await fresh.scheduler.tick();
    // The new service gets its own spread-out first check.
    expect(fresh.checked).toEqual(['a']);
    fresh.advance(5_000);
    await fresh.scheduler.tick();
    expect(fresh.checked).toEqual(['a', 'c']);
    expect(fresh.maintained()).toBe(0);
    fresh.advance(3_600_000);
    await fresh.scheduler.tick();
    expect(fresh.maintained()).toBe(1);
  });
});
