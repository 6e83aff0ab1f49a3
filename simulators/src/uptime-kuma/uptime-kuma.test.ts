import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kumaErrorSchema, kumaHeartbeatSchema, kumaMetricLineSchema, kumaStatusPageSchema } from '../contracts/schemas.js';
import { UptimeKumaSimulator } from './uptime-kuma.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Uptime Kuma simulator', () => {
  let kuma: UptimeKumaSimulator;
  const getJson = async (p: string) => {
    const res = await fetch(`${kuma.url}${p}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    kuma = await new UptimeKumaSimulator({
      monitors: [
        { name: 'Plex', url: 'http://127.0.0.1:32400/identity', group: 'Media' },
        { name: 'Overseerr', url: 'http://127.0.0.1:5055', group: 'Media', sendUrl: true },
        { name: 'Backups', type: 'push', pushToken: 'push-abc', group: 'Jobs' },
      ],
    }).start();
  });
  afterAll(() => kuma.close());

  it('serves the 2.x status page (incidents[]) in the shape a client validates', async () => {
    kuma.addIncident({ title: 'Plex maintenance', content: 'Upgrading PMS' });
    const { status, body } = await getJson('/api/status-page/HOME');
    expect(status).toBe(200);
    kumaStatusPageSchema.parse(body);
    expect((body.incidents as { title: string }[])[0]?.title).toBe('Plex maintenance');
    const groups = body.publicGroupList as { name: string; monitorList: { name: string; url?: string }[] }[];
    expect(groups.map((g) => g.name)).toEqual(['Media', 'Jobs']);
    expect(groups[0]!.monitorList.find((m) => m.name === 'Overseerr')?.url).toBe('http://127.0.0.1:5055');
    expect(groups[0]!.monitorList.find((m) => m.name === 'Plex')?.url).toBeUndefined();
    kuma.clearIncidents();
  });

  it('serves the 1.23 variant with a single incident or null', async () => {
    const old = await new UptimeKumaSimulator({ variant: '1.23', slug: 'lab' }).start();
    try {
      const res = await fetch(`${old.url}/api/status-page/lab`);
      const page = (await res.json()) as Record<string, unknown>;
      kumaStatusPageSchema.parse(page);
      expect(page.incident).toBeNull();
      expect(page.incidents).toBeUndefined();
      const beats = kumaHeartbeatSchema.parse(await (await fetch(`${old.url}/api/status-page/heartbeat/lab`)).json());
      expect(beats.heartbeatList['1']).toHaveLength(50);
    } finally {
      await old.close();
    }
  });

  it('answers 404 {status:"fail"} for an unknown slug', async () => {
    const { status, body } = await getJson('/api/status-page/nope');
    expect(status).toBe(404);
    expect(kumaErrorSchema.parse(body).msg).toBe('Status Page Not Found');
  });

  it('lists heartbeats oldest first and flips a monitor on command', async () => {
    kuma.setStatus('Plex', 'down', 'connect ECONNREFUSED');
    const beats = kumaHeartbeatSchema.parse((await getJson('/api/status-page/heartbeat/home')).body);
    const plexBeats = beats.heartbeatList[String(kuma.monitor('Plex').id)]!;
    expect(plexBeats).toHaveLength(100);
    expect(plexBeats.at(-1)).toMatchObject({ status: 0, ping: null });
    expect(plexBeats.at(0)!.time < plexBeats.at(-1)!.time).toBe(true);
    expect(beats.uptimeList[`${kuma.monitor('Plex').id}_24`]).toBeLessThan(1);
    kuma.setStatus('Plex', 'up');
    const again = kumaHeartbeatSchema.parse((await getJson('/api/status-page/heartbeat/home')).body);
    expect(again.heartbeatList['1']!.at(-1)!.status).toBe(1);
  });

  it('protects /metrics with Basic auth, then only the API key once one exists', async () => {
    const denied = await fetch(`${kuma.url}/metrics`);
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toContain('Basic');
    const ok = await fetch(`${kuma.url}/metrics`, { headers: { Authorization: basic('admin', 'admin-password') } });
    const lines = (await ok.text()).split('\n').filter((l) => l.startsWith('monitor_'));
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const line of lines) kumaMetricLineSchema.parse(line);
    expect(lines).toContain(`monitor_status{monitor_id="1",monitor_name="Plex",monitor_type="http",monitor_url="http://127.0.0.1:32400/identity",monitor_hostname="null",monitor_port="null"} 1`);
    kuma.apiKey = 'uk1_secret';
    try {
      expect((await fetch(`${kuma.url}/metrics`, { headers: { Authorization: basic('admin', 'admin-password') } })).status).toBe(401);
      expect((await fetch(`${kuma.url}/metrics`, { headers: { Authorization: basic('anyone', 'uk1_secret') } })).status).toBe(200);
    } finally {
      kuma.apiKey = undefined;
    }
  });

  it('draws SVG badges and takes push heartbeats', async () => {
    kuma.setStatus('Plex', 'down');
    const badge = await fetch(`${kuma.url}/api/badge/1/status`);
    expect(badge.headers.get('content-type')).toBe('image/svg+xml');
    expect(await badge.text()).toContain('Down');
    expect(await (await fetch(`${kuma.url}/api/badge/99/status`)).text()).toContain('N/A');
    expect(await (await fetch(`${kuma.url}/api/status-page/home/badge`)).text()).toContain('Degraded');
    kuma.setStatus('Plex', 'up');
    expect(await (await fetch(`${kuma.url}/api/push/push-abc?status=down&msg=disk%20full`)).json()).toEqual({ ok: true });
    expect(kuma.monitor('Backups').heartbeats.at(-1)).toMatchObject({ status: 0, msg: 'disk full' });
    const unknown = await fetch(`${kuma.url}/api/push/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, msg: 'Monitor not found or not active.' });
  });
});
