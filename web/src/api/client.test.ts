import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineEndpoint, getSystemStatus, Readiness } from '@medianest/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from './api-error.js';
import { createApiClient } from './client.js';

/** What the server received, so tests assert on the request the client actually sent. */
interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let received: Received[] = [];
let handler: Handler = (_req, res) => res.end();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
});

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const readiness: Readiness = {
  status: 'ready',
  version: '1.2.3',
  uptimeSeconds: 5,
  failing: [],
  checks: { database: { ok: true, driver: 'postgres', latencyMs: 1.5, critical: true } },
};

const Thing = z.object({ id: z.string(), name: z.string() });
const updateThing = defineEndpoint({
  method: 'patch',
  path: '/things/:id',
  summary: 'test endpoint',
  tags: ['test'],
  access: { kind: 'user' },
  params: z.object({ id: z.string() }),
  query: z.object({ tag: z.array(z.string()).optional(), limit: z.number().optional(), draft: z.boolean().optional() }),
  body: z.object({ name: z.string() }),
  responses: { 200: Thing },
});
const deleteThing = defineEndpoint({
  method: 'delete',
  path: '/things/:id',
  summary: 'test endpoint',
  tags: ['test'],
  access: { kind: 'user' },
  params: z.object({ id: z.string() }),
  responses: { 204: null },
});

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(outcome)}`);
  return outcome;
}

describe('apiCall', () => {
  it('calls the endpoint path and returns the response parsed by its schema', async () => {
    handler = (_req, res) => json(res, 200, { ...readiness, unknownField: 'dropped' });
    const client = createApiClient({ baseUrl });
    const report = await client.call(getSystemStatus);
    expect(received).toHaveLength(1);
    expect(received[0]?.method).toBe('GET');
    expect(received[0]?.url).toBe('/api/v1/system/status');
    expect(received[0]?.headers.accept).toBe('application/json');
    expect(report).toEqual(Readiness.parse(readiness));
    expect(report).not.toHaveProperty('unknownField');
  });

  it('fills path parameters, encodes the query (arrays repeated, undefined left out) and sends the body as JSON', async () => {
    handler = (req, res) => json(res, 200, { id: 'a b', name: JSON.parse(received.at(-1)?.body ?? '{}').name as string });
    const client = createApiClient({ baseUrl });
    const thing = await client.call(updateThing, {
      params: { id: 'a b' },
      query: { tag: ['x', 'y/z'], limit: 5, draft: undefined },
      body: { name: 'Dune' },
    });
    const request = received[0];
    expect(request?.method).toBe('PATCH');
    const url = new URL(request?.url ?? '', baseUrl);
    expect(url.pathname).toBe('/api/v1/things/a%20b');
    expect(url.searchParams.getAll('tag')).toEqual(['x', 'y/z']);
    expect(url.searchParams.get('limit')).toBe('5');
    expect(url.searchParams.has('draft')).toBe(false);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({ name: 'Dune' });
    expect(thing.name).toBe('Dune');
  });

  it('sends same-origin credentials and the headers the auth hook adds on each attempt', async () => {
    handler = (_req, res) => json(res, 200, readiness);
    const inits: RequestInit[] = [];
    const client = createApiClient({
      baseUrl,
      fetch: (input, init) => {
        if (init) inits.push(init);
        return fetch(input, init);
      },
      requestHeaders: ({ method }) => (method === 'get' ? { 'x-csrf-token': 'token-1' } : undefined),
    });
    await client.call(getSystemStatus);
    expect(inits[0]?.credentials).toBe('same-origin');
    expect(received[0]?.headers['x-csrf-token']).toBe('token-1');
  });

  it('returns undefined for a 204', async () => {
    handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    const client = createApiClient({ baseUrl });
    expect(await client.call(deleteThing, { params: { id: '7' } })).toBeUndefined();
    expect(received[0]?.method).toBe('DELETE');
  });

  it('throws an ApiError carrying the envelope code, message, details and request id', async () => {
    handler = (_req, res) =>
      json(res, 400, {
        error: { code: 'VALIDATION_FAILED', message: 'The name is empty.', details: [{ path: 'body.name', message: 'Required' }], requestId: 'req-42' },
      });
    const client = createApiClient({ baseUrl });
    const error = await failureOf(client.call(updateThing, { params: { id: '1' }, body: { name: '' } }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.status).toBe(400);
    expect(error.message).toBe('The name is empty.');
    expect(error.requestId).toBe('req-42');
    expect(error.details).toEqual([{ path: 'body.name', message: 'Required' }]);
    expect(error.isRetryable).toBe(false);
  });

  it('reads Retry-After on a rate-limited answer', async () => {
    handler = (_req, res) =>
      json(res, 429, { error: { code: 'RATE_LIMITED', message: 'Slow down.', requestId: 'r' } }, { 'retry-after': '30' });
    const error = await failureOf(createApiClient({ baseUrl }).call(getSystemStatus));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.isRetryable).toBe(true);
  });

  it('turns an answer without an envelope into INTERNAL with the X-Request-Id header', async () => {
    handler = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html', 'x-request-id': 'proxy-9' });
      res.end('<h1>Bad gateway</h1>');
    };
    const error = await failureOf(createApiClient({ baseUrl }).call(getSystemStatus));
    expect(error.code).toBe('INTERNAL');
    expect(error.status).toBe(502);
    expect(error.requestId).toBe('proxy-9');
    expect(error.isUnavailable).toBe(true);
  });

  it('rejects a success body that does not match the schema, naming the fields', async () => {
    handler = (_req, res) => json(res, 200, { status: 'sideways' }, { 'x-request-id': 'req-7' });
    const error = await failureOf(createApiClient({ baseUrl }).call(getSystemStatus));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.requestId).toBe('req-7');
    const paths = (error.details as { path: string }[]).map((issue) => issue.path);
    expect(paths).toContain('status');
    expect(paths).toContain('checks');
  });

  it('reports NETWORK_UNREACHABLE when nothing answers', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failureOf(createApiClient({ baseUrl: `http://127.0.0.1:${port}` }).call(getSystemStatus));
    expect(error.code).toBe('NETWORK_UNREACHABLE');
    expect(error.status).toBe(0);
    expect(error.isRetryable).toBe(true);
  });

  it('lets an abort through as an abort, not as an ApiError', async () => {
    let arrived: () => void = () => undefined;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    handler = () => arrived(); // never answers
    const controller = new AbortController();
    const call = createApiClient({ baseUrl }).call(getSystemStatus, undefined, { signal: controller.signal });
    await arrival;
    controller.abort();
    const outcome = await call.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(DOMException);
    expect((outcome as DOMException).name).toBe('AbortError');
  });
});

