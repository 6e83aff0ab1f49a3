import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/** What `/:/websockets/notifications` sends, as `{"NotificationContainer": {...}}`. */
export interface TimelineEntry {
  identifier: 'com.plexapp.plugins.library';
  sectionID: string;
  itemID: string;
  type: number;
  title: string;
  /** 0 created, 1 matching, 2 downloading metadata, 3 metadata done, 4 processing, 5 done, 9 deleted. */
  state: number;
  metadataState?: string;
  mediaState?: string;
  updatedAt: number;
}

export interface ActivityNotification {
  event: 'started' | 'updated' | 'ended';
  uuid: string;
  Activity: {
    uuid: string;
    type: string;
    cancellable: boolean;
    userID: number;
    title: string;
    subtitle: string;
    progress: number;
    Context?: Record<string, string>;
  };
}

export interface PlaySessionStateNotification {
  sessionKey: string;
  clientIdentifier: string;
  guid: string;
  ratingKey: string;
  url: string;
  key: string;
  viewOffset: number;
  playQueueItemID: number;
  state: 'playing' | 'paused' | 'buffering' | 'stopped';
}

export type PlexNotification =
  | { type: 'timeline'; size: number; TimelineEntry: TimelineEntry[] }
  | { type: 'activity'; size: number; ActivityNotification: ActivityNotification[] }
  | { type: 'playing'; size: number; PlaySessionStateNotification: PlaySessionStateNotification[] };

const PATHS = new Set(['/:/websockets/notifications', '/:/websocket/notifications']);

/** The PMS notification websocket: token-checked upgrade, then every notification to every client. */
export class NotificationHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  /** Everything sent so far, for assertions. */
  readonly sent: PlexNotification[] = [];

  constructor(server: Server, isAllowed: (token: string | undefined) => boolean) {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!PATHS.has(url.pathname)) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      const header = req.headers['x-plex-token'];
      const token = url.searchParams.get('X-Plex-Token') ?? (Array.isArray(header) ? header[0] : header);
      if (!isAllowed(token)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    });
  }

  get clientCount(): number {
    return this.wss.clients.size;
  }

  send(notification: PlexNotification): void {
    this.sent.push(notification);
    const message = JSON.stringify({ NotificationContainer: notification });
    for (const client of this.wss.clients as Set<WebSocket>) {
      if (client.readyState === client.OPEN) client.send(message);
    }
  }

  timeline(entries: TimelineEntry[]): void {
    this.send({ type: 'timeline', size: entries.length, TimelineEntry: entries });
  }

  activity(notification: ActivityNotification): void {
    this.send({ type: 'activity', size: 1, ActivityNotification: [notification] });
  }

  playing(notification: PlaySessionStateNotification): void {
    this.send({ type: 'playing', size: 1, PlaySessionStateNotification: [notification] });
  }

  /** Cuts every client (as a PMS restart would). */
  disconnectAll(): void {
    for (const client of this.wss.clients) client.terminate();
  }

  close(): void {
    this.disconnectAll();
    this.wss.close();
  }
}
