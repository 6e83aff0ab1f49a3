import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../platform/db/database.js';
import type { ServiceState } from './status.events.js';
import { statusChecks, statusCustomChecks, statusOutages, statusRollups, statusServices, type CustomCheckRow } from './status.tables.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const RAW_RETENTION_MS = 7 * DAY;
export const ROLLUP_RETENTION_MS = 90 * DAY;
export const SPARK_BUCKET_MS = HOUR;
export const SPARK_BUCKETS = 24;

export interface CheckInput {
  serviceId: string;
  at: Date;
  state: ServiceState;
  latencyMs: number | null;
  error: string | null;
}

export interface ServiceHistory {
  state: ServiceState;
  latencyMs: number | null;
  checkedAt: number | null;
  since: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  uptime: { h24: number | null; d7: number | null; d30: number | null };
  sparkline: { at: number; latencyMs: number | null; state: ServiceState }[];
  outages: { startedAt: number; endedAt: number | null; error: string | null }[];
}

const floorHour = (ms: number) => Math.floor(ms / HOUR) * HOUR;
const ratio = (up: number, total: number) => (total > 0 ? up / total : null);
const ts = (ms: number) => new Date(ms).toISOString();

/** Checks, outages, rollups and custom checks: the status context's tables. */
export class StatusRepository {
  constructor(private readonly db: Database) {}

  /**
   * Stores one check: the raw row, its hour's rollup (incremented) and the service's current state (its
   * `since` moves only when the state changes; the last error is kept until another one replaces it).
   */
  async insertCheck(check: CheckInput): Promise<void> {
    const latencyMs = check.latencyMs === null ? null : Math.round(check.latencyMs);
    const error = check.error === null ? null : check.error.slice(0, 1000);
    const at = check.at.toISOString();
    const upLike = check.state === 'up' || check.state === 'degraded' ? 1 : 0;
    await this.db.insert(statusChecks).values({ serviceId: check.serviceId, checkedAt: check.at, state: check.state, latencyMs, error });
    await this.db.execute(
      sql`insert into status_rollups (service_id, hour, checks, up_checks, degraded_checks, down_checks, latency_sum_ms, latency_count, latency_max_ms)
          values (${check.serviceId}, date_trunc('hour', ${at}::timestamptz), 1, ${upLike}, ${check.state === 'degraded' ? 1 : 0},
            ${check.state === 'down' ? 1 : 0}, ${latencyMs ?? 0}, ${latencyMs === null ? 0 : 1}, ${latencyMs})
          on conflict (service_id, hour) do update set
            checks = status_rollups.checks + 1,
            up_checks = status_rollups.up_checks + excluded.up_checks,
            degraded_checks = status_rollups.degraded_checks + excluded.degraded_checks,
            down_checks = status_rollups.down_checks + excluded.down_checks,
            latency_sum_ms = status_rollups.latency_sum_ms + excluded.latency_sum_ms,
            latency_count = status_rollups.latency_count + excluded.latency_count,
            latency_max_ms = greatest(status_rollups.latency_max_ms, excluded.latency_max_ms)`,
    );
    await this.db.execute(
      sql`insert into status_services (service_id, state, since, checked_at, latency_ms, last_error, last_error_at)
          values (${check.serviceId}, ${check.state}, ${at}::timestamptz, ${at}::timestamptz, ${latencyMs}, ${error},
            ${error === null ? null : at}::timestamptz)
          on conflict (service_id) do update set
            since = case when status_services.state = excluded.state then status_services.since else excluded.since end,
            state = excluded.state,
            checked_at = excluded.checked_at,
            latency_ms = excluded.latency_ms,
            last_error = coalesce(excluded.last_error, status_services.last_error),
            last_error_at = coalesce(excluded.last_error_at, status_services.last_error_at)`,
    );
  }

  /** The latest stored state of a service (survives restarts); unknown without checks. */
  async latestState(serviceId: string): Promise<ServiceState> {
    const [row] = await this.db.select({ state: statusServices.state }).from(statusServices).where(eq(statusServices.serviceId, serviceId)).limit(1);
    return (row?.state as ServiceState | undefined) ?? 'unknown';
  }

  async openOutage(serviceId: string, at: Date, error: string | null): Promise<void> {
    const [open] = await this.db
      .select({ id: statusOutages.id })
      .from(statusOutages)
      .where(and(eq(statusOutages.serviceId, serviceId), isNull(statusOutages.endedAt)))
      .limit(1);
    if (!open) await this.db.insert(statusOutages).values({ serviceId, startedAt: at, error });
  }

  async closeOutage(serviceId: string, at: Date): Promise<void> {
    await this.db
      .update(statusOutages)
      .set({ endedAt: at })
      .where(and(eq(statusOutages.serviceId, serviceId), isNull(statusOutages.endedAt)));
  }

