import { describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger.js';
import type { EventMeta } from './event-bus.js';
import { InProcessEventBus } from './in-process-bus.js';

declare module './event-bus.js' {
  interface DomainEvents {
    'test.happened': { n: number };
    'test.other': { word: string };
  }
}

describe('InProcessEventBus', () => {
  it('delivers typed payloads with metadata to every subscriber of the name only', async () => {
    const bus = new InProcessEventBus(createLogger('silent'), 'instance-a');
    const seen: { n: number; meta: EventMeta }[] = [];
    const others: string[] = [];
    bus.subscribe('test.happened', (payload, meta) => {
      seen.push({ n: payload.n, meta });
    });
    bus.subscribe('test.other', (payload) => {
      others.push(payload.word);
    });
    await bus.publish('test.happened', { n: 7 }, { requestId: 'req-1' });
    await bus.idle();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.n).toBe(7);
    expect(seen[0]?.meta).toMatchObject({ name: 'test.happened', origin: 'instance-a', requestId: 'req-1' });
    expect(others).toEqual([]);
  });

  it('isolates a failing handler from the publisher and from the other handlers', async () => {
    const bus = new InProcessEventBus(createLogger('silent'));
    const got: number[] = [];
    bus.subscribe('test.happened', () => {
      throw new Error('handler bug');
    });
    bus.subscribe('test.happened', async (payload) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      got.push(payload.n);
    });
    await expect(bus.publish('test.happened', { n: 1 })).resolves.toBeUndefined();
    await bus.idle();
    expect(got).toEqual([1]);
  });

  it('stops delivering after unsubscribe', async () => {
    const bus = new InProcessEventBus(createLogger('silent'));
    const got: number[] = [];
    const off = bus.subscribe('test.happened', (payload) => {
      got.push(payload.n);
    });
    await bus.publish('test.happened', { n: 1 });
    off();
    await bus.publish('test.happened', { n: 2 });
    await bus.close();
    expect(got).toEqual([1]);
  });
});
