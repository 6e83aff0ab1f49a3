import WebSocket from 'ws';
import { plexHeaders, type PlexClientIdentity } from '../plextv/plex-http.js';
import { NotificationSchema } from './plex.schemas.js';
import { plexUrl } from './plex.client.js';

export interface PlexNotificationsOptions {
  baseUrl: string;
  token: string;
  identity: PlexClientIdentity;
  /** A notification arrived (`playing`, `timeline`, `activity`…). */
  onNotification(type: string): void;
  /** Connected or lost: while lost, callers fall back to polling. */
  onConnectionChange?(connected: boolean): void;
  /** Wait before reconnecting after a drop (doubles up to 60 s). */
  reconnectMs?: number;
}

/**
 * PMS push notifications over its websocket (`/:/websockets/notifications`). Keeps reconnecting with
 * backoff; `connected` says whether push is live, so now playing can poll only when it is not.
 */
export class PlexNotifications {
  private socket: WebSocket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private delayMs: number;
  connected = false;

  constructor(private readonly options: PlexNotificationsOptions) {
    this.delayMs = options.reconnectMs ?? 2_000;
  }

  start(): this {
    this.connect();
    return this;
  }

  private connect(): void {
    if (this.closed) return;
    const url = plexUrl(this.options.baseUrl, ':/websockets/notifications');
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url, { headers: plexHeaders(this.options.identity, this.options.token), handshakeTimeout: 8_000 });
    this.socket = socket;
    socket.on('open', () => {
      this.delayMs = this.options.reconnectMs ?? 2_000;
      this.setConnected(true);
    });
    socket.on('message', (data: WebSocket.RawData) => {
      let raw: unknown;
      try {
        raw = JSON.parse(String(data));
      } catch {
        return;
      }
      const parsed = NotificationSchema.safeParse(raw);
      if (parsed.success) this.options.onNotification(parsed.data.NotificationContainer.type);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.setConnected(false);
      if (this.closed) return;
      this.timer = setTimeout(() => this.connect(), this.delayMs);
      this.timer.unref();
      this.delayMs = Math.min(60_000, this.delayMs * 2);
    });
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    this.options.onConnectionChange?.(connected);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.terminate();
    this.setConnected(false);
  }
}
