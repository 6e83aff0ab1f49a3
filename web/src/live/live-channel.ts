import {
  CatchUpBuffer,
  REALTIME_EVENTS,
  REALTIME_PATH,
  type CaughtUp,
  type RealtimeEnvelope,
  type RealtimeNamespace,
} from '@medianest/contracts';
import { Manager, type Socket } from 'socket.io-client';

export type LiveListener = (data: unknown, envelope: RealtimeEnvelope) => void;
export type LiveStatus = 'connecting' | 'live' | 'offline';

export interface LiveChannelOptions {
  /** Makes sure the access cookie is current (an API call that refreshes on 401); false: signed out. */
  ensureSession: () => Promise<boolean>;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  url?: string;
}

const LAST_ID = (namespace: string) => `medianest-live-last-id:${namespace}`;

interface Channel {
  socket: Socket;
  buffer: CatchUpBuffer;
  listeners: Map<string, Set<LiveListener>>;
  caughtUpListeners: Set<(info: CaughtUp) => void>;
}

/**
 * The browser's one live connection (Socket.IO, multiplexed over the feature namespaces), authenticated
 * by the access cookie. It reconnects on its own; after a reconnection it sends the id of the last event
 * it received (kept per tab, in sessionStorage) and the server resends what was missed, which the
 * CatchUpBuffer delivers in order and once. When the access token expires the server closes the
 * socket: the channel refreshes the session, then reconnects without losing anything.
 */
export class LiveChannel {
  private readonly manager: Manager;
  private readonly channels = new Map<RealtimeNamespace, Channel>();
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  private closed = true;
  status: LiveStatus = 'connecting';

  constructor(private readonly options: LiveChannelOptions) {
    this.manager = new Manager(options.url ?? '', {
      path: REALTIME_PATH,
      withCredentials: true,
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 15_000,
      randomizationFactor: 0.3,
      autoConnect: false,
    });
  }

  /** Listens to an event of a namespace (connecting it on first use); returns the unsubscribe function. */
  on(namespace: RealtimeNamespace, event: string, listener: LiveListener): () => void {
    const channel = this.channel(namespace);
    const set = channel.listeners.get(event) ?? new Set<LiveListener>();
    set.add(listener);
    channel.listeners.set(event, set);
    return () => set.delete(listener);
  }

  /** Called after every (re)connection once missed events were delivered: a good time to refetch counts. */
  onCaughtUp(namespace: RealtimeNamespace, listener: (info: CaughtUp) => void): () => void {
    const channel = this.channel(namespace);
    channel.caughtUpListeners.add(listener);
    return () => channel.caughtUpListeners.delete(listener);
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Emits with an acknowledgement (validated and rate-limited by the server). */
  request(namespace: RealtimeNamespace, event: string, data: unknown): Promise<unknown> {
    return this.channel(namespace).socket.timeout(5_000).emitWithAck(event, data) as Promise<unknown>;
  }

  /** Connects every namespace in use (and those used later). */
  open(): void {
    if (!this.closed) return;
    this.closed = false;
    for (const channel of this.channels.values()) channel.socket.connect();
  }

  close(): void {
    this.closed = true;
    for (const channel of this.channels.values()) channel.socket.disconnect();
    this.setStatus('offline');
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.statusListeners.forEach((listener) => listener(status));
  }

  private channel(namespace: RealtimeNamespace): Channel {
    const existing = this.channels.get(namespace);
    if (existing) return existing;
    const storage = this.options.storage ?? (typeof sessionStorage === 'undefined' ? undefined : sessionStorage);
    const stored = Number(storage?.getItem(LAST_ID(namespace)) ?? Number.NaN);
    const listeners = new Map<string, Set<LiveListener>>();
    const buffer = new CatchUpBuffer((event, envelope) => {
      if (envelope.id !== null) storage?.setItem(LAST_ID(namespace), String(envelope.id));
      listeners.get(event)?.forEach((listener) => listener(envelope.data, envelope));
    }, Number.isFinite(stored) ? stored : undefined);
    const socket = this.manager.socket(namespace, {
      // Called on every (re)connection: the newest id delivered so far.
      auth: (send) => send(buffer.lastId === undefined ? {} : { lastId: buffer.lastId }),
    });
    const channel: Channel = { socket, buffer, listeners, caughtUpListeners: new Set() };
    this.channels.set(namespace, channel);

    socket.on('connect', () => {
      buffer.reconnecting();
      this.setStatus('live');
    });
    socket.on(REALTIME_EVENTS.caughtUp, (info: CaughtUp) => {
      buffer.caughtUp(info);
      if (buffer.lastId !== undefined) storage?.setItem(LAST_ID(namespace), String(buffer.lastId));
      channel.caughtUpListeners.forEach((listener) => listener(info));
    });
    socket.onAny((event: string, payload: unknown) => {
      if (event.startsWith('realtime:')) return;
      if (typeof payload === 'object' && payload !== null && 'id' in payload && 'data' in payload) {
        buffer.receive(event, payload as RealtimeEnvelope);
      }
    });
    socket.on('disconnect', (reason) => {
      this.setStatus('offline');
      // The server closed it (token expired, access changed): refresh the session, then come back.
      if (reason === 'io server disconnect') void this.reconnectAfterRefresh(socket);
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      this.setStatus('offline');
      const code = error.data?.code;
      if (code === 'TOKEN_EXPIRED' || code === 'UNAUTHENTICATED' || code === 'TOKEN_INVALID') {
        // Refused at the handshake: automatic reconnection stops; refresh, then retry once.
        void this.reconnectAfterRefresh(socket);
      }
    });
    if (!this.closed) socket.connect();
    return channel;
  }

  private refreshing: Promise<boolean> | undefined;

  private async reconnectAfterRefresh(socket: Socket): Promise<void> {
    if (this.closed) return;
    this.refreshing ??= this.options.ensureSession().finally(() => {
      this.refreshing = undefined;
    });
    const ok = await this.refreshing.catch(() => false);
    if (ok && !this.closed && !socket.connected) {
      // A little later if it keeps failing: never a tight loop.
      setTimeout(() => {
        if (!this.closed && !socket.connected) socket.connect();
      }, 250 + Math.random() * 500);
    }
  }
}
