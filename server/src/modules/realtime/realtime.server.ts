import type { Server as HttpServer } from 'node:http';
import type { TLSSocket } from 'node:tls';
import {
  REALTIME_EVENTS,
  REALTIME_PATH,
  RealtimeHandshake,
  realtimeNamespaces,
  type CaughtUp,
  type RealtimeEnvelope,
  type RealtimeNamespace,
} from '@medianest/contracts';
import { createAdapter } from '@socket.io/redis-adapter';
import { Gauge } from 'prom-client';
import { Server, type Namespace, type Socket } from 'socket.io';
import type { Redis } from '../../platform/cache/redis.js';
import type { Clock } from '../../platform/clock.js';
import type { DomainEvents, EventBus, EventName } from '../../platform/events/event-bus.js';
import { AppError } from '../../platform/http/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { Logger } from '../../platform/observability/logger.js';
import type { Metrics } from '../../platform/observability/metrics.js';
import type { ConnectionCredentials } from '../auth/index.js';
import { ClientEvents, type ClientEventHandler } from './realtime.client-events.js';
import type { RealtimeRepository } from './realtime.repository.js';

export interface ConnectionAuthenticator {
  authenticateConnection(input: ConnectionCredentials): Promise<{ principal: Principal; expiresAt: Date } | null>;
}

export interface RealtimeDeps {
  events: EventBus;
  repository: RealtimeRepository;
  connections: ConnectionAuthenticator;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** With Redis, Socket.IO broadcasts reach the sockets of every instance (Redis adapter). */
  redis: Redis | undefined;
  corsOrigins: () => string[];
  /** Client emits allowed per socket and window (default 30 per 10 s). */
  clientRateLimit?: { points: number; windowMs: number };
  /** Most events one catch-up sends (default 500); beyond, the client is told to reload. */
  catchUpLimit?: number;
}

/** Where and what to push. `rooms` are `user:<id>`, `role:<role>` (or `session:<id>`, never persisted). */
export interface PushTarget {
  namespace: RealtimeNamespace;
  event: string;
  rooms: string[];
  data: unknown;
  /** Persist for catch-up (an id is assigned); false for transient events such as progress ticks. */
  persist: boolean;
}

export interface ForwardRoute<K extends EventName> {
  namespace: RealtimeNamespace;
  event: string;
  rooms: (payload: DomainEvents[K]) => string[];
  data?: (payload: DomainEvents[K]) => unknown;
  persist: boolean;
}

interface SocketData {
  principal: Principal;
  expiresAt: Date;
  lastId: number | undefined;
}

type AnyEvents = Record<string, (...args: unknown[]) => void>;
type LiveSocket = Socket<AnyEvents, AnyEvents, AnyEvents, SocketData>;

