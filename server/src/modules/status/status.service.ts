import type { ConnectionTest, CustomCheck, ServicesSettings, ServiceTile, StatusOverview } from '@medianest/contracts';
import type { z } from 'zod';
import type { CustomCheckInput, UpdateKumaService, UpdateOverseerrService, UpdatePlexService, UpdateTmdbService } from '@medianest/contracts';
import type { ResponseCache } from '../../integrations/http/index.js';
import type { KumaStatusPage } from '../../integrations/uptimekuma/index.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { Logger } from '../../platform/observability/logger.js';
import { ConnectionDiagnostics, diagnoseError } from './status.diagnose.js';
import type { ServiceState } from './status.events.js';
import './status.events.js';
import { kumaView, serviceDefinitions, type ProbeDeps, type ProbeResult, type ServiceDefinition, type StatusClients } from './status.probes.js';
import type { StatusRepository } from './status.repository.js';
import type { ServiceSettingsStore } from './status.settings.js';
import type { CustomCheckRow } from './status.tables.js';

export interface StatusServiceDeps {
  repo: StatusRepository;
  store: ServiceSettingsStore;
  clients: StatusClients;
  events: EventBus;
  logger: Logger;
  now: () => number;
  probe: Omit<ProbeDeps, 'clients' | 'store' | 'now' | 'kumaCache' | 'checkUpstream'>;
  kumaCache: ResponseCache<KumaStatusPage>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Checks services, stores what it saw, publishes state changes, and answers the dashboard and the admin page. */
export class StatusService {
  private readonly states = new Map<string, ServiceState>();
  private readonly diagnostics: ConnectionDiagnostics;
  private readonly probeDeps: ProbeDeps;
  private readonly checkUpstreams = new Map<string, ReturnType<StatusClients['upstreams']['custom']>>();

  constructor(private readonly deps: StatusServiceDeps) {
    this.diagnostics = new ConnectionDiagnostics(deps.clients, deps.now);
    this.probeDeps = {
      ...deps.probe,
      clients: deps.clients,
      store: deps.store,
      now: deps.now,
      kumaCache: deps.kumaCache,
      checkUpstream: (check) => {
        const key = `${check.id}:${check.url}`;
        let upstream = this.checkUpstreams.get(key);
        if (!upstream) this.checkUpstreams.set(key, (upstream = deps.clients.upstreams.custom(`check:${check.id}`, check.name)));
        return upstream;
      },
    };
  }

  /** Every service that is configured now (MediaNest itself always). */
  async definitions(): Promise<ServiceDefinition[]> {
    return serviceDefinitions(this.probeDeps, await this.deps.repo.listCustomChecks());
  }

  /** Probes one service, stores the check, opens/closes its outage and publishes a change of state. */
  async check(service: ServiceDefinition): Promise<ProbeResult> {
    const result = await service.probe();
    const at = new Date(this.deps.now());
    const previous = this.states.get(service.id) ?? (await this.deps.repo.latestState(service.id));
    await this.deps.repo.insertCheck({ serviceId: service.id, at, state: result.state, latencyMs: result.latencyMs, error: result.error });
    if (result.state === 'down') await this.deps.repo.openOutage(service.id, at, result.error);
    else if (previous === 'down') await this.deps.repo.closeOutage(service.id, at);
    this.states.set(service.id, result.state);
    if (previous !== result.state) {
      this.deps.logger.info({ serviceId: service.id, previous, current: result.state, error: result.error }, 'Service state changed');
      await this.deps.events.publish('service.statusChanged', {
        serviceId: service.id,
        serviceName: service.name,
        kind: service.kind,
        previous,
        current: result.state,
        at: at.toISOString(),
        ...(result.error ? { error: result.error } : {}),
      });
    }
    return result;
  }

  /** Checks every configured service once (or those named), concurrently. */
  async checkAll(ids?: readonly string[]): Promise<Record<string, ProbeResult>> {
    const services = (await this.definitions()).filter((service) => !ids || ids.includes(service.id));
    const results = await Promise.all(services.map(async (service) => [service.id, await this.check(service)] as const));
    return Object.fromEntries(results);
  }

  async overview(principal: Principal): Promise<StatusOverview> {
    const now = this.deps.now();
    const [services, history, kuma] = await Promise.all([this.definitions(), this.deps.repo.history(now), this.deps.kumaCache.peek('page')]);
    const tiles: ServiceTile[] = services.map((service) => {
      const seen = history.get(service.id);
      return {
        id: service.id,
        name: service.name,
        kind: service.kind,
        state: seen?.state ?? 'unknown',
        latencyMs: seen?.latencyMs ?? null,
        checkedAt: iso(seen?.checkedAt ?? null),
        since: iso(seen?.since ?? null),
        lastError: seen?.lastError ?? null,
        lastErrorAt: iso(seen?.lastErrorAt ?? null),
        uptime: seen?.uptime ?? { h24: null, d7: null, d30: null },
        sparkline: (seen?.sparkline ?? []).map((point) => ({ ...point, at: new Date(point.at).toISOString() })),
        outages: (seen?.outages ?? []).map((outage) => ({
          startedAt: new Date(outage.startedAt).toISOString(),
          endedAt: iso(outage.endedAt),
          error: outage.error,
        })),
      };
    });
    const kumaConfigured = services.some((service) => service.id === 'uptime-kuma');
    const kumaLastGood = kumaConfigured && kuma ? kumaView({ ...kuma, stale: history.get('uptime-kuma')?.state === 'down' }) : null;
    return {
      services: tiles,
      kuma: kumaLastGood,
      breakers: principal.role === 'admin' ? this.deps.clients.upstreams.breakers() : [],
      generatedAt: new Date(now).toISOString(),
    };
  }