  /** Everything a tile shows, for every service that has checks, from the current-state and rollup tables only. */
  async history(nowMs: number, outagesPerService = 5): Promise<Map<string, ServiceHistory>> {
    const hourNow = floorHour(nowMs);
    // Windows of whole hours, the current one included: 24 h = the current hour and the 23 before it.
    const from24 = ts(hourNow - 23 * HOUR);
    const from7 = ts(hourNow - (7 * 24 - 1) * HOUR);
    const from30 = ts(hourNow - (30 * 24 - 1) * HOUR);
    const result = new Map<string, ServiceHistory>();

    const current = await this.db.select().from(statusServices);
    for (const row of current) {
      result.set(row.serviceId, {
        state: row.state as ServiceState,
        latencyMs: row.latencyMs,
        checkedAt: row.checkedAt.getTime(),
        since: row.since.getTime(),
        lastError: row.lastError,
        lastErrorAt: row.lastErrorAt?.getTime() ?? null,
        uptime: { h24: null, d7: null, d30: null },
        sparkline: [],
        outages: [],
      });
    }

    const uptime = await queryRows<{ service_id: string; n24: number; up24: number; n7: number; up7: number; n30: number; up30: number }>(
      this.db,
      sql`select service_id,
            coalesce(sum(checks) filter (where hour >= ${from24}), 0)::int as n24,
            coalesce(sum(up_checks) filter (where hour >= ${from24}), 0)::int as up24,
            coalesce(sum(checks) filter (where hour >= ${from7}), 0)::int as n7,
            coalesce(sum(up_checks) filter (where hour >= ${from7}), 0)::int as up7,
            sum(checks)::int as n30, sum(up_checks)::int as up30
          from status_rollups where hour >= ${from30} group by service_id`,
    );
    for (const row of uptime) {
      const entry = result.get(row.service_id);
      if (entry) entry.uptime = { h24: ratio(row.up24, row.n24), d7: ratio(row.up7, row.n7), d30: ratio(row.up30, row.n30) };
    }

    const hours = await queryRows<{ service_id: string; at: number; latency: number | null; down: number; degraded: number; checks: number }>(
      this.db,
      sql`select service_id, extract(epoch from hour)::float8 * 1000 as at,
            case when latency_count > 0 then (latency_sum_ms::float8 / latency_count) else null end as latency,
            down_checks as down, degraded_checks as degraded, checks
          from status_rollups where hour >= ${from24}`,
    );
    const byService = new Map<string, Map<number, (typeof hours)[number]>>();
    for (const row of hours) {
      let map = byService.get(row.service_id);
      if (!map) byService.set(row.service_id, (map = new Map()));
      map.set(Number(row.at), row);
    }
    for (const [serviceId, entry] of result) {
      const map = byService.get(serviceId);
      entry.sparkline = Array.from({ length: SPARK_BUCKETS }, (_, i) => {
        const at = hourNow - (SPARK_BUCKETS - 1 - i) * HOUR;
        const bucket = map?.get(at);
        const state: ServiceState = !bucket || bucket.checks === 0 ? 'unknown' : bucket.down > 0 ? 'down' : bucket.degraded > 0 ? 'degraded' : 'up';
        return { at, latencyMs: bucket?.latency === null || bucket === undefined ? null : Math.round(Number(bucket.latency)), state };
      });
    }

    const outages = await queryRows<{ service_id: string; started: number; ended: number | null; error: string | null }>(
      this.db,
      sql`select service_id, started, ended, error from (
            select service_id, extract(epoch from started_at)::float8 * 1000 as started,
              extract(epoch from ended_at)::float8 * 1000 as ended, error,
              row_number() over (partition by service_id order by started_at desc) as rn
            from status_outages where started_at >= ${from30} or ended_at is null) o
          where rn <= ${outagesPerService} order by started desc`,
    );
    for (const row of outages) {
      result.get(row.service_id)?.outages.push({
        startedAt: Number(row.started),
        endedAt: row.ended === null ? null : Number(row.ended),
        error: row.error,
      });
    }
    return result;
  }

  /** Retention: raw checks older than 7 days, rollups and closed outages older than 90 days. */
  async maintain(nowMs: number): Promise<{ deletedChecks: number; deletedRollups: number }> {
    const deletedChecks = await this.db
      .delete(statusChecks)
      .where(lt(statusChecks.checkedAt, new Date(nowMs - RAW_RETENTION_MS)))
      .returning({ id: statusChecks.id });
    const deletedRollups = await this.db
      .delete(statusRollups)
      .where(lt(statusRollups.hour, new Date(nowMs - ROLLUP_RETENTION_MS)))
      .returning({ id: statusRollups.serviceId });
    await this.db.delete(statusOutages).where(lt(statusOutages.endedAt, new Date(nowMs - ROLLUP_RETENTION_MS)));
    return { deletedChecks: deletedChecks.length, deletedRollups: deletedRollups.length };
  }

  async forgetService(serviceId: string): Promise<void> {
    await this.db.delete(statusChecks).where(eq(statusChecks.serviceId, serviceId));
    await this.db.delete(statusRollups).where(eq(statusRollups.serviceId, serviceId));
    await this.db.delete(statusOutages).where(eq(statusOutages.serviceId, serviceId));
    await this.db.delete(statusServices).where(eq(statusServices.serviceId, serviceId));
  }

  // ---- custom checks ----

  listCustomChecks(): Promise<CustomCheckRow[]> {
    return this.db.select().from(statusCustomChecks).orderBy(statusCustomChecks.createdAt);
  }

  async findCustomCheck(id: string): Promise<CustomCheckRow | undefined> {
    const [row] = await this.db.select().from(statusCustomChecks).where(eq(statusCustomChecks.id, id)).limit(1);
    return row;
  }

  async createCustomCheck(values: Omit<CustomCheckRow, 'id' | 'createdAt'>): Promise<CustomCheckRow> {
    const [row] = await this.db.insert(statusCustomChecks).values(values).returning();
    return row!;
  }

  async updateCustomCheck(id: string, values: Omit<CustomCheckRow, 'id' | 'createdAt'>): Promise<CustomCheckRow | undefined> {
    const [row] = await this.db.update(statusCustomChecks).set(values).where(eq(statusCustomChecks.id, id)).returning();
    return row;
  }

  async deleteCustomCheck(id: string): Promise<boolean> {
    const rows = await this.db.delete(statusCustomChecks).where(eq(statusCustomChecks.id, id)).returning({ id: statusCustomChecks.id });
    return rows.length > 0;
  }
}
