CREATE TYPE "public"."channel" AS ENUM('web', 'whatsapp', 'email', 'phone', 'in_person', 'letter', 'facebook', 'api');--> statement-breakpoint
CREATE TYPE "public"."demand_event_type" AS ENUM('received', 'classified', 'forwarded', 'assigned', 'note', 'info_requested', 'citizen_replied', 'public_reply', 'extended', 'answered', 'archived', 'reopened', 'closed', 'escalated', 'citizen_message', 'rated', 'claimed');--> statement-breakpoint
CREATE TYPE "public"."demand_kind" AS ENUM('complaint', 'denunciation', 'suggestion', 'praise', 'request', 'information', 'service_request');--> statement-breakpoint
CREATE TYPE "public"."demand_state" AS ENUM('received', 'forwarded', 'in_progress', 'awaiting_citizen', 'answered', 'closed', 'archived');--> statement-breakpoint
CREATE TYPE "public"."event_visibility" AS ENUM('public', 'internal');--> statement-breakpoint
CREATE TYPE "public"."identity" AS ENUM('identified', 'confidential', 'anonymous');--> statement-breakpoint
CREATE TYPE "public"."outbox_channel" AS ENUM('email', 'whatsapp');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('citizen', 'attendant', 'ombudsman', 'department', 'internal_control', 'manager', 'admin');--> statement-breakpoint
CREATE TYPE "public"."service" AS ENUM('ouvidoria', 'balcao');--> statement-breakpoint
CREATE TYPE "public"."whatsapp_outbound_status" AS ENUM('pending', 'sending', 'accepted', 'sent', 'delivered', 'read', 'failed');--> statement-breakpoint
CREATE TABLE "accounts" (
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"refresh_token" text,
	"access_token" text,
	"expires_at" integer,
	"token_type" text,
	"scope" text,
	"id_token" text,
	"session_state" text,
	CONSTRAINT "accounts_provider_provider_account_id_pk" PRIMARY KEY("provider","provider_account_id")
);
--> statement-breakpoint
CREATE TABLE "annual_reports" (
	"year" integer PRIMARY KEY NOT NULL,
	"presentation" text DEFAULT '' NOT NULL,
	"reasons_analysis" text DEFAULT '' NOT NULL,
	"recurring_analysis" text DEFAULT '' NOT NULL,
	"measures_taken" text DEFAULT '' NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "answer_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"event_id" integer,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"uploaded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service" "service" NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"department_id" uuid NOT NULL,
	"deadline_days" smallint NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"demand_id" uuid NOT NULL,
	"type" "demand_event_type" NOT NULL,
	"state_before" "demand_state",
	"state_after" "demand_state" NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"visibility" "event_visibility" NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_facts" (
	"demand_id" uuid PRIMARY KEY NOT NULL,
	"received_on" date NOT NULL,
	"received_month" date NOT NULL,
	"service" "service" NOT NULL,
	"kind" "demand_kind" NOT NULL,
	"channel" "channel" NOT NULL,
	"state" "demand_state" NOT NULL,
	"category_id" uuid,
	"department_id" uuid,
	"neighbourhood_id" uuid,
	"due_on" date NOT NULL,
	"answered_on" date,
	"days_to_answer" integer,
	"extension_used" boolean NOT NULL,
	"info_requests" smallint DEFAULT 0 NOT NULL,
	"reopen_count" smallint NOT NULL,
	"rating" smallint,
	"resolved" boolean
);
--> statement-breakpoint
CREATE TABLE "demand_stats_rollup" (
	"grain" smallint NOT NULL,
	"month" date NOT NULL,
	"service" "service",
	"kind" "demand_kind",
	"channel" "channel",
	"category_id" uuid,
	"department_id" uuid,
	"neighbourhood_id" uuid,
	"days_to_answer" integer,
	"received" integer NOT NULL,
	"state_received" integer NOT NULL,
	"state_forwarded" integer NOT NULL,
	"state_in_progress" integer NOT NULL,
	"state_awaiting_citizen" integer NOT NULL,
	"state_answered" integer NOT NULL,
	"state_closed" integer NOT NULL,
	"state_archived" integer NOT NULL,
	"answered" integer NOT NULL,
	"answered_on_time" integer NOT NULL,
	"extended" integer NOT NULL,
	"info_requested" integer NOT NULL,
	"info_requests" integer NOT NULL,
	"reopened" integer NOT NULL,
	"rated" integer NOT NULL,
	"rating_sum" integer NOT NULL,
	"resolved" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_supporting_departments" (
	"demand_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"forwarded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "demand_supporting_departments_demand_id_department_id_pk" PRIMARY KEY("demand_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "demands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"protocol" text NOT NULL,
	"protocol_year" integer NOT NULL,
	"protocol_sequence" integer NOT NULL,
	"service" "service" NOT NULL,
	"kind" "demand_kind" NOT NULL,
	"category_id" uuid,
	"department_id" uuid,
	"suggested_department_id" uuid,
	"assigned_user_id" uuid,
	"channel" "channel" NOT NULL,
	"state" "demand_state" DEFAULT 'received' NOT NULL,
	"identity" "identity" NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"requester_user_id" uuid,
	"requester_name" text,
	"requester_email" text,
	"requester_phone" text,
	"requester_cpf" text,
	"requester_pseudonym" text NOT NULL,
	"notify_by_whatsapp" boolean DEFAULT false NOT NULL,
	"access_code_hash" text,
	"address_line" text,
	"neighbourhood_id" uuid,
	"latitude" double precision,
	"longitude" double precision,
	"entered_by_user_id" uuid,
	"linked_demand_id" uuid,
	"due_on" date NOT NULL,
	"department_due_on" date,
	"extension_used" boolean DEFAULT false NOT NULL,
	"suspended_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"reopen_count" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "department_members" (
	"user_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	CONSTRAINT "department_members_user_id_department_id_pk" PRIMARY KEY("user_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"acronym" text,
	"email" text,
	"is_internal_control" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "dev_mailbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dev_mailbox_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "identity_access_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"demand_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"accessed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "neighbourhoods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"district" text,
	CONSTRAINT "neighbourhoods_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid,
	"channel" "outbox_channel" NOT NULL,
	"template" text NOT NULL,
	"recipient" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"locked_by" text,
	"last_error" text,
	"provider_message_id" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "protocol_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last_sequence" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"window_ends_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "satisfaction_ratings" (
	"demand_id" uuid PRIMARY KEY NOT NULL,
	"rating" smallint NOT NULL,
	"resolved" boolean NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"session_token" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_dirty_months" (
	"month" date PRIMARY KEY NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"email" text NOT NULL,
	"email_verified" timestamp with time zone,
	"image" text,
	"phone" text,
	"cpf" text,
	"password_hash" text,
	"role" "role" DEFAULT 'citizen' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "verification_tokens" (
	"identifier" text NOT NULL,
	"token" text NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	CONSTRAINT "verification_tokens_identifier_token_pk" PRIMARY KEY("identifier","token")
);
--> statement-breakpoint
CREATE TABLE "whatsapp_contact_demands" (
	"contact_id" uuid NOT NULL,
	"demand_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "whatsapp_contact_demands_contact_id_demand_id_pk" PRIMARY KEY("contact_id","demand_id")
);
--> statement-breakpoint
CREATE TABLE "whatsapp_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"wa_id" text,
	"user_id" text,
	"phone" text,
	"profile_name" text,
	"last_inbound_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "whatsapp_contacts_wa_id_unique" UNIQUE("wa_id"),
	CONSTRAINT "whatsapp_contacts_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "whatsapp_contacts_identifier_check" CHECK ("whatsapp_contacts"."wa_id" is not null or "whatsapp_contacts"."user_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "whatsapp_conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"step" text DEFAULT 'start' NOT NULL,
	"state" jsonb DEFAULT '{"step":"start"}'::jsonb NOT NULL,
	"last_activity_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "whatsapp_conversations_contact_id_unique" UNIQUE("contact_id")
);
--> statement-breakpoint
CREATE TABLE "whatsapp_dev_media" (
	"id" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"file_name" text,
	"bytes" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "whatsapp_inbound_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"phone_number_id" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"demand_id" uuid,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"last_error" text,
	"retry_at" timestamp with time zone,
	CONSTRAINT "whatsapp_inbound_messages_message_id_unique" UNIQUE("message_id")
);
--> statement-breakpoint
CREATE TABLE "whatsapp_outbound_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contact_id" uuid NOT NULL,
	"outbox_id" uuid,
	"demand_id" uuid,
	"kind" text NOT NULL,
	"content" jsonb NOT NULL,
	"preview" text NOT NULL,
	"status" "whatsapp_outbound_status" DEFAULT 'pending' NOT NULL,
	"transport" text,
	"provider_message_id" text,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"last_error" text,
	"error_code" integer,
	"status_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "whatsapp_outbound_messages_outbox_id_unique" UNIQUE("outbox_id"),
	CONSTRAINT "whatsapp_outbound_messages_provider_message_id_unique" UNIQUE("provider_message_id")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_reports" ADD CONSTRAINT "annual_reports_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_templates" ADD CONSTRAINT "answer_templates_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_events" ADD CONSTRAINT "demand_events_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_events" ADD CONSTRAINT "demand_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_facts" ADD CONSTRAINT "demand_facts_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_supporting_departments" ADD CONSTRAINT "demand_supporting_departments_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_supporting_departments" ADD CONSTRAINT "demand_supporting_departments_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_suggested_department_id_departments_id_fk" FOREIGN KEY ("suggested_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_assigned_user_id_users_id_fk" FOREIGN KEY ("assigned_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_requester_user_id_users_id_fk" FOREIGN KEY ("requester_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_neighbourhood_id_neighbourhoods_id_fk" FOREIGN KEY ("neighbourhood_id") REFERENCES "public"."neighbourhoods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_entered_by_user_id_users_id_fk" FOREIGN KEY ("entered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_members" ADD CONSTRAINT "department_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_members" ADD CONSTRAINT "department_members_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_access_log" ADD CONSTRAINT "identity_access_log_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_access_log" ADD CONSTRAINT "identity_access_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_ratings" ADD CONSTRAINT "satisfaction_ratings_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_contact_demands" ADD CONSTRAINT "whatsapp_contact_demands_contact_id_whatsapp_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."whatsapp_contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_contact_demands" ADD CONSTRAINT "whatsapp_contact_demands_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_conversations" ADD CONSTRAINT "whatsapp_conversations_contact_id_whatsapp_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."whatsapp_contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_inbound_messages" ADD CONSTRAINT "whatsapp_inbound_messages_contact_id_whatsapp_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."whatsapp_contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_inbound_messages" ADD CONSTRAINT "whatsapp_inbound_messages_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_outbound_messages" ADD CONSTRAINT "whatsapp_outbound_messages_contact_id_whatsapp_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."whatsapp_contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_outbound_messages" ADD CONSTRAINT "whatsapp_outbound_messages_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_outbound_messages" ADD CONSTRAINT "whatsapp_outbound_messages_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_demand_idx" ON "attachments" USING btree ("demand_id");--> statement-breakpoint
CREATE UNIQUE INDEX "categories_service_slug_key" ON "categories" USING btree ("service","slug");--> statement-breakpoint
CREATE INDEX "demand_events_demand_idx" ON "demand_events" USING btree ("demand_id","created_at");--> statement-breakpoint
CREATE INDEX "demand_facts_received_idx" ON "demand_facts" USING btree ("received_on");--> statement-breakpoint
CREATE INDEX "demand_facts_channel_received_idx" ON "demand_facts" USING btree ("channel","received_on");--> statement-breakpoint
CREATE INDEX "demand_facts_neighbourhood_received_idx" ON "demand_facts" USING btree ("neighbourhood_id","received_on");--> statement-breakpoint
CREATE INDEX "demand_facts_open_idx" ON "demand_facts" USING btree ("department_id","due_on") WHERE "demand_facts"."state" in ('received', 'forwarded', 'in_progress', 'awaiting_citizen');--> statement-breakpoint
CREATE INDEX "demand_stats_rollup_grain_month_idx" ON "demand_stats_rollup" USING btree ("grain","month");--> statement-breakpoint
CREATE INDEX "demand_supporting_departments_department_idx" ON "demand_supporting_departments" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "demands_protocol_key" ON "demands" USING btree ("protocol");--> statement-breakpoint
CREATE UNIQUE INDEX "demands_protocol_year_sequence_key" ON "demands" USING btree ("protocol_year","protocol_sequence");--> statement-breakpoint
CREATE INDEX "demands_state_due_idx" ON "demands" USING btree ("state","due_on");--> statement-breakpoint
CREATE INDEX "demands_department_state_due_idx" ON "demands" USING btree ("department_id","state","due_on");--> statement-breakpoint
CREATE INDEX "demands_service_state_due_idx" ON "demands" USING btree ("service","state","due_on");--> statement-breakpoint
CREATE INDEX "demands_assigned_state_idx" ON "demands" USING btree ("assigned_user_id","state");--> statement-breakpoint
CREATE INDEX "demands_requester_idx" ON "demands" USING btree ("requester_user_id","created_at");--> statement-breakpoint
CREATE INDEX "demands_requester_email_idx" ON "demands" USING btree (lower("requester_email"));--> statement-breakpoint
CREATE INDEX "demands_created_idx" ON "demands" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "demands_category_idx" ON "demands" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "demands_neighbourhood_idx" ON "demands" USING btree ("neighbourhood_id");--> statement-breakpoint
CREATE INDEX "demands_active_due_idx" ON "demands" USING btree ("due_on","state") WHERE "demands"."state" in ('received', 'forwarded', 'in_progress', 'awaiting_citizen');--> statement-breakpoint
CREATE INDEX "demands_active_service_due_idx" ON "demands" USING btree ("service","due_on","state") WHERE "demands"."state" in ('received', 'forwarded', 'in_progress', 'awaiting_citizen');--> statement-breakpoint
CREATE INDEX "demands_active_department_due_idx" ON "demands" USING btree ("department_id","due_on","state") WHERE "demands"."state" in ('received', 'forwarded', 'in_progress', 'awaiting_citizen');--> statement-breakpoint
CREATE INDEX "demands_active_assigned_due_idx" ON "demands" USING btree ("assigned_user_id","department_id","due_on","state") WHERE "demands"."state" in ('received', 'forwarded', 'in_progress', 'awaiting_citizen');--> statement-breakpoint
CREATE INDEX "demands_due_idx" ON "demands" USING btree ("due_on","protocol");--> statement-breakpoint
CREATE INDEX "demands_linked_idx" ON "demands" USING btree ("linked_demand_id") WHERE "demands"."linked_demand_id" is not null;--> statement-breakpoint
CREATE INDEX "demands_search_idx" ON "demands" USING gin (to_tsvector('portuguese', "subject" || ' ' || "description"));--> statement-breakpoint
CREATE INDEX "department_members_department_idx" ON "department_members" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "dev_mailbox_recipient_idx" ON "dev_mailbox" USING btree ("recipient","created_at");--> statement-breakpoint
CREATE INDEX "identity_access_log_demand_idx" ON "identity_access_log" USING btree ("demand_id","accessed_at");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_demand_idx" ON "outbox" USING btree ("demand_id");--> statement-breakpoint
CREATE INDEX "users_role_idx" ON "users" USING btree ("role");--> statement-breakpoint
CREATE INDEX "users_cpf_idx" ON "users" USING btree ("cpf");--> statement-breakpoint
CREATE INDEX "users_phone_idx" ON "users" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "whatsapp_contact_demands_demand_idx" ON "whatsapp_contact_demands" USING btree ("demand_id");--> statement-breakpoint
CREATE INDEX "whatsapp_contacts_phone_idx" ON "whatsapp_contacts" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "whatsapp_conversations_expiry_idx" ON "whatsapp_conversations" USING btree ("expires_at") WHERE "whatsapp_conversations"."expires_at" is not null;--> statement-breakpoint
CREATE INDEX "whatsapp_inbound_pending_idx" ON "whatsapp_inbound_messages" USING btree ("contact_id","sent_at") WHERE "whatsapp_inbound_messages"."processed_at" is null;--> statement-breakpoint
CREATE INDEX "whatsapp_inbound_contact_idx" ON "whatsapp_inbound_messages" USING btree ("contact_id","received_at");--> statement-breakpoint
CREATE INDEX "whatsapp_inbound_demand_idx" ON "whatsapp_inbound_messages" USING btree ("demand_id");--> statement-breakpoint
CREATE INDEX "whatsapp_outbound_contact_idx" ON "whatsapp_outbound_messages" USING btree ("contact_id","id");--> statement-breakpoint
CREATE INDEX "whatsapp_outbound_pending_idx" ON "whatsapp_outbound_messages" USING btree ("contact_id","id") WHERE "whatsapp_outbound_messages"."status" in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "whatsapp_outbound_demand_idx" ON "whatsapp_outbound_messages" USING btree ("demand_id");