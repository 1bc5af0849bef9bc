ALTER TYPE "public"."demand_event_type" ADD VALUE 'status_links_revoked';--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "status_link_generation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "rate_limits_window_ends_idx" ON "rate_limits" USING btree ("window_ends_at");