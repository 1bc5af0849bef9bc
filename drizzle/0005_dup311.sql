-- pg_trgm: similar descriptions for "Já pediram isto aqui perto" (PGlite loads it in lib/db/pglite-extensions.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TYPE "public"."demand_event_type" ADD VALUE 'duplicate_linked';--> statement-breakpoint
ALTER TYPE "public"."demand_event_type" ADD VALUE 'duplicate_unlinked';--> statement-breakpoint
CREATE TABLE "open311_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"contact_email" text,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"created_by_user_id" uuid,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "open311_clients_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "duplicate_radius_meters" smallint DEFAULT 50 NOT NULL;--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "duplicate_of_id" uuid;--> statement-breakpoint
ALTER TABLE "open311_clients" ADD CONSTRAINT "open311_clients_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_duplicate_of_id_demands_id_fk" FOREIGN KEY ("duplicate_of_id") REFERENCES "public"."demands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demands_duplicate_of_idx" ON "demands" USING btree ("duplicate_of_id") WHERE "demands"."duplicate_of_id" is not null;--> statement-breakpoint
CREATE INDEX "demands_open_category_point_idx" ON "demands" USING btree ("category_id","latitude","longitude") WHERE "demands"."state" in ('received', 'forwarded', 'in_progress', 'awaiting_citizen');