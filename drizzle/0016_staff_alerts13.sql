CREATE TABLE "staff_alert_reads" (
	"alert_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_alert_reads_alert_id_user_id_pk" PRIMARY KEY("alert_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "staff_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"audience_role" "role",
	"audience_department_id" uuid,
	"audience_user_id" uuid,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_alerts_dedupe_key_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "staff_alerts_one_audience" CHECK (num_nonnulls("staff_alerts"."audience_role", "staff_alerts"."audience_department_id", "staff_alerts"."audience_user_id") = 1)
);
--> statement-breakpoint
ALTER TABLE "staff_alert_reads" ADD CONSTRAINT "staff_alert_reads_alert_id_staff_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."staff_alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_alert_reads" ADD CONSTRAINT "staff_alert_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_alerts" ADD CONSTRAINT "staff_alerts_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_alerts" ADD CONSTRAINT "staff_alerts_audience_department_id_departments_id_fk" FOREIGN KEY ("audience_department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_alerts" ADD CONSTRAINT "staff_alerts_audience_user_id_users_id_fk" FOREIGN KEY ("audience_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_alerts_role_idx" ON "staff_alerts" USING btree ("audience_role","created_at");--> statement-breakpoint
CREATE INDEX "staff_alerts_department_idx" ON "staff_alerts" USING btree ("audience_department_id","created_at");--> statement-breakpoint
CREATE INDEX "staff_alerts_user_idx" ON "staff_alerts" USING btree ("audience_user_id","created_at");--> statement-breakpoint
CREATE INDEX "staff_alerts_demand_idx" ON "staff_alerts" USING btree ("demand_id");