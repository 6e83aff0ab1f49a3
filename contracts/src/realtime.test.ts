import { describe, expect, it } from 'vitest';
import { CatchUpBuffer, type RealtimeEnvelope } from './realtime.js';

const envelope = (id: number | null, n = id ?? 0): RealtimeEnvelope => ({ id, at: '2026-01-01T00:00:00.000Z', data: { n } });

describe('CatchUpBuffer', () => {
  it('holds events until caught up, then releases them sorted by id, each once', () => {
    const delivered: (number | null)[] = [];
    const buffer = new CatchUpBuffer((_, e) => delivered.push(e.id), 10);
    buffer.receive('x', envelope(13)); // live, racing the catch-up
    buffer.receive('x', envelope(11));
    buffer.receive('x', envelope(12));
    buffer.receive('x', envelope(13)); // the catch-up's copy
    buffer.receive('x', envelope(9)); // already seen before the reconnection
    buffer.receive('x', envelope(null)); // transient: straight through
    expect(delivered).toEqual([null]);
    buffer.caughtUp({ lastId: 13, truncated: false });
    expect(delivered).toEqual([null, 11, 12, 13]);
    buffer.receive('x', envelope(13));
    buffer.receive('x', envelope(14));
    expect(delivered).toEqual([null, 11, 12, 13, 14]);
    expect(buffer.lastId).toBe(14);
  });

  it('starts from the server’s newest id on a first connection', () => {
    const delivered: (number | null)[] = [];
    const buffer = new CatchUpBuffer((_, e) => delivered.push(e.id));
    buffer.caughtUp({ lastId: 40, truncated: false });
    expect(buffer.lastId).toBe(40);
    buffer.reconnecting();
    buffer.receive('x', envelope(41));
    buffer.caughtUp({ lastId: 41, truncated: false });
    expect(delivered).toEqual([41]);
  });
});
