CREATE TYPE "public"."appeal_decision" AS ENUM('granted', 'denied');--> statement-breakpoint
CREATE TYPE "public"."denial_ground" AS ENUM('classified', 'personal_data', 'generic', 'disproportionate', 'extra_work');--> statement-breakpoint
CREATE TYPE "public"."information_appeal_kind" AS ENUM('appeal', 'omission_complaint');--> statement-breakpoint
CREATE TYPE "public"."information_outcome" AS ENUM('granted', 'partly_granted', 'denied', 'not_held');--> statement-breakpoint
ALTER TYPE "public"."demand_event_type" ADD VALUE 'appeal_filed';--> statement-breakpoint
ALTER TYPE "public"."demand_event_type" ADD VALUE 'omission_complaint_filed';--> statement-breakpoint
ALTER TYPE "public"."demand_event_type" ADD VALUE 'appeal_decided';--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'appeal_authority';--> statement-breakpoint
CREATE TABLE "information_appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"kind" "information_appeal_kind" NOT NULL,
	"instance" smallint NOT NULL,
	"reason" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"due_on" date NOT NULL,
	"decision" "appeal_decision",
	"decision_text" text,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	CONSTRAINT "information_appeals_instance_check" CHECK ("information_appeals"."instance" in (1, 2))
);
--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "information_outcome" "information_outcome";--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "denial_ground" "denial_ground";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "appeal_instances" smallint[] DEFAULT '{}'::smallint[] NOT NULL;--> statement-breakpoint
ALTER TABLE "information_appeals" ADD CONSTRAINT "information_appeals_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_appeals" ADD CONSTRAINT "information_appeals_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "information_appeals_demand_kind_instance_key" ON "information_appeals" USING btree ("demand_id","kind","instance");--> statement-breakpoint
CREATE INDEX "information_appeals_pending_idx" ON "information_appeals" USING btree ("instance","due_on") WHERE "information_appeals"."decision" is null;--> statement-breakpoint
CREATE INDEX "information_appeals_filed_idx" ON "information_appeals" USING btree ("filed_at");--> statement-breakpoint
CREATE INDEX "demands_information_year_idx" ON "demands" USING btree ("protocol_year","information_outcome","denial_ground","extension_used","created_at","answered_at") WHERE "demands"."kind" = 'information';