ALTER TYPE "public"."demand_event_type" ADD VALUE 'publication_changed';--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "description_publishable" boolean DEFAULT false NOT NULL;