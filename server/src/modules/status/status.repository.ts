import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../platform/db/database.js';
import type { ServiceState } from './status.events.js';
import { statusChecks, statusCustomChecks, statusOutages, statusRollups, type CustomCheckRow } from './status.tables.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const RAW_RETENTION_MS = 7 * DAY;
export const ROLLUP_RETENTION_MS = 90 * DAY;
export const SPARK_BUCKET_MS = 30 * 60_000;

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

const severity = sql`case state when 'down' then 3 when 'degraded' then 2 when 'up' then 1 else 0 end`;
const stateOfSeverity = (value: number): ServiceState => (value === 3 ? 'down' : value === 2 ? 'degraded' : value === 1 ? 'up' : 'unknown');
const floorHour = (ms: number) => Math.floor(ms / HOUR) * HOUR;
const ratio = (up: number, total: number) => (total > 0 ? up / total : null);
const ts = (ms: number) => new Date(ms).toISOString();

/** Checks, outages, rollups and custom checks: the status context's tables. */
export class StatusRepository {
  constructor(private readonly db: Database) {}

  async insertCheck(check: CheckInput): Promise<void> {
    await this.db.insert(statusChecks).values({
      serviceId: check.serviceId,
      checkedAt: check.at,
      state: check.state,
      latencyMs: check.latencyMs === null ? null : Math.round(check.latencyMs),
      error: check.error === null ? null : check.error.slice(0, 1000),
    });
  }

