import { Random } from '../core/random.js';
import { SimServer, json, type SimRequest, type SimResponse } from '../core/sim-server.js';
import { Simulator } from '../core/simulator.js';
import { escapeXml } from '../core/xml.js';

/** Heartbeat status numbers (src/util.ts). */
export const KumaStatus = { down: 0, up: 1, pending: 2, maintenance: 3 } as const;
export type KumaStatusName = keyof typeof KumaStatus;

export interface KumaMonitor {
  id: number;
  name: string;
  type: string;
  url: string | null;
  hostname: string | null;
  port: number | null;
  /** Shown on the status page with its URL (`sendUrl`). */
  sendUrl: boolean;
  group: string;
  tags: { name: string; color: string; value: string }[];
  active: boolean;
  pushToken?: string;
  heartbeats: { status: number; time: string; msg: string; ping: number | null }[];
}

export interface MonitorInput {
  name: string;
  type?: string;
  url?: string;
  group?: string;
  sendUrl?: boolean;
  tags?: { name: string; color: string; value?: string }[];
  status?: KumaStatusName;
  pushToken?: string;
}

export interface Incident {
  id: number;
  style: 'info' | 'warning' | 'danger' | 'primary' | 'light' | 'dark';
  title: string;
  content: string;
  pin: boolean;
  active: boolean;
  createdDate: string;
  lastUpdatedDate: string | null;
}

export interface UptimeKumaOptions {
  port?: number;
  seed?: string | number;
  /** `'2'` (default): `incidents[]`, 100 beats; `'1.23'`: a single `incident` or null, 50 beats. */
  variant?: '2' | '1.23';
  slug?: string;
  title?: string;
  monitors?: MonitorInput[];
  /** Basic-auth credentials for `/metrics` (default admin / admin-password). */
  admin?: { username: string; password: string };
  /** Once set, `/metrics` accepts only this key as the Basic password (any user name), 60 requests a minute. */
  apiKey?: string;
}

const kumaTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** Uptime Kuma's HTTP surfaces: status page JSON, heartbeats, badges, push and `/metrics`. */
export class UptimeKumaSimulator extends Simulator {
  readonly monitors: KumaMonitor[] = [];
  readonly incidents: Incident[] = [];
  variant: '2' | '1.23';
  slug: string;
  title: string;
  admin: { username: string; password: string };
  apiKey: string | undefined;
  private readonly random: Random;
  private apiKeyWindow = { start: 0, count: 0 };

  constructor(options: UptimeKumaOptions = {}) {
    super(new SimServer({ name: 'uptime-kuma', port: options.port, errorResponse: (status, message) => json(status, { status: 'fail', msg: message }) }));
    this.random = new Random(`${options.seed ?? 'medianest'}:kuma`);
    this.variant = options.variant ?? '2';
    this.slug = (options.slug ?? 'home').toLowerCase();
    this.title = options.title ?? 'Home Lab';
    this.admin = options.admin ?? { username: 'admin', password: 'admin-password' };
    this.apiKey = options.apiKey;
    for (const monitor of options.monitors ?? [{ name: 'Plex', url: 'http://plex:32400/identity' }, { name: 'Overseerr', url: 'http://overseerr:5055/api/v1/status', sendUrl: true }]) {
      this.addMonitor(monitor);
    }
    this.registerRoutes();
  }

  async start(): Promise<this> {
    await this.http.listen();
    return this;
  }

  /** Adds a monitor with a seeded history of heartbeats ending in `status` (default up). */
  addMonitor(input: MonitorInput): KumaMonitor {
    const id = this.monitors.length + 1;
    const now = Date.now();
    const status = KumaStatus[input.status ?? 'up'];
    const count = this.variant === '2' ? 100 : 50;
    const heartbeats = Array.from({ length: count }, (_, i) => {
      const up = i === count - 1 ? status === KumaStatus.up : this.random.chance(0.97);
      const beatStatus = i === count - 1 ? status : up ? KumaStatus.up : KumaStatus.down;
      return { status: beatStatus, time: kumaTime(now - (count - 1 - i) * 60_000), msg: '', ping: beatStatus === KumaStatus.up ? this.random.int(12, 180) : null };
    });
    const url = input.url ? new URL(input.url) : undefined;
    const monitor: KumaMonitor = {
      id,
      name: input.name,
      type: input.type ?? 'http',
      url: input.url ?? null,
      hostname: input.type === 'port' || input.type === 'ping' ? (url?.hostname ?? null) : null,
      port: input.type === 'port' && url ? Number(url.port) : null,
      sendUrl: input.sendUrl ?? false,
      group: input.group ?? 'Services',
      tags: (input.tags ?? []).map((t) => ({ ...t, value: t.value ?? '' })),
      active: true,
      pushToken: input.pushToken,
      heartbeats,
    };
    this.monitors.push(monitor);
    return monitor;
  }

  monitor(idOrName: number | string): KumaMonitor {
    const found = this.monitors.find((m) => m.id === idOrName || m.name === idOrName);
    if (!found) throw new Error(`No Uptime Kuma monitor ${idOrName}`);
    return found;
  }

