ALTER TYPE "public"."demand_event_type" ADD VALUE 'status_links_revoked';--> statement-breakpoint
CREATE TABLE "intake_submissions" (
	"key" text PRIMARY KEY NOT NULL,
	"demand_id" uuid,
	"sealed_access_code" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "status_link_generation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "intake_submissions" ADD CONSTRAINT "intake_submissions_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intake_submissions_expires_at_idx" ON "intake_submissions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "rate_limits_window_ends_idx" ON "rate_limits" USING btree ("window_ends_at");