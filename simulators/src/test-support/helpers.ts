import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { Simulator } from '../core/simulator.js';

/**
 * Fails with the broken exchanges listed when a simulator answered outside its contract (and, with
 * `which: 'both'`, when it was asked outside it: tests that send bad requests on purpose check responses only).
 */
export function expectContractKept(sim: Simulator, minimumChecked = 1, which: 'response' | 'both' = 'response'): void {
  const broken = sim.contractViolations(which).map((c) => ({
    exchange: `${c.method} ${c.path} → ${c.status}`,
    request: c.request.errors,
    response: c.response.errors,
  }));
  expect(broken).toEqual([]);
  expect(sim.contractChecks.length).toBeGreaterThanOrEqual(minimumChecked);
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A tiny HTTP receiver (webhooks): records every request and answers with `status`. */
export async function startReceiver(status = 204): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The error a failed fetch carries (connection refused, reset, …). */
export async function fetchError(url: string, init?: RequestInit): Promise<string> {
  try {
    const res = await fetch(url, init);
    await res.arrayBuffer();
    return `answered ${res.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (error as Error).name;
  }
}
