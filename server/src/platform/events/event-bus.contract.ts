import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBus, EventMeta } from './event-bus.js';

declare module './event-bus.js' {
  interface DomainEvents {
    'contract.happened': { n: number };
    'contract.other': { word: string };
  }
}

export interface OpenedBuses {
  /** The bus of "this" instance. */
  bus: EventBus;
  /** A second instance sharing the fan-out, for buses that have one (Redis). */
  peer?: EventBus;
  close(): Promise<void>;
}

const eventually = async (check: () => void, timeoutMs = 2_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
};

/** The behaviour every EventBus implementation must share; run once per implementation. */
export function describeEventBusContract(
  name: string,
  open: () => Promise<OpenedBuses>,
  /** Whether `open` gives a second instance (`peer`): only buses that cross processes can be asked about one. */
  { multiInstance }: { multiInstance: boolean },
) {
  describe(`EventBus contract: ${name}`, () => {
    let opened: OpenedBuses;
    beforeAll(async () => {
      opened = await open();
    });
    afterAll(() => opened.close());

    it('delivers typed payloads with metadata to local and everywhere subscribers of that name only', async () => {
      const { bus } = opened;
      const local: { n: number; meta: EventMeta }[] = [];
      const everywhere: number[] = [];
      const others: string[] = [];
      const offs = [
        bus.subscribe('contract.happened', (payload, meta) => {
          local.push({ n: payload.n, meta });
        }),
        bus.subscribe('contract.happened', (payload) => void everywhere.push(payload.n), { everywhere: true }),
        bus.subscribe('contract.other', (payload) => void others.push(payload.word)),
      ];
      await bus.publish('contract.happened', { n: 7 }, { requestId: 'req-1' });
      await bus.idle();
      expect(local.map((e) => e.n)).toEqual([7]);
      expect(local[0]?.meta).toMatchObject({ name: 'contract.happened', requestId: 'req-1' });
      expect(typeof local[0]?.meta.origin).toBe('string');
      expect(everywhere).toEqual([7]);
      expect(others).toEqual([]);
      offs.forEach((off) => off());
    });

    it('isolates a failing handler from the publisher and from the other handlers', async () => {
      const { bus } = opened;
      const got: number[] = [];
      const offs = [
        bus.subscribe('contract.happened', () => {
          throw new Error('handler bug');
        }),
        bus.subscribe('contract.happened', async (payload) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          got.push(payload.n);
        }),
      ];
      await expect(bus.publish('contract.happened', { n: 1 })).resolves.toBeUndefined();
      await bus.idle();
      expect(got).toEqual([1]);
      offs.forEach((off) => off());
    });

    it('stops delivering after unsubscribe', async () => {
      const { bus } = opened;
      const got: number[] = [];
      const off = bus.subscribe('contract.happened', (payload) => void got.push(payload.n));
      await bus.publish('contract.happened', { n: 1 });
      await bus.idle();
      off();
      await bus.publish('contract.happened', { n: 2 });
      await bus.idle();
      expect(got).toEqual([1]);
    });

    (multiInstance ? it : () => undefined)('delivers another instance’s events to everywhere subscribers only, in publication order', async () => {
      const { bus } = opened;
      const peer = opened.peer!;
      const local: number[] = [];
      const everywhere: { n: number; origin: string }[] = [];
      const offs = [
        bus.subscribe('contract.happened', (payload) => void local.push(payload.n)),
        bus.subscribe('contract.happened', (payload, meta) => void everywhere.push({ n: payload.n, origin: meta.origin }), {
          everywhere: true,
        }),
      ];
      for (let n = 1; n <= 5; n += 1) await peer.publish('contract.happened', { n });
      await peer.idle();
      await eventually(() => expect(everywhere.map((e) => e.n)).toEqual([1, 2, 3, 4, 5]));
      await bus.idle();
      expect(local).toEqual([]);
      // Delivered once: the publishing instance does not receive its own event back from the fan-out.
      const own: number[] = [];
      offs.push(peer.subscribe('contract.happened', (payload) => void own.push(payload.n), { everywhere: true }));
      await peer.publish('contract.happened', { n: 6 });
      await eventually(() => expect(everywhere.map((e) => e.n)).toContain(6));
      await peer.idle();
      expect(own).toEqual([6]);
      expect(new Set(everywhere.map((e) => e.origin)).size).toBe(1);
      offs.forEach((off) => off());
    });
  });
}
