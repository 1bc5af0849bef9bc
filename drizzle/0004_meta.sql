ALTER TYPE "public"."channel" ADD VALUE 'messenger' BEFORE 'api';--> statement-breakpoint
ALTER TYPE "public"."channel" ADD VALUE 'instagram' BEFORE 'api';--> statement-breakpoint
ALTER TYPE "public"."outbox_channel" ADD VALUE 'messenger';--> statement-breakpoint
ALTER TYPE "public"."outbox_channel" ADD VALUE 'instagram';--> statement-breakpoint
CREATE TABLE "messenger_contact_demands" (
	"contact_id" uuid NOT NULL,
	"demand_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messenger_contact_demands_contact_id_demand_id_pk" PRIMARY KEY("contact_id","demand_id")
);
--> statement-breakpoint
CREATE TABLE "messenger_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform" text NOT NULL,
	"scoped_id" text NOT NULL,
	"profile_name" text,
	"last_inbound_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messenger_contacts_platform_scoped_id_unique" UNIQUE("platform","scoped_id")
);
--> statement-breakpoint
CREATE TABLE "messenger_conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"step" text DEFAULT 'start' NOT NULL,
	"state" jsonb DEFAULT '{"step":"start"}'::jsonb NOT NULL,
	"last_activity_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messenger_conversations_contact_id_unique" UNIQUE("contact_id")
);
--> statement-breakpoint
CREATE TABLE "messenger_inbound_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform" text NOT NULL,
	"message_id" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"demand_id" uuid,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"last_error" text,
	"retry_at" timestamp with time zone,
	CONSTRAINT "messenger_inbound_platform_message_unique" UNIQUE("platform","message_id")
);
--> statement-breakpoint
CREATE TABLE "messenger_outbound_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contact_id" uuid NOT NULL,
	"outbox_id" uuid,
	"demand_id" uuid,
	"kind" text NOT NULL,
	"content" jsonb NOT NULL,
	"preview" text NOT NULL,
	"status" "whatsapp_outbound_status" DEFAULT 'pending' NOT NULL,
	"transport" text,
	"tag" text,
	"provider_message_id" text,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"last_error" text,
	"status_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messenger_outbound_messages_outbox_id_unique" UNIQUE("outbox_id"),
	CONSTRAINT "messenger_outbound_messages_provider_message_id_unique" UNIQUE("provider_message_id")
);
--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "requester_chat_id" text;--> statement-breakpoint
ALTER TABLE "messenger_contact_demands" ADD CONSTRAINT "messenger_contact_demands_contact_id_messenger_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."messenger_contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messenger_contact_demands" ADD CONSTRAINT "messenger_contact_demands_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messenger_conversations" ADD CONSTRAINT "messenger_conversations_contact_id_messenger_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."messenger_contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messenger_inbound_messages" ADD CONSTRAINT "messenger_inbound_messages_contact_id_messenger_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."messenger_contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messenger_inbound_messages" ADD CONSTRAINT "messenger_inbound_messages_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messenger_outbound_messages" ADD CONSTRAINT "messenger_outbound_messages_contact_id_messenger_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."messenger_contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messenger_outbound_messages" ADD CONSTRAINT "messenger_outbound_messages_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messenger_outbound_messages" ADD CONSTRAINT "messenger_outbound_messages_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messenger_contact_demands_demand_idx" ON "messenger_contact_demands" USING btree ("demand_id");--> statement-breakpoint
CREATE INDEX "messenger_inbound_pending_idx" ON "messenger_inbound_messages" USING btree ("contact_id","sent_at") WHERE "messenger_inbound_messages"."processed_at" is null;--> statement-breakpoint
CREATE INDEX "messenger_inbound_demand_idx" ON "messenger_inbound_messages" USING btree ("demand_id");--> statement-breakpoint
CREATE INDEX "messenger_outbound_contact_idx" ON "messenger_outbound_messages" USING btree ("contact_id","id");--> statement-breakpoint
CREATE INDEX "messenger_outbound_demand_idx" ON "messenger_outbound_messages" USING btree ("demand_id");