CREATE TABLE "status_checks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"latency_ms" integer,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "status_custom_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"expected_status" integer DEFAULT 200 NOT NULL,
	"interval_seconds" integer DEFAULT 60 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_outages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "status_rollups" (
	"service_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"checks" integer NOT NULL,
	"up_checks" integer NOT NULL,
	"latency_avg_ms" integer,
	"latency_max_ms" integer,
	CONSTRAINT "status_rollups_service_id_hour_pk" PRIMARY KEY("service_id","hour")
);
--> statement-breakpoint
CREATE INDEX "status_checks_service_time_idx" ON "status_checks" USING btree ("service_id","checked_at");--> statement-breakpoint
CREATE INDEX "status_outages_service_idx" ON "status_outages" USING btree ("service_id","started_at");--> statement-breakpoint
CREATE INDEX "status_outages_open_idx" ON "status_outages" USING btree ("service_id") WHERE "status_outages"."ended_at" is null;