export const userRoom = (userId: string) => `user:${userId}`;
export const roleRoom = (role: string) => `role:${role}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** A timer longer than this overflows setTimeout. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function connectError(error: unknown): Error {
  const appError =
    error instanceof AppError ? error : new AppError('UNAUTHENTICATED', 'Sign in to receive live updates.');
  const refused = new Error(appError.message) as Error & { data?: unknown };
  refused.data = { code: appError.code };
  return refused;
}

/**
 * Socket.IO on MediaNest's HTTP server: authenticated at the handshake, one room per user, session and
 * role, namespaces by feature. Other contexts push through `forward` (a domain event → a socket event)
 * or `push`; with `persist` an event gets a monotonic id and a reconnecting client receives what it
 * missed. The instance that publishes an event pushes it once; the Redis adapter carries it to the
 * sockets of the other instances.
 */
export class RealtimeServer {
  readonly io: Server;
  private readonly clientEvents: ClientEvents;
  private readonly stops: (() => void)[] = [];
  private readonly pubSub: Redis[] = [];
  private attached = false;

  constructor(private readonly deps: RealtimeDeps) {
    this.io = new Server({
      path: REALTIME_PATH,
      serveClient: false,
      cors: { origin: (origin, callback) => callback(null, origin === undefined || deps.corsOrigins().includes(origin)), credentials: true },
    });
    if (deps.redis) {
      const pub = deps.redis.duplicate({ keyPrefix: '' });
      const sub = deps.redis.duplicate({ keyPrefix: '' });
      for (const client of [pub, sub]) client.on('error', () => undefined);
      this.pubSub.push(pub, sub);
      this.io.adapter(createAdapter(pub, sub, { key: `${deps.redis.options.keyPrefix ?? ''}socket.io` }));
    }
    this.clientEvents = new ClientEvents(deps.clock, deps.clientRateLimit ?? { points: 30, windowMs: 10_000 }, deps.logger);
    for (const name of realtimeNamespaces) this.setUp(this.io.of(name));
    this.watchRevocations();
    const io = this.io;
    new Gauge({
      name: 'medianest_realtime_sockets',
      help: 'Sockets connected to this instance, by namespace',
      labelNames: ['namespace'] as const,
      registers: [deps.metrics.registry],
      collect() {
        for (const name of realtimeNamespaces) this.set({ namespace: name }, io.of(name).sockets.size);
      },
    });
  }

  /** Serves Socket.IO on the HTTP server (roles all and api); a worker only pushes, through Redis. */
  attach(server: HttpServer): void {
    this.io.attach(server);
    this.attached = true;
  }

  /** Pushes a domain event to sockets each time this instance publishes it. Returns the stop function. */
  forward<K extends EventName>(name: K, route: ForwardRoute<K>): () => void {
    const stop = this.deps.events.subscribe(name, async (payload) => {
      await this.push({
        namespace: route.namespace,
        event: route.event,
        rooms: route.rooms(payload),
        data: route.data ? route.data(payload) : payload,
        persist: route.persist,
      });
    });
    this.stops.push(stop);
    return stop;
  }

  /** Sends an event to rooms on every instance; returns its id when persisted. */
  async push(target: PushTarget): Promise<number | null> {
    if (target.rooms.length === 0) return null;
    const at = this.deps.clock.now();
    const id = target.persist
      ? await this.deps.repository.append(
          { namespace: target.namespace, event: target.event, rooms: target.rooms, data: target.data },
          at,
        )
      : null;
    const envelope: RealtimeEnvelope = { id, at: at.toISOString(), data: target.data };
    this.io.of(target.namespace).to(target.rooms).emit(target.event, envelope);
    return id;
  }

  /** Accepts an event emitted by clients: validated, rate limited, answered through the acknowledgement. */
  onClientEvent<T>(namespace: RealtimeNamespace, event: string, handler: ClientEventHandler<T>): void {
    this.clientEvents.register(namespace, event, handler);
  }

  /** Hourly, drops persisted events older than `retentionMs` (default 7 days); returns the stop function. */
  startPruning(retentionMs = 7 * 24 * 60 * 60 * 1000): () => Promise<void> {
    let running: Promise<unknown> = Promise.resolve();
    const run = () => {
      running = this.deps.repository
        .pruneBefore(new Date(this.deps.clock.now().getTime() - retentionMs))
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'realtime: pruning old events failed'));
    };
    run();
    const timer = setInterval(run, 60 * 60 * 1000);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await running;
    };
  }

  /** Sockets connected to this instance. */
  localSockets(namespace: RealtimeNamespace): number {
    return this.io.of(namespace).sockets.size;
  }

  async close(): Promise<void> {
    this.stops.forEach((stop) => stop());
    await Promise.allSettled(
      realtimeNamespaces.map(async (name) => {
        const namespace = this.io.of(name);
        namespace.local.disconnectSockets(true);
        await namespace.adapter.close();
      }),
    );
    if (this.attached) this.io.engine.close();
    await Promise.allSettled(this.pubSub.map((client) => client.quit()));
  }

  private setUp(namespace: Namespace): void {
    namespace.use((socket, next) => {
      this.authenticate(socket as LiveSocket, namespace.name).then(
        () => next(),
        (error: unknown) => next(connectError(error)),
      );
    });
    namespace.on('connection', (socket: LiveSocket) => {
      void this.connected(socket, namespace.name as RealtimeNamespace).catch((error: unknown) => {
        this.deps.logger.warn({ err: error, namespace: namespace.name }, 'realtime: catch-up failed');
        socket.disconnect(true);
      });
    });
  }

  private async authenticate(socket: LiveSocket, namespace: string): Promise<void> {
    const handshake = RealtimeHandshake.safeParse(socket.handshake.auth ?? {});
    if (!handshake.success) {
      throw new AppError('VALIDATION_FAILED', 'The connection request is malformed: send auth { token?, lastId? }.');
    }
    const request = socket.request;
    const authenticated = await this.deps.connections.authenticateConnection({
      ...(handshake.data.token ? { token: handshake.data.token } : {}),
      ...(request.headers.cookie ? { cookieHeader: request.headers.cookie } : {}),
      ...(request.headers.origin ? { origin: request.headers.origin } : {}),
      ...(request.headers.host ? { host: request.headers.host } : {}),
      secure: Boolean((request.socket as TLSSocket).encrypted),
    });
    if (!authenticated) throw new AppError('UNAUTHENTICATED', 'Sign in to receive live updates.');
    if (authenticated.expiresAt <= this.deps.clock.now()) {
      throw new AppError('TOKEN_EXPIRED', 'Your sign-in has expired. Refresh the session, then reconnect.');
    }
    if (namespace === '/admin' && authenticated.principal.role !== 'admin') {
      throw new AppError('FORBIDDEN', 'Only an administrator can receive these live updates.');
    }
    socket.data = { ...authenticated, lastId: handshake.data.lastId };
  }

  private async connected(socket: LiveSocket, namespace: RealtimeNamespace): Promise<void> {
    const { principal, expiresAt, lastId } = socket.data;
    const rooms = [userRoom(principal.userId), roleRoom(principal.role)];
    // Rooms first, then the catch-up query: an event is either in the query or pushed live (the client
    // orders and de-duplicates the two, see CatchUpBuffer).
    await socket.join([...rooms, sessionRoom(principal.sessionId ?? 'none')]);
    this.clientEvents.attach(socket, namespace);
    const expiresIn = Math.min(MAX_TIMER_MS, Math.max(0, expiresAt.getTime() - this.deps.clock.now().getTime()));
    const timer = setTimeout(() => {
      socket.emit(REALTIME_EVENTS.tokenExpired , { at: this.deps.clock.now().toISOString() });
      socket.disconnect(true);
    }, expiresIn);
    timer.unref();
    socket.on('disconnect', () => clearTimeout(timer));

    let caughtUp: CaughtUp;
    if (lastId === undefined) {
      caughtUp = { lastId: await this.deps.repository.newestId(), truncated: false };
    } else {
      const limit = this.deps.catchUpLimit ?? 500;
      const missed = await this.deps.repository.since(namespace, rooms, lastId, limit + 1);
      const sent = missed.slice(0, limit);
      for (const row of sent) {
        const envelope: RealtimeEnvelope = { id: row.id, at: row.createdAt.toISOString(), data: row.data };
        socket.emit(row.event , envelope);
      }
      caughtUp = { lastId: sent.at(-1)?.id ?? lastId, truncated: missed.length > limit };
    }
    if (socket.connected) socket.emit(REALTIME_EVENTS.caughtUp , caughtUp);
  }

  /** A revoked session, a disabled user, a changed role: their sockets close at once, on every instance. */
  private watchRevocations(): void {
    const close = (room: string, reason: string) => {
      for (const name of realtimeNamespaces) {
        const here = this.io.of(name).local.in(room);
        here.emit(REALTIME_EVENTS.revoked, { reason });
        here.disconnectSockets(true);
      }
    };
    const everywhere = { everywhere: true };
    this.stops.push(
      this.deps.events.subscribe('session.revoked', (e) => close(sessionRoom(e.sessionId), 'session-revoked'), everywhere),
      this.deps.events.subscribe('user.disabled', (e) => close(userRoom(e.userId), 'user-disabled'), everywhere),
      this.deps.events.subscribe('user.roleChanged', (e) => close(userRoom(e.userId), 'access-changed'), everywhere),
      this.deps.events.subscribe('user.permissionsChanged', (e) => close(userRoom(e.userId), 'access-changed'), everywhere),
    );
  }
}
