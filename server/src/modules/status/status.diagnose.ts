import type { ConnectionTest, Diagnosis } from '@medianest/contracts';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import type { StatusClients } from './status.probes.js';
import type { KumaSettings, OverseerrSettings, PlexConnection, TmdbSettings } from './status.settings.js';
import type { CustomCheckRow } from './status.tables.js';

/** The oldest versions MediaNest works with (the APIs it calls exist from these on). */
export const MIN_VERSIONS = { plex: '1.32.0', overseerr: '1.30.0' } as const;

/** Compares dotted versions numerically (`1.40.2.8395-c67dce28e` vs `1.32.0`); suffixes are ignored. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const parts = (v: string) => v.split(/[.-]/).slice(0, 4).map((p) => Number.parseInt(p, 10) || 0);
  const a = parts(version);
  const b = parts(minimum);
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

const result = (diagnosis: Diagnosis, message: string, latencyMs: number | null = null, version: string | null = null): ConnectionTest => ({
  ok: diagnosis === 'ok',
  diagnosis,
  message,
  latencyMs,
  version,
});

/** A client error as a diagnosis; `product` names what should have answered (for "wrong product"). */
export function diagnoseError(error: unknown, service: string, product = service): ConnectionTest {
  if (!(error instanceof AppError)) throw error;
  const details = (error.details ?? {}) as { reason?: string; status?: number };
  if (error.code === 'UPSTREAM_UNAVAILABLE') {
    switch (details.reason) {
      case 'dns':
        return result('dns', `The host name of ${service}'s address does not resolve (DNS). Check the spelling, or use an IP address.`);
      case 'refused':
        return result('refused', `Nothing accepts connections at ${service}'s address (connection refused). Is ${service} running, and is the port right?`);
      case 'timeout':
        return result('timeout', `${service} did not answer in time. Check the address and any firewall between MediaNest and ${service}.`);
      case 'tls':
        return result('tls', `The secure connection to ${service} failed (TLS). Use http:// if ${service} does not serve HTTPS, or fix its certificate.`);
      default:
        return result('unavailable', error.message);
    }
  }
  if (error.code === 'UPSTREAM_AUTH') {
    return result('unauthorized', `${service} refused the credentials (${details.status ?? 401}): the API key or password is wrong.`);
  }
  if (error.code === 'UPSTREAM_RATE_LIMITED') return result('unavailable', error.message);
  if (error.code === 'UPSTREAM_BAD_RESPONSE') {
    return result('wrong-product', `Something answers at this address, but it is not ${product} (${error.message})`);
  }
  return result('unavailable', error.message);
}

/** "Test connection": direct calls (no breaker, no retries), one step at a time, the first failure named. */
export class ConnectionDiagnostics {
  constructor(
    private readonly clients: StatusClients,
    private readonly now: () => number,
  ) {}

  private async step<T>(work: () => Promise<T>, service: string, product?: string): Promise<{ value: T } | { failed: ConnectionTest }> {
    try {
      return { value: await work() };
    } catch (error) {
      return { failed: diagnoseError(error, service, product) };
    }
  }

  async plex(plex: PlexConnection): Promise<ConnectionTest> {
    const started = this.now();
    const identity = await this.step(() => this.clients.plex.identity(plex.url), 'Plex', 'a Plex Media Server');
    if ('failed' in identity) return identity.failed;
    const version = identity.value.version;
    if (version && !versionAtLeast(version, MIN_VERSIONS.plex)) {
      return result('version-too-old', `This Plex Media Server runs ${version}; MediaNest needs ${MIN_VERSIONS.plex} or later. Update Plex.`, null, version);
    }
    if (identity.value.machineIdentifier !== plex.machineIdentifier) {
      return result('wrong-product', `A different Plex server answers at this address (${identity.value.machineIdentifier}), not the one chosen at setup.`, null, version);
    }
    const info = await this.step(() => this.clients.plex.serverInfo(plex.url, plex.token), 'Plex');
    if ('failed' in info) {
      return info.failed.diagnosis === 'unauthorized'
        ? result('unauthorized', 'Plex refused the server token chosen at setup. Run the Plex sign-in again as the owner.', null, version)
        : info.failed;
    }
    return result('ok', `Connected to ${info.value.friendlyName ?? 'Plex'} (version ${version ?? 'unknown'}).`, this.now() - started, version);
  }