  maintain(): ReturnType<StatusRepository['maintain']> {
    return this.deps.repo.maintain(this.deps.now());
  }

  // ---- admin: settings ----

  async settings(): Promise<ServicesSettings> {
    return this.deps.store.view(await this.deps.repo.listCustomChecks());
  }

  async updatePlex(body: z.output<typeof UpdatePlexService>, actor: Principal): Promise<ServicesSettings> {
    const current = await this.deps.store.plex();
    if (!current) throw new AppError('SETUP_REQUIRED', 'Choose the Plex server in the setup wizard first.');
    if (body.url !== current.url) {
      // The same server at a new address, or nothing: the token and the library belong to that server.
      let identity;
      try {
        identity = await this.deps.clients.plex.identity(body.url);
      } catch (error) {
        const diagnosis = diagnoseError(error, 'Plex', 'a Plex Media Server');
        throw new AppError('VALIDATION_FAILED', `The new address does not work: ${diagnosis.message}`, [{ path: 'body.url', message: diagnosis.message }]);
      }
      if (identity.machineIdentifier !== current.machineIdentifier) {
        const message = 'A different Plex server answers at this address. To switch servers, run the setup again.';
        throw new AppError('VALIDATION_FAILED', message, [{ path: 'body.url', message }]);
      }
      await this.deps.store.updatePlexUrl(body.url, actor.userId);
    }
    await this.deps.store.savePlex(body, actor.userId);
    return this.settings();
  }

  async updateOverseerr(body: z.output<typeof UpdateOverseerrService>, actor: Principal): Promise<ServicesSettings> {
    if (!body.apiKey && !(await this.deps.store.overseerr())) {
      throw new AppError('VALIDATION_FAILED', 'Enter the Overseerr API key (Overseerr → Settings → General).', [
        { path: 'body.apiKey', message: 'Required the first time' },
      ]);
    }
    await this.deps.store.saveOverseerr(body, actor.userId);
    return this.settings();
  }

  async updateKuma(body: z.output<typeof UpdateKumaService>, actor: Principal): Promise<ServicesSettings> {
    if (body.metricsPassword && !body.metricsUsername && body.metricsUsername !== undefined) {
      throw new AppError('VALIDATION_FAILED', 'A metrics password needs a username too.', [{ path: 'body.metricsUsername', message: 'Required with a password' }]);
    }
    await this.deps.store.saveKuma(body, actor.userId);
    await this.deps.kumaCache.invalidate('page');
    return this.settings();
  }

  async updateTmdb(body: z.output<typeof UpdateTmdbService>, actor: Principal): Promise<ServicesSettings> {
    if (!body.apiKey && !(await this.deps.store.tmdb())) {
      throw new AppError('VALIDATION_FAILED', 'Enter the TMDB API key (v3).', [{ path: 'body.apiKey', message: 'Required the first time' }]);
    }
    await this.deps.store.saveTmdb(body, actor.userId);
    return this.settings();
  }

  async remove(service: 'plex' | 'overseerr' | 'uptime-kuma' | 'tmdb', actor: Principal): Promise<ServicesSettings> {
    if (service === 'plex') throw new AppError('CONFLICT', 'Plex cannot be removed: MediaNest signs people in through it. Change its address instead.');
    await this.deps.store.remove(service, actor.userId);
    if (service === 'uptime-kuma') await this.deps.kumaCache.invalidate('page');
    await this.deps.repo.forgetService(service);
    this.states.delete(service);
    return this.settings();
  }

  async test(service: 'plex' | 'overseerr' | 'uptime-kuma' | 'tmdb'): Promise<ConnectionTest> {
    const notConfigured = (name: string): ConnectionTest => ({
      ok: false,
      diagnosis: 'not-configured',
      message: `${name} is not configured yet: save its settings first.`,
      latencyMs: null,
      version: null,
    });
    switch (service) {
      case 'plex': {
        const plex = await this.deps.store.plex();
        return plex ? this.diagnostics.plex(plex) : notConfigured('Plex');
      }
      case 'overseerr': {
        const overseerr = await this.deps.store.overseerr();
        return overseerr ? this.diagnostics.overseerr(overseerr) : notConfigured('Overseerr');
      }
      case 'uptime-kuma': {
        const kuma = await this.deps.store.kuma();
        return kuma ? this.diagnostics.kuma(kuma) : notConfigured('Uptime Kuma');
      }
      case 'tmdb': {
        const tmdb = await this.deps.store.tmdb();
        return tmdb ? this.diagnostics.tmdb(tmdb) : notConfigured('TMDB');
      }
    }
  }

  // ---- admin: custom checks ----

  async createCheck(body: z.output<typeof CustomCheckInput>): Promise<CustomCheck> {
    return presentCheck(await this.deps.repo.createCustomCheck(body));
  }

  async updateCheck(id: string, body: z.output<typeof CustomCheckInput>): Promise<CustomCheck> {
    const row = await this.deps.repo.updateCustomCheck(id, body);
    if (!row) throw notFound('That check');
    return presentCheck(row);
  }

  async deleteCheck(id: string): Promise<void> {
    if (!(await this.deps.repo.deleteCustomCheck(id))) throw notFound('That check');
    await this.deps.repo.forgetService(`check:${id}`);
    this.states.delete(`check:${id}`);
  }

  async testCheck(id: string): Promise<ConnectionTest> {
    const row = await this.deps.repo.findCustomCheck(id);
    if (!row) throw notFound('That check');
    return this.diagnostics.check(row);
  }
}

function presentCheck(row: CustomCheckRow): CustomCheck {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    expectedStatus: row.expectedStatus,
    intervalSeconds: row.intervalSeconds,
    createdAt: row.createdAt.toISOString(),
  };
}
