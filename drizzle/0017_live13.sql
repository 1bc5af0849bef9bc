CREATE TABLE "demand_presence" (
	"demand_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"activity" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "demand_presence_demand_id_user_id_pk" PRIMARY KEY("demand_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "demand_presence" ADD CONSTRAINT "demand_presence_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_presence" ADD CONSTRAINT "demand_presence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demand_presence_seen_idx" ON "demand_presence" USING btree ("seen_at");