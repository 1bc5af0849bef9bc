CREATE TYPE "public"."data_protection_request_scope" AS ENUM('demands', 'account');--> statement-breakpoint
CREATE TYPE "public"."data_protection_request_state" AS ENUM('pending', 'granted', 'denied');--> statement-breakpoint
ALTER TYPE "public"."demand_event_type" ADD VALUE 'anonymised';--> statement-breakpoint
CREATE TABLE "data_protection_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"scope" "data_protection_request_scope" NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"state" "data_protection_request_state" DEFAULT 'pending' NOT NULL,
	"due_on" date NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"decision" text,
	"anonymised_demands" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requester_profiles" (
	"demand_id" uuid PRIMARY KEY NOT NULL,
	"age_range" text,
	"gender" text,
	"race" text,
	"education" text
);
--> statement-breakpoint
CREATE TABLE "retention_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dry_run" boolean NOT NULL,
	"trigger" text NOT NULL,
	"rule" jsonb NOT NULL,
	"selected" integer NOT NULL,
	"anonymised" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "data_protection_officer" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "data_protection_requests" ADD CONSTRAINT "data_protection_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_protection_requests" ADD CONSTRAINT "data_protection_requests_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requester_profiles" ADD CONSTRAINT "requester_profiles_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_protection_requests_state_due_idx" ON "data_protection_requests" USING btree ("state","due_on");--> statement-breakpoint
CREATE INDEX "data_protection_requests_user_idx" ON "data_protection_requests" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "retention_runs_started_idx" ON "retention_runs" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "demands_retention_idx" ON "demands" USING btree ("kind","closed_at") WHERE "demands"."anonymised_at" is null and "demands"."state" in ('closed', 'archived');