import { CatchUpBuffer, REALTIME_EVENTS, REALTIME_PATH, type CaughtUp, type RealtimeEnvelope } from '@medianest/contracts';
import { io, type Socket } from 'socket.io-client';
import type { TestApp } from './test-app.js';

export interface LiveClient {
  socket: Socket;
  /** Events delivered so far (after catch-up ordering), oldest first. */
  received: { event: string; envelope: RealtimeEnvelope }[];
  /** Every `realtime:caught-up` so far. */
  caughtUps: CaughtUp[];
  /** The name of every event received, in order (including `realtime:*`). */
  names: string[];
  /** Resolves once `count` events were delivered (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves at the next `realtime:caught-up`. */
  nextCaughtUp(timeoutMs?: number): Promise<CaughtUp>;
  /** Resolves when the server closes the connection. */
  disconnected(timeoutMs?: number): Promise<string>;
  /** Emits with an acknowledgement. */
  request(event: string, data: unknown): Promise<unknown>;
  close(): void;
}

const within = <T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs).unref()),
  ]);

/**
 * A Socket.IO client of a test app's namespace, ordering persisted events like the web client does
 * (CatchUpBuffer). Connects with `token` (auth.token) or `cookie` (the Cookie header of a page).
 */
export async function connectLive(
  app: TestApp | string,
  namespace: string,
  options: { token?: string; cookie?: string; origin?: string; lastId?: number; transports?: string[] } = {},
): Promise<LiveClient> {
  const url = typeof app === 'string' ? app : app.url;
  const received: LiveClient['received'] = [];
  const caughtUps: CaughtUp[] = [];
  const names: string[] = [];
  const buffer = new CatchUpBuffer((event, envelope) => received.push({ event, envelope }), options.lastId);
  const socket = io(`${url}${namespace}`, {
    path: REALTIME_PATH,
    transports: options.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { ...(options.token ? { token: options.token } : {}), ...(options.lastId !== undefined ? { lastId: options.lastId } : {}) },
    extraHeaders: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.origin ? { origin: options.origin } : {}),
    },
  });
  const caughtUpWaiters: ((info: CaughtUp) => void)[] = [];
  socket.onAny((event: string, payload: unknown) => {
    names.push(event);
    if (event === REALTIME_EVENTS.caughtUp) {
      const info = payload as CaughtUp;
      buffer.caughtUp(info);
      caughtUps.push(info);
      caughtUpWaiters.splice(0).forEach((resolve) => resolve(info));
      return;
    }
    if (typeof payload === 'object' && payload !== null && 'id' in payload && 'data' in payload) {
      buffer.receive(event, payload as RealtimeEnvelope);
    }
  });
  const first = new Promise<CaughtUp>((resolve) => caughtUpWaiters.push(resolve));
  await within(
    new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
        reject(Object.assign(new Error(error.message), { code: error.data?.code }));
      });
    }),
    5_000,
    'the connection',
  );
  await within(first, 5_000, 'realtime:caught-up');
  return {
    socket,
    received,
    caughtUps,
    names,
    async waitFor(count, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} events, got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    nextCaughtUp(timeoutMs = 5_000) {
      return within(new Promise<CaughtUp>((resolve) => caughtUpWaiters.push(resolve)), timeoutMs, 'realtime:caught-up');
    },
    disconnected(timeoutMs = 5_000) {
      if (!socket.connected) return Promise.resolve('already disconnected');
      return within(new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason))), timeoutMs, 'disconnect');
    },
    request(event, data) {
      return within(socket.emitWithAck(event, data) as Promise<unknown>, 5_000, `the answer to ${event}`);
    },
    close() {
      socket.disconnect();
    },
  };
}

/** Connecting is refused: resolves with the error code the server sent. */
export async function refusedCode(
  app: TestApp,
  namespace: string,
  options: Parameters<typeof connectLive>[2] = {},
): Promise<string | undefined> {
  try {
    const client = await connectLive(app, namespace, options);
    client.close();
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).message;
  }
  throw new Error('the connection was accepted');
}

/** A clock tests can move forward. */
export class TestClock {
  private offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
