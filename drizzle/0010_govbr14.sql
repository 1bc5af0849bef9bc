CREATE TYPE "public"."govbr_trust_level" AS ENUM('bronze', 'prata', 'ouro');--> statement-breakpoint
CREATE TABLE "govbr_link_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"cpf" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"trust_level" "govbr_trust_level",
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "govbr_link_requests_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "govbr_cpf" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "govbr_trust_level" "govbr_trust_level";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "govbr_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "govbr_link_requests" ADD CONSTRAINT "govbr_link_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demands_requester_cpf_idx" ON "demands" USING btree ("requester_cpf","created_at");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_govbr_cpf_unique" UNIQUE("govbr_cpf");