describe('the 401 → refresh → retry hook', () => {
  it('refreshes once for concurrent 401s and retries each request once', async () => {
    let session = 'expired';
    handler = (req, res) => {
      if (req.url === '/refresh') {
        session = 'fresh';
        return json(res, 200, {});
      }
      if (session === 'expired') {
        return json(res, 401, { error: { code: 'TOKEN_EXPIRED', message: 'Sign in again.', requestId: 'r' } });
      }
      json(res, 200, readiness);
    };
    const seen: string[] = [];
    const client = createApiClient({
      baseUrl,
      refreshSession: async (error) => {
        seen.push(error.code);
        await fetch(`${baseUrl}/refresh`);
        return true;
      },
    });
    const reports = await Promise.all([client.call(getSystemStatus), client.call(getSystemStatus)]);
    expect(reports.map((report) => report.version)).toEqual(['1.2.3', '1.2.3']);
    expect(seen).toEqual(['TOKEN_EXPIRED']);
    expect(received.filter((request) => request.url === '/refresh')).toHaveLength(1);
    expect(received.filter((request) => request.url === '/api/v1/system/status')).toHaveLength(4);
  });

  it('lets the 401 through when the refresh fails, and never refreshes for the refresh call itself', async () => {
    handler = (_req, res) => json(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in.', requestId: 'r' } });
    let refreshes = 0;
    const client = createApiClient({
      baseUrl,
      refreshSession: async () => {
        refreshes += 1;
        return false;
      },
    });
    expect((await failureOf(client.call(getSystemStatus))).code).toBe('UNAUTHENTICATED');
    expect(refreshes).toBe(1);
    expect((await failureOf(client.call(getSystemStatus, undefined, { skipSessionRefresh: true }))).code).toBe('UNAUTHENTICATED');
    expect(refreshes).toBe(1);
    expect(received).toHaveLength(2);
  });

  it('takes hooks installed later with configure()', async () => {
    handler = (_req, res) => json(res, 200, readiness);
    const client = createApiClient({ baseUrl });
    client.configure({ requestHeaders: () => ({ 'x-csrf-token': 'later' }) });
    await client.call(getSystemStatus);
    expect(received[0]?.headers['x-csrf-token']).toBe('later');
  });
});