  /** Records a heartbeat with this status (the monitor "flips"). */
  setStatus(idOrName: number | string, status: KumaStatusName, msg = '', ping?: number): void {
    const monitor = this.monitor(idOrName);
    const value = KumaStatus[status];
    monitor.heartbeats.push({ status: value, time: kumaTime(Date.now()), msg, ping: value === KumaStatus.up ? (ping ?? this.random.int(12, 180)) : null });
    const keep = this.variant === '2' ? 100 : 50;
    if (monitor.heartbeats.length > keep) monitor.heartbeats.splice(0, monitor.heartbeats.length - keep);
  }

  addIncident(input: { title: string; content: string; style?: Incident['style']; pin?: boolean }): Incident {
    const incident: Incident = {
      id: this.incidents.length + 1, style: input.style ?? 'warning', title: input.title, content: input.content,
      pin: input.pin ?? true, active: true, createdDate: kumaTime(Date.now()).slice(0, 19), lastUpdatedDate: null,
    };
    this.incidents.push(incident);
    return incident;
  }

  clearIncidents(): void {
    this.incidents.length = 0;
  }

  private lastStatus(monitor: KumaMonitor): number {
    return monitor.heartbeats.at(-1)?.status ?? KumaStatus.pending;
  }

  private uptime(monitor: KumaMonitor): number {
    const up = monitor.heartbeats.filter((b) => b.status === KumaStatus.up).length;
    return monitor.heartbeats.length ? Math.round((up / monitor.heartbeats.length) * 10_000) / 10_000 : 0;
  }

  private statusPage(): Record<string, unknown> {
    const groups = [...new Set(this.monitors.map((m) => m.group))];
    const publicGroupList = groups.map((name, i) => ({
      id: i + 1,
      name,
      weight: i + 1,
      monitorList: this.monitors.filter((m) => m.group === name).map((m) => ({
        id: m.id, name: m.name, sendUrl: m.sendUrl ? 1 : 0, type: m.type, ...(m.sendUrl && m.url ? { url: m.url } : {}),
      })),
    }));
    const pinned = this.incidents.filter((i) => i.pin && i.active);
    const base = { slug: this.slug, title: this.title, description: null, icon: '/icon.svg', theme: 'auto', published: true, showTags: false, customCSS: 'body {\n  \n}\n', footerText: null, showPoweredBy: true, showCertificateExpiry: false };
    if (this.variant === '1.23') {
      const incident = pinned.at(-1);
      return {
        config: { ...base, googleAnalyticsId: null },
        incident: incident ? { id: incident.id, style: incident.style, title: incident.title, content: incident.content, pin: incident.pin, createdDate: incident.createdDate, lastUpdatedDate: incident.lastUpdatedDate } : null,
        publicGroupList,
        maintenanceList: [],
      };
    }
    return {
      config: { ...base, autoRefreshInterval: 300, analyticsId: null, analyticsScriptUrl: null, analyticsType: null, showOnlyLastHeartbeat: false, rssTitle: null },
      incidents: pinned.map((i) => ({ ...i, status_page_id: 1 })),
      publicGroupList,
      maintenanceList: [],
    };
  }

  private badge(label: string, value: string, color: string): SimResponse {
    const width = 6 * (label.length + value.length) + 30;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${escapeXml(label)}: ${escapeXml(value)}"><title>${escapeXml(label)}: ${escapeXml(value)}</title><rect width="${width}" height="20" fill="${escapeXml(color)}"/><text x="5" y="14" fill="#fff" font-family="Verdana" font-size="11">${escapeXml(label)}: ${escapeXml(value)}</text></svg>`;
    return { status: 200, headers: { 'Content-Type': 'image/svg+xml', 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'max-age=300' }, body: svg };
  }

  private metricsAuthorized(req: SimRequest): boolean | 'limited' {
    const header = req.header('authorization') ?? '';
    if (!header.startsWith('Basic ')) return false;
    const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    const password = rest.join(':');
    if (this.apiKey) {
      if (password !== this.apiKey) return false;
      const now = Date.now();
      if (now - this.apiKeyWindow.start > 60_000) this.apiKeyWindow = { start: now, count: 0 };
      this.apiKeyWindow.count += 1;
      return this.apiKeyWindow.count > 60 ? 'limited' : true;
    }
    return user === this.admin.username && password === this.admin.password;
  }

