import { z } from 'zod';
import { authError, badResponseError, type Upstream } from '../http/index.js';

export interface KumaConnection {
  url: string;
  /** The status page to import (lower-cased by Kuma). */
  slug: string;
  /** For `/metrics` (HTTP Basic): a username (any, with an API key) and the password or API key. */
  metrics?: { username: string; password: string } | null;
}

const MonitorSchema = z.object({ id: z.number().int(), name: z.string(), type: z.string().nullish(), url: z.string().nullish() });
const GroupSchema = z.object({ id: z.number().int(), name: z.string(), weight: z.number().nullish(), monitorList: z.array(MonitorSchema) });
const IncidentSchema = z.object({ id: z.number().int(), style: z.string().nullish(), title: z.string(), content: z.string().nullish() });

export const KumaStatusPageSchema = z.object({
  config: z.object({ slug: z.string(), title: z.string() }).loose(),
  /** 2.x sends `incidents[]`, 1.23 one `incident` or null: both are accepted. */
  incidents: z.array(IncidentSchema).nullish(),
  incident: IncidentSchema.nullish(),
  publicGroupList: z.array(GroupSchema),
});

export const KumaHeartbeatsSchema = z.object({
  heartbeatList: z.record(
    z.string(),
    z.array(z.object({ status: z.number().int(), time: z.string(), msg: z.string().nullish(), ping: z.number().nullish() })),
  ),
  uptimeList: z.record(z.string(), z.number()),
});

export type KumaMonitorState = 'up' | 'down' | 'pending' | 'maintenance' | 'unknown';
const stateOf = (status: number | undefined): KumaMonitorState =>
  status === 1 ? 'up' : status === 0 ? 'down' : status === 2 ? 'pending' : status === 3 ? 'maintenance' : 'unknown';

export interface KumaMonitor {
  id: number;
  name: string;
  state: KumaMonitorState;
  /** Latest ping in ms. */
  pingMs: number | null;
  /** 24 h uptime fraction (0..1) as Kuma computes it. */
  uptime24h: number | null;
  lastBeatAt: string | null;
  /** The recent beats, oldest first (what Kuma sends: 100 in 2.x, 50 in 1.23). */
  beats: { state: KumaMonitorState; at: string; pingMs: number | null }[];
}

export interface KumaStatusPage {
  title: string;
  incidents: { title: string; content: string | null; style: string | null }[];
  groups: { name: string; monitors: KumaMonitor[] }[];
}

export interface CallOptions {
  direct?: boolean;
}

/** Kuma's `time` is UTC `YYYY-MM-DD HH:mm:ss.SSS`. */
function kumaTime(time: string): string {
  const iso = `${time.trim().replace(' ', 'T')}${/[zZ]|[+-]\d\d:?\d\d$/.test(time) ? '' : 'Z'}`;
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? time : new Date(parsed).toISOString();
}

/** Uptime Kuma's public status page JSON (and `/metrics`) through the client base. */
export class UptimeKumaClient {
  constructor(readonly upstream: Upstream) {}

  private url(connection: Pick<KumaConnection, 'url'>, path: string): URL {
    return new URL(path, connection.url.endsWith('/') ? connection.url : `${connection.url}/`);
  }

  /** `GET /api/status-page/{slug}`: the groups and monitors; 404 when the slug is unknown (a typed error). */
  rawStatusPage(connection: KumaConnection, options: CallOptions = {}) {
    return this.upstream.json({
      operation: 'statusPage',
      url: this.url(connection, `api/status-page/${encodeURIComponent(connection.slug.toLowerCase())}`),
      headers: { Accept: 'application/json' },
      schema: KumaStatusPageSchema,
      ...options,
    });
  }

  rawHeartbeats(connection: KumaConnection, options: CallOptions = {}) {
    return this.upstream.json({
      operation: 'heartbeats',
      url: this.url(connection, `api/status-page/heartbeat/${encodeURIComponent(connection.slug.toLowerCase())}`),
      headers: { Accept: 'application/json' },
      schema: KumaHeartbeatsSchema,
      ...options,
    });
  }

  /** The status page with every monitor's latest state and beats, grouped as on the page. */
  async statusPage(connection: KumaConnection, options: CallOptions = {}): Promise<KumaStatusPage> {
    const [page, beats] = await Promise.all([this.rawStatusPage(connection, options), this.rawHeartbeats(connection, options)]);
    const incidents = page.incidents ?? (page.incident ? [page.incident] : []);
    return {
      title: page.config.title,
      incidents: incidents.map((incident) => ({ title: incident.title, content: incident.content ?? null, style: incident.style ?? null })),
      groups: page.publicGroupList.map((group) => ({
        name: group.name,
        monitors: group.monitorList.map((monitor) => {
          const list = beats.heartbeatList[String(monitor.id)] ?? [];
          const last = list.at(-1);
          return {
            id: monitor.id,
            name: monitor.name,
            state: stateOf(last?.status),
            pingMs: last?.ping ?? null,
            uptime24h: beats.uptimeList[`${monitor.id}_24`] ?? null,
            lastBeatAt: last ? kumaTime(last.time) : null,
            beats: list.map((beat) => ({ state: stateOf(beat.status), at: kumaTime(beat.time), pingMs: beat.ping ?? null })),
          };
        }),
      })),
    };
  }

  /** `GET /metrics` with HTTP Basic: `monitor_status` per monitor name (proves the credentials). */
  async metrics(connection: KumaConnection, options: CallOptions = {}): Promise<Record<string, KumaMonitorState>> {
    const credentials = connection.metrics;
    const headers: Record<string, string> = { Accept: 'text/plain' };
    if (credentials) headers.Authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    const response = await this.upstream.send({ operation: 'metrics', url: this.url(connection, 'metrics'), headers, ...options });
    if (response.status === 401 || response.status === 403) {
      throw authError(this.upstream.service, response.status, 'Check the Uptime Kuma metrics credentials (username and password, or API key).');
    }
    if (response.status !== 200) throw badResponseError(this.upstream.service, 'metrics', `unexpected status ${response.status}`);
    const text = response.text;
    if (!/^# (HELP|TYPE) /m.test(text)) throw badResponseError(this.upstream.service, 'metrics', 'the body is not Prometheus text');
    const result: Record<string, KumaMonitorState> = {};
    for (const line of text.split('\n')) {
      const match = /^monitor_status\{(.*)\}\s+(-?\d+)/.exec(line);
      if (!match) continue;
      const name = /monitor_name="((?:[^"\\]|\\.)*)"/.exec(match[1] ?? '')?.[1];
      if (name) result[name] = stateOf(Number(match[2]));
    }
    return result;
  }
}