  /** The latest stored state of a service (survives restarts); unknown without checks. */
  async latestState(serviceId: string): Promise<ServiceState> {
    const [row] = await this.db
      .select({ state: statusChecks.state })
      .from(statusChecks)
      .where(eq(statusChecks.serviceId, serviceId))
      .orderBy(sql`${statusChecks.checkedAt} desc`)
      .limit(1);
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

  /** Everything a tile shows, for every service that has checks, in a handful of queries. */
  async history(nowMs: number, outagesPerService = 5): Promise<Map<string, ServiceHistory>> {
    const since24 = ts(nowMs - DAY);
    const start7 = floorHour(nowMs - 7 * DAY);
    const start30 = ts(nowMs - 30 * DAY);
    const result = new Map<string, ServiceHistory>();

    const latest = await queryRows<{ service_id: string; state: string; latency_ms: number | null; at: number; since: number | null }>(
      this.db,
      sql`select l.service_id, l.state, l.latency_ms, extract(epoch from l.checked_at)::float8 * 1000 as at,
            (select extract(epoch from min(c.checked_at))::float8 * 1000 from status_checks c
              where c.service_id = l.service_id and c.checked_at > coalesce(
                (select max(d.checked_at) from status_checks d where d.service_id = l.service_id and d.state <> l.state),
                '-infinity'::timestamptz)) as since
          from (select distinct on (service_id) service_id, state, latency_ms, checked_at
                  from status_checks order by service_id, checked_at desc) l`,
    );
    for (const row of latest) {
      result.set(row.service_id, {
        state: row.state as ServiceState,
        latencyMs: row.latency_ms,
        checkedAt: Number(row.at),
        since: row.since === null ? null : Number(row.since),
        lastError: null,
        lastErrorAt: null,
        uptime: { h24: null, d7: null, d30: null },
        sparkline: [],
        outages: [],
      });
    }

    const errors = await queryRows<{ service_id: string; error: string; at: number }>(
      this.db,
      sql`select distinct on (service_id) service_id, error, extract(epoch from checked_at)::float8 * 1000 as at
          from status_checks where error is not null order by service_id, checked_at desc`,
    );
    for (const row of errors) {
      const entry = result.get(row.service_id);
      if (entry) Object.assign(entry, { lastError: row.error, lastErrorAt: Number(row.at) });
    }

    const uptime = await queryRows<{ service_id: string; n24: number; up24: number; n7: number; up7: number }>(
      this.db,
      sql`select service_id,
            count(*) filter (where checked_at >= ${since24})::int as n24,
            count(*) filter (where checked_at >= ${since24} and state in ('up', 'degraded'))::int as up24,
            count(*)::int as n7,
            count(*) filter (where state in ('up', 'degraded'))::int as up7
          from status_checks where checked_at >= ${ts(start7)} group by service_id`,
    );
    const rollups = await queryRows<{ service_id: string; n: number; up: number }>(
      this.db,
      sql`select service_id, sum(checks)::int as n, sum(up_checks)::int as up from status_rollups
          where hour >= ${start30} and hour < ${ts(start7)} group by service_id`,
    );
    const older = new Map(rollups.map((row) => [row.service_id, row]));
    for (const row of uptime) {
      const entry = result.get(row.service_id);
      if (!entry) continue;
      const old = older.get(row.service_id);
      entry.uptime = {
        h24: ratio(row.up24, row.n24),
        d7: ratio(row.up7, row.n7),
        d30: ratio(row.up7 + (old?.up ?? 0), row.n7 + (old?.n ?? 0)),
      };
    }

    const buckets = await queryRows<{ service_id: string; b: number; latency: number | null; worst: number }>(
      this.db,
      sql`select service_id, floor(extract(epoch from checked_at) * 1000 / ${SPARK_BUCKET_MS})::float8 as b,
            avg(latency_ms) filter (where state in ('up', 'degraded'))::float8 as latency,
            max(${severity})::int as worst
          from status_checks where checked_at >= ${since24} group by 1, 2`,
    );
    const firstBucket = Math.floor((nowMs - DAY) / SPARK_BUCKET_MS) + 1;
    const byService = new Map<string, Map<number, { latency: number | null; worst: number }>>();
    for (const row of buckets) {
      let map = byService.get(row.service_id);
      if (!map) byService.set(row.service_id, (map = new Map()));
      map.set(Number(row.b), { latency: row.latency === null ? null : Math.round(Number(row.latency)), worst: row.worst });
    }
    for (const [serviceId, entry] of result) {
      const map = byService.get(serviceId);
      entry.sparkline = Array.from({ length: 48 }, (_, i) => {
        const bucket = map?.get(firstBucket + i);
        return {
          at: (firstBucket + i) * SPARK_BUCKET_MS,
          latencyMs: bucket?.latency ?? null,
          state: bucket ? stateOfSeverity(bucket.worst) : 'unknown',
        };
      });
    }

    const outages = await queryRows<{ service_id: string; started: number; ended: number | null; error: string | null }>(
      this.db,
      sql`select service_id, started, ended, error from (
            select service_id, extract(epoch from started_at)::float8 * 1000 as started,
              extract(epoch from ended_at)::float8 * 1000 as ended, error,
              row_number() over (partition by service_id order by started_at desc) as rn
            from status_outages where started_at >= ${start30} or ended_at is null) o
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

  /**
   * Hourly rollups of the raw checks (idempotent: recomputes the hours still in the raw table), then the
   * retention: raw checks older than 7 days, rollups older than 90 days, closed outages older than 90 days.
   */
  async maintain(nowMs: number): Promise<{ rolledUp: number; deletedChecks: number; deletedRollups: number }> {
    const currentHour = ts(floorHour(nowMs));
    const rolled = await queryRows<{ n: number }>(
      this.db,
      sql`with up as (
            insert into status_rollups (service_id, hour, checks, up_checks, latency_avg_ms, latency_max_ms)
            select service_id, date_trunc('hour', checked_at), count(*)::int,
              count(*) filter (where state in ('up', 'degraded'))::int,
              round(avg(latency_ms))::int, max(latency_ms)::int
            from status_checks where checked_at < ${currentHour}
            group by service_id, date_trunc('hour', checked_at)
            on conflict (service_id, hour) do update set checks = excluded.checks, up_checks = excluded.up_checks,
              latency_avg_ms = excluded.latency_avg_ms, latency_max_ms = excluded.latency_max_ms
            returning 1)
          select count(*)::int as n from up`,
    );
    const deletedChecks = await this.db
      .delete(statusChecks)
      .where(lt(statusChecks.checkedAt, new Date(nowMs - RAW_RETENTION_MS)))
      .returning({ id: statusChecks.id });
    const deletedRollups = await this.db
      .delete(statusRollups)
      .where(lt(statusRollups.hour, new Date(nowMs - ROLLUP_RETENTION_MS)))
      .returning({ id: statusRollups.serviceId });
    await this.db.delete(statusOutages).where(lt(statusOutages.endedAt, new Date(nowMs - ROLLUP_RETENTION_MS)));
    return { rolledUp: rolled[0]?.n ?? 0, deletedChecks: deletedChecks.length, deletedRollups: deletedRollups.length };
  }

  async forgetService(serviceId: string): Promise<void> {
    await this.db.delete(statusChecks).where(eq(statusChecks.serviceId, serviceId));
    await this.db.delete(statusRollups).where(eq(statusRollups.serviceId, serviceId));
    await this.db.delete(statusOutages).where(eq(statusOutages.serviceId, serviceId));
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
