CREATE TABLE "email_inbound_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_key" text NOT NULL,
	"folder" text NOT NULL,
	"uid_validity" text NOT NULL,
	"uid" integer NOT NULL,
	"from_address" text,
	"from_name" text,
	"subject" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sent_at" timestamp with time zone,
	"outcome" text,
	"outcome_detail" text,
	"demand_id" uuid,
	"outbox_id" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"last_error" text,
	"retry_at" timestamp with time zone,
	CONSTRAINT "email_inbound_messages_message_key_unique" UNIQUE("message_key")
);
--> statement-breakpoint
CREATE TABLE "email_reader_leases" (
	"folder" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"lease_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dev_mailbox" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "email_message_id" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "bounced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "bounce_detail" text;--> statement-breakpoint
ALTER TABLE "email_inbound_messages" ADD CONSTRAINT "email_inbound_messages_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_inbound_messages" ADD CONSTRAINT "email_inbound_messages_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_inbound_uid_key" ON "email_inbound_messages" USING btree ("folder","uid_validity","uid");--> statement-breakpoint
CREATE INDEX "email_inbound_demand_idx" ON "email_inbound_messages" USING btree ("demand_id","received_at");--> statement-breakpoint
CREATE INDEX "email_inbound_sender_idx" ON "email_inbound_messages" USING btree ("from_address","received_at");--> statement-breakpoint
CREATE INDEX "email_inbound_failed_idx" ON "email_inbound_messages" USING btree ("received_at") WHERE "email_inbound_messages"."processed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_email_message_id_key" ON "outbox" USING btree ("email_message_id");--> statement-breakpoint
CREATE INDEX "outbox_bounced_idx" ON "outbox" USING btree ("bounced_at") WHERE "outbox"."bounced_at" is not null;