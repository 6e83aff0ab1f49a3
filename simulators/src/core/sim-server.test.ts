import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchError } from '../test-support/helpers.js';
import { SimServer, json } from './sim-server.js';

describe('SimServer: request log, faults, stop/resume', () => {
  let sim: SimServer;

  beforeAll(async () => {
    sim = new SimServer({ name: 'test', errorResponse: (status, message) => json(status, { problem: message }) });
    sim.route('GET /items/{id}', (req) => json(200, { id: req.params.id, items: Array.from({ length: 50 }, (_, i) => ({ i })) }));
    sim.route('POST /items', (req) => json(201, { got: req.body }));
    await sim.listen();
  });
  afterAll(() => sim.close());

  it('listens on 127.0.0.1 only and records method, path, query, headers and parsed body', async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${sim.url}/items?x=1&y=two`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Test': 'yes' }, body: JSON.stringify({ a: 1 }) });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ got: { a: 1 } });
    const recorded = sim.received.at(-1)!;
    expect(recorded).toMatchObject({ method: 'POST', path: '/items', query: { x: '1', y: 'two' }, body: { a: 1 } });
    expect(recorded.headers['x-test']).toBe('yes');
    expect(sim.requestsTo('POST /items')).toHaveLength(1);
  });

  it('answers an unknown route with its 404 error body', async () => {
    const res = await fetch(`${sim.url}/nowhere`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ problem: 'No route for GET /nowhere' });
  });

  it('injects error statuses and 429 with Retry-After on one route only', async () => {
    sim.faults.set('/items/{id}', { kind: 'status', status: 503 });
    const failed = await fetch(`${sim.url}/items/1`);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ problem: 'Injected fault: 503' });
    expect((await fetch(`${sim.url}/items`, { method: 'POST' })).status).toBe(201);

    sim.faults.set('/items/{id}', { kind: 'rateLimit', retryAfterSeconds: 7 });
    const limited = await fetch(`${sim.url}/items/1`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    sim.faults.clear();
    expect((await fetch(`${sim.url}/items/1`)).status).toBe(200);
  });

  it('adds latency that a client with a shorter timeout gives up on', async () => {
    sim.faults.set('GET /items/{id}', { kind: 'latency', ms: 400 });
    expect(await fetchError(`${sim.url}/items/1`, { signal: AbortSignal.timeout(50) })).toBe('TimeoutError');
    const slow = await fetch(`${sim.url}/items/1`);
    expect(slow.status).toBe(200);
    expect(sim.faults.applied.latency).toBeGreaterThanOrEqual(2);
    sim.faults.clear();
  });

  it('hangs until the client gives up, and resets connections', async () => {
    sim.faults.set('/items/{id}', { kind: 'hang' });
    expect(await fetchError(`${sim.url}/items/1`, { signal: AbortSignal.timeout(100) })).toBe('TimeoutError');
    sim.faults.set('/items/{id}', { kind: 'reset' });
    expect(await fetchError(`${sim.url}/items/1`)).toMatch(/ECONNRESET|UND_ERR_SOCKET|other side closed/);
    sim.faults.clear();
  });

  it('sends malformed and truncated bodies', async () => {
    sim.faults.set('/items/{id}', { kind: 'malformed' });
    const malformed = await fetch(`${sim.url}/items/1`);
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();

    sim.faults.set('/items/{id}', { kind: 'truncated' });
    const truncated = await fetch(`${sim.url}/items/1`);
    await expect(truncated.text()).rejects.toThrow();
    sim.faults.clear();
  });

  it('sends well-formed JSON that breaks the schema: a value replaced or removed at a dotted path', async () => {
    sim.faults.set('/items/{id}', { kind: 'schema', path: 'items.0.i', value: 'not a number' });
    const replaced = (await (await fetch(`${sim.url}/items/1`)).json()) as { id: string; items: { i: unknown }[] };
    expect(replaced.items[0]?.i).toBe('not a number');
    expect(replaced.id).toBe('1');
    sim.faults.set('/items/{id}', { kind: 'schema', path: 'id' });
    const removed = (await (await fetch(`${sim.url}/items/2`)).json()) as Record<string, unknown>;
    expect('id' in removed).toBe(false);
    expect(sim.faults.applied.schema).toBe(2);
    sim.faults.clear();
  });

  it('applies a fault to a repeatable fraction of requests, and only `times` times', async () => {
    const count = async () => {
      let failed = 0;
      for (let i = 0; i < 60; i += 1) if ((await fetch(`${sim.url}/items/${i}`)).status === 500) failed += 1;
      return failed;
    };
    sim.faults.set('*', { kind: 'status', status: 500 }, { fraction: 0.3, seed: 42 });
    const first = await count();
    sim.faults.set('*', { kind: 'status', status: 500 }, { fraction: 0.3, seed: 42 });
    const second = await count();
    expect(first).toBe(second);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(60);

    sim.faults.set('*', { kind: 'status', status: 502 }, { times: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await fetch(`${sim.url}/items/1`)).status);
    expect(statuses).toEqual([502, 502, 200, 200]);
    sim.faults.clear();
  });

  it('refuses connections while stopped and answers again on the same port', async () => {
    const port = sim.port;
    await sim.stopListening();
    // A pooled keep-alive socket may fail first with a socket error; a new connection is refused.
    await fetchError(`${sim.url}/items/1`);
    expect(await fetchError(`${sim.url}/items/1`)).toBe('ECONNREFUSED');
    await sim.resumeListening();
    expect(sim.port).toBe(port);
    expect((await fetch(`${sim.url}/items/1`)).status).toBe(200);
  });
});