  async overseerr(settings: OverseerrSettings): Promise<ConnectionTest> {
    const started = this.now();
    const status = await this.step(() => this.clients.overseerr.status(settings, { direct: true }), 'Overseerr');
    if ('failed' in status) return status.failed;
    const version = status.value.version;
    if (!versionAtLeast(version, MIN_VERSIONS.overseerr)) {
      return result('version-too-old', `This Overseerr runs ${version}; MediaNest needs ${MIN_VERSIONS.overseerr} or later. Update Overseerr.`, null, version);
    }
    const me = await this.step(() => this.clients.overseerr.me(settings, { direct: true }), 'Overseerr');
    if ('failed' in me) return me.failed;
    return result('ok', `Connected to Overseerr ${version}.`, this.now() - started, version);
  }

  async kuma(settings: KumaSettings): Promise<ConnectionTest> {
    const started = this.now();
    const upstream = this.clients.kuma.upstream;
    const base = settings.url.endsWith('/') ? settings.url : `${settings.url}/`;
    const page = await this.step(
      () => upstream.send({ operation: 'statusPage', url: new URL(`api/status-page/${encodeURIComponent(settings.slug)}`, base), headers: { Accept: 'application/json' }, direct: true }),
      'Uptime Kuma',
    );
    if ('failed' in page) return page.failed;
    if (page.value.status === 404) {
      const body = safeJson(page.value.text);
      const kumaSays = z.object({ msg: z.string() }).safeParse(body);
      return kumaSays.success && /not found/i.test(kumaSays.data.msg)
        ? result('not-found', `Uptime Kuma has no published status page "${settings.slug}". Check the slug (the last part of the status page's address).`)
        : result('wrong-product', 'Something answers at this address, but it is not Uptime Kuma (no status-page API).');
    }
    const parsed = await this.step(() => this.clients.kuma.statusPage(settings, { direct: true }), 'Uptime Kuma');
    if ('failed' in parsed) return parsed.failed;
    if (settings.metrics) {
      const metrics = await this.step(() => this.clients.kuma.metrics(settings, { direct: true }), 'Uptime Kuma');
      if ('failed' in metrics) return metrics.failed;
    }
    const monitors = parsed.value.groups.reduce((n, group) => n + group.monitors.length, 0);
    return result('ok', `Connected to the status page "${parsed.value.title}" (${monitors} monitors).`, this.now() - started);
  }

  async tmdb(settings: TmdbSettings): Promise<ConnectionTest> {
    const started = this.now();
    const configuration = await this.step(() => this.clients.tmdb.configuration(settings, { direct: true }), 'TMDB', 'the TMDB API');
    if ('failed' in configuration) return configuration.failed;
    return result('ok', 'Connected to TMDB; the API key works.', this.now() - started);
  }

  async check(check: CustomCheckRow): Promise<ConnectionTest> {
    const started = this.now();
    const upstream = this.clients.upstreams.custom(`check:${check.id}`, check.name);
    let response: { status: number };
    try {
      response = await upstream.send({ operation: 'check', url: new URL(check.url), direct: true });
    } catch (error) {
      const status = error instanceof AppError ? (error.details as { status?: number } | undefined)?.status : undefined;
      if (status) return result('unexpected-status', `${check.name} answered ${status}; ${check.expectedStatus} was expected.`, this.now() - started);
      return diagnoseError(error, check.name);
    }
    const value = response;
    if (value.status !== check.expectedStatus) {
      return result('unexpected-status', `${check.name} answered ${value.status}; ${check.expectedStatus} was expected.`, this.now() - started);
    }
    return result('ok', `${check.name} answered ${value.status} as expected.`, this.now() - started);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
