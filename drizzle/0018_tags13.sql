CREATE TYPE "public"."demand_priority" AS ENUM('normal', 'high', 'elderly', 'elderly_80', 'legal');--> statement-breakpoint
CREATE TYPE "public"."macro_action" AS ENUM('public_reply', 'request_info', 'answer', 'note');--> statement-breakpoint
ALTER TYPE "public"."demand_event_type" ADD VALUE 'tag_added';--> statement-breakpoint
ALTER TYPE "public"."demand_event_type" ADD VALUE 'tag_removed';--> statement-breakpoint
ALTER TYPE "public"."demand_event_type" ADD VALUE 'priority_changed';--> statement-breakpoint
CREATE TABLE "demand_tags" (
	"demand_id" uuid NOT NULL,
	"tag_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demand_tags_demand_id_tag_id_pk" PRIMARY KEY("demand_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "macros" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"answer_template_id" uuid NOT NULL,
	"action" "macro_action" NOT NULL,
	"tag_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"department_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "priority" "demand_priority" DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE "demand_tags" ADD CONSTRAINT "demand_tags_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_tags" ADD CONSTRAINT "demand_tags_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "macros" ADD CONSTRAINT "macros_answer_template_id_answer_templates_id_fk" FOREIGN KEY ("answer_template_id") REFERENCES "public"."answer_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "macros" ADD CONSTRAINT "macros_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demand_tags_tag_idx" ON "demand_tags" USING btree ("tag_id","demand_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tags_name_idx" ON "tags" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "demands_priority_idx" ON "demands" USING btree ("priority","due_on") WHERE "demands"."priority" <> 'normal';