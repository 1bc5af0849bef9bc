CREATE TABLE "service_charter_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"charter_id" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by_user_id" uuid,
	"changed_by_name" text NOT NULL,
	"fields" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_charters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"category_id" uuid,
	"name" text,
	"department_id" uuid,
	"deadline_text" text,
	"summary" text NOT NULL,
	"audience" text NOT NULL,
	"requirements" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"channels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"priority_rules" text NOT NULL,
	"expected_wait" text NOT NULL,
	"fees" text NOT NULL,
	"location" text NOT NULL,
	"hours" text NOT NULL,
	"life_events" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_charters_slug_unique" UNIQUE("slug"),
	CONSTRAINT "service_charters_category_id_unique" UNIQUE("category_id"),
	CONSTRAINT "service_charters_own_or_category" CHECK (("service_charters"."category_id" is null and "service_charters"."name" is not null and "service_charters"."department_id" is not null) or ("service_charters"."category_id" is not null and "service_charters"."name" is null and "service_charters"."department_id" is null and "service_charters"."deadline_text" is null))
);
--> statement-breakpoint
ALTER TABLE "service_charter_changes" ADD CONSTRAINT "service_charter_changes_charter_id_service_charters_id_fk" FOREIGN KEY ("charter_id") REFERENCES "public"."service_charters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_charter_changes" ADD CONSTRAINT "service_charter_changes_changed_by_user_id_users_id_fk" FOREIGN KEY ("changed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_charters" ADD CONSTRAINT "service_charters_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_charters" ADD CONSTRAINT "service_charters_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_charter_changes_charter_idx" ON "service_charter_changes" USING btree ("charter_id","changed_at");