import { z } from 'zod';

/**
 * The live channel (Socket.IO). One connection per browser tab, multiplexed over namespaces by feature.
 * The handshake carries `auth: { token?, lastId? }`; without a token the access cookie is used.
 */
export const REALTIME_PATH = '/socket.io';
export const realtimeNamespaces = ['/notifications', '/media', '/admin'] as const;
export type RealtimeNamespace = (typeof realtimeNamespaces)[number];

/** Events the server sends on every namespace. */
export const REALTIME_EVENTS = {
  /** After connecting: the missed events were sent (in order); `lastId` is the newest id the server knows. */
  caughtUp: 'realtime:caught-up',
  /** The access token is about to expire: refresh it, then reconnect (catch-up loses nothing). */
  tokenExpired: 'realtime:token-expired',
  /** The session was revoked or the user's access changed: the server closes the connection. */
  revoked: 'realtime:revoked',
} as const;

export const RealtimeHandshake = z.object({
  token: z.string().min(1).optional(),
  /** The id of the last persisted event this client received on this namespace. */
  lastId: z.coerce.number().int().min(0).optional(),
});
export type RealtimeHandshake = z.infer<typeof RealtimeHandshake>;

/**
 * Every pushed event is wrapped: `id` is the monotonic id of a persisted event (catch-up resends it
 * after a reconnection) or null for a transient one (progress ticks).
 */
export interface RealtimeEnvelope<T = unknown> {
  id: number | null;
  at: string;
  data: T;
}

export interface CaughtUp {
  lastId: number;
  /** More was missed than one catch-up sends: reload the state instead. */
  truncated: boolean;
}

/** The answer to an event a client emits (Socket.IO acknowledgement). */
export type RealtimeAck<T = unknown> =
  | { ok: true; result: T }
  | { ok: false; error: { code: string; message: string } };

/**
 * Client-side ordering of persisted events around a (re)connection: events that arrive before
 * `realtime:caught-up` (missed ones and live ones racing them) are held, then released sorted by id,
 * each once; afterwards events pass straight through, duplicates dropped.
 */
export class CatchUpBuffer<T = unknown> {
  private held: { event: string; envelope: RealtimeEnvelope<T> }[] = [];
  private readonly seen = new Set<number>();
  private catchingUp = true;

  constructor(
    private readonly deliver: (event: string, envelope: RealtimeEnvelope<T>) => void,
    /** The newest id already delivered (from an earlier connection). */
    public lastId: number | undefined = undefined,
  ) {}

  /** A new connection starts: hold persisted events until it has caught up. */
  reconnecting(): void {
    this.catchingUp = true;
  }

  receive(event: string, envelope: RealtimeEnvelope<T>): void {
    if (envelope.id === null) {
      this.deliver(event, envelope);
      return;
    }
    if (this.seen.has(envelope.id) || (this.lastId !== undefined && this.catchingUp && envelope.id <= this.lastId)) return;
    if (this.catchingUp) {
      this.held.push({ event, envelope });
      return;
    }
    this.accept(event, envelope);
  }

  caughtUp(info: CaughtUp): void {
    const held = this.held.sort((a, b) => (a.envelope.id ?? 0) - (b.envelope.id ?? 0));
    this.held = [];
    this.catchingUp = false;
    for (const item of held) if (!this.seen.has(item.envelope.id!)) this.accept(item.event, item.envelope);
    if (this.lastId === undefined || info.lastId > this.lastId) this.lastId = info.lastId;
  }

  private accept(event: string, envelope: RealtimeEnvelope<T>): void {
    const id = envelope.id!;
    this.seen.add(id);
    if (this.seen.size > 2_000) {
      // Keep the memory bounded: ids far behind the newest cannot come back.
      for (const old of this.seen) {
        this.seen.delete(old);
        if (this.seen.size <= 1_000) break;
      }
    }
    if (this.lastId === undefined || id > this.lastId) this.lastId = id;
    this.deliver(event, envelope);
  }
}
