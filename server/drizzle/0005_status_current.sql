-- The dashboard reads the current state and the hourly rollups only (no scan of the raw checks):
-- status_services holds each service's state, since when and its last error; the rollups gain the counts
-- and latency sums that every check now increments. Existing data is carried over.
CREATE TABLE "status_services" (
	"service_id" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"latency_ms" integer,
	"last_error" text,
	"last_error_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "status_rollups" ADD COLUMN "degraded_checks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "status_rollups" ADD COLUMN "down_checks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "status_rollups" ADD COLUMN "latency_sum_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "status_rollups" ADD COLUMN "latency_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "status_rollups" SET
	"down_checks" = "checks" - "up_checks",
	"latency_sum_ms" = coalesce("latency_avg_ms", 0)::bigint * "checks",
	"latency_count" = CASE WHEN "latency_avg_ms" IS NULL THEN 0 ELSE "checks" END;--> statement-breakpoint
INSERT INTO "status_rollups" ("service_id", "hour", "checks", "up_checks", "degraded_checks", "down_checks", "latency_sum_ms", "latency_count", "latency_max_ms")
	SELECT "service_id", date_trunc('hour', "checked_at"), count(*)::int,
		(count(*) FILTER (WHERE "state" IN ('up', 'degraded')))::int,
		(count(*) FILTER (WHERE "state" = 'degraded'))::int,
		(count(*) FILTER (WHERE "state" = 'down'))::int,
		coalesce(sum("latency_ms"), 0)::bigint, count("latency_ms")::int, max("latency_ms")
	FROM "status_checks" GROUP BY 1, 2
	ON CONFLICT ("service_id", "hour") DO UPDATE SET
		"checks" = excluded."checks", "up_checks" = excluded."up_checks", "degraded_checks" = excluded."degraded_checks",
		"down_checks" = excluded."down_checks", "latency_sum_ms" = excluded."latency_sum_ms",
		"latency_count" = excluded."latency_count", "latency_max_ms" = excluded."latency_max_ms";--> statement-breakpoint
INSERT INTO "status_services" ("service_id", "state", "since", "checked_at", "latency_ms", "last_error", "last_error_at")
	SELECT l."service_id", l."state",
		coalesce((SELECT min(c."checked_at") FROM "status_checks" c WHERE c."service_id" = l."service_id" AND c."checked_at" > coalesce(
			(SELECT max(d."checked_at") FROM "status_checks" d WHERE d."service_id" = l."service_id" AND d."state" <> l."state"),
			'-infinity'::timestamptz)), l."checked_at"),
		l."checked_at", l."latency_ms", e."error", e."checked_at"
	FROM (SELECT DISTINCT ON ("service_id") * FROM "status_checks" ORDER BY "service_id", "checked_at" DESC) l
	LEFT JOIN (SELECT DISTINCT ON ("service_id") "service_id", "error", "checked_at" FROM "status_checks"
		WHERE "error" IS NOT NULL ORDER BY "service_id", "checked_at" DESC) e ON e."service_id" = l."service_id";--> statement-breakpoint
ALTER TABLE "status_rollups" ALTER COLUMN "degraded_checks" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "status_rollups" ALTER COLUMN "down_checks" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "status_rollups" ALTER COLUMN "latency_sum_ms" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "status_rollups" ALTER COLUMN "latency_count" DROP DEFAULT;--> statement-breakpoint
CREATE INDEX "status_checks_time_idx" ON "status_checks" USING btree ("checked_at");--> statement-breakpoint
ALTER TABLE "status_rollups" DROP COLUMN "latency_avg_ms";