  private metrics(): string {
    const v2 = this.variant === '2';
    const labels = (m: KumaMonitor) =>
      `${v2 ? `monitor_id="${m.id}",` : ''}monitor_name="${m.name}",monitor_type="${m.type}",monitor_url="${m.url ?? 'null'}",monitor_hostname="${m.hostname ?? 'null'}",monitor_port="${m.port ?? 'null'}"`;
    const lines = [
      '# HELP monitor_status Monitor Status (1 = UP, 0= DOWN, 2= PENDING, 3= MAINTENANCE)', '# TYPE monitor_status gauge',
      ...this.monitors.map((m) => `monitor_status{${labels(m)}} ${this.lastStatus(m)}`),
      '# HELP monitor_response_time Monitor Response Time (ms)', '# TYPE monitor_response_time gauge',
      ...this.monitors.map((m) => `monitor_response_time{${labels(m)}} ${m.heartbeats.at(-1)?.ping ?? -1}`),
      '# HELP monitor_cert_days_remaining The number of days remaining until the certificate expires', '# TYPE monitor_cert_days_remaining gauge',
      '# HELP monitor_cert_is_valid Is the certificate still valid? (1 = Yes, 0= No)', '# TYPE monitor_cert_is_valid gauge',
    ];
    if (v2) {
      lines.push('# HELP monitor_uptime_ratio Uptime ratio', '# TYPE monitor_uptime_ratio gauge');
      for (const m of this.monitors) lines.push(`monitor_uptime_ratio{${labels(m)},window="1d"} ${this.uptime(m)}`);
    }
    lines.push('# HELP process_cpu_user_seconds_total Total user CPU time spent in seconds.', '# TYPE process_cpu_user_seconds_total counter', 'process_cpu_user_seconds_total 12.5');
    return `${lines.join('\n')}\n`;
  }

  private registerRoutes(): void {
    const http = this.http;
    const notFound = () => json(404, { status: 'fail', msg: 'Status Page Not Found' });
    http.route('GET /api/status-page/heartbeat/{slug}', (req) => {
      if (req.params.slug!.toLowerCase() !== this.slug) return notFound();
      const heartbeatList: Record<string, unknown> = {};
      const uptimeList: Record<string, number> = {};
      for (const m of this.monitors) {
        heartbeatList[String(m.id)] = m.heartbeats;
        uptimeList[`${m.id}_24`] = this.uptime(m);
      }
      return json(200, { heartbeatList, uptimeList });
    });
    http.route('GET /api/status-page/{slug}/badge', (req) => {
      if (req.params.slug!.toLowerCase() !== this.slug) return this.badge('Status', 'N/A', '#999');
      const statuses = this.monitors.map((m) => this.lastStatus(m));
      const up = statuses.filter((s) => s === KumaStatus.up).length;
      if (up === statuses.length) return this.badge(req.query.label ?? 'Status', req.query.upLabel ?? 'Up', req.query.upColor ?? '#66c20a');
      if (up === 0) return this.badge(req.query.label ?? 'Status', req.query.downLabel ?? 'Down', req.query.downColor ?? '#c2290a');
      return this.badge(req.query.label ?? 'Status', 'Degraded', req.query.partialColor ?? '#F6BE00');
    });
    http.route('GET /api/status-page/{slug}', (req) => (req.params.slug!.toLowerCase() === this.slug ? json(200, this.statusPage()) : notFound()));
    http.route('GET /api/badge/{id}/{kind+}', (req) => {
      const monitor = this.monitors.find((m) => m.id === Number(req.params.id));
      if (!monitor) return this.badge(req.query.label ?? 'Status', 'N/A', '#999');
      const kind = req.params.kind!.split('/')[0];
      if (kind === 'uptime') return this.badge(req.query.label ?? 'Uptime (24h)', `${(this.uptime(monitor) * 100).toFixed(2)}%`, '#66c20a');
      if (kind === 'ping' || kind === 'avg-response' || kind === 'response') return this.badge(req.query.label ?? 'Ping', `${monitor.heartbeats.at(-1)?.ping ?? 0}ms`, '#66c20a');
      const status = this.lastStatus(monitor);
      const [label, color] = status === KumaStatus.up ? [req.query.upLabel ?? 'Up', req.query.upColor ?? '#66c20a']
        : status === KumaStatus.down ? [req.query.downLabel ?? 'Down', req.query.downColor ?? '#c2290a']
          : status === KumaStatus.maintenance ? [req.query.maintenanceLabel ?? 'Maintenance', req.query.maintenanceColor ?? '#1747f5']
            : [req.query.pendingLabel ?? 'Pending', req.query.pendingColor ?? '#f8a306'];
      return this.badge(req.query.label ?? 'Status', label, color);
    });
    http.route(`${this.variant === '2' ? 'GET|POST|PUT' : 'GET'} /api/push/{token}`, (req) => {
      const monitor = this.monitors.find((m) => m.pushToken === req.params.token && m.active);
      if (!monitor) return json(404, { ok: false, msg: 'Monitor not found or not active.' });
      this.setStatus(monitor.id, req.query.status === 'down' ? 'down' : 'up', req.query.msg ?? 'OK', req.query.ping ? Number(req.query.ping) : undefined);
      return json(200, { ok: true });
    });
    http.route('GET /metrics', (req) => {
      const authorized = this.metricsAuthorized(req);
      if (authorized === 'limited') return json(429, { ok: false, msg: 'Too many requests, please try again later.' });
      if (!authorized) return { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="Uptime Kuma"', 'Content-Type': 'text/plain' }, body: 'Unauthorized' };
      return { status: 200, headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }, body: this.metrics() };
    });
  }
}

export async function startUptimeKuma(options: UptimeKumaOptions = {}): Promise<UptimeKumaSimulator> {
  return new UptimeKumaSimulator(options).start();
}
