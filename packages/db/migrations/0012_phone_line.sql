CREATE TABLE `voice_connections` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`mode` text NOT NULL,
	`account_ref` text,
	`secret_sealed` text NOT NULL,
	`webhook_secret_sealed` text,
	`base_url` text,
	`trunk_id` text,
	`trunk_domain` text,
	`sip_username` text,
	`sip_password_sealed` text,
	`status` text DEFAULT 'unchecked' NOT NULL,
	`last_checked_at` integer,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "voice_connections_base_url" CHECK("voice_connections"."base_url" is null or "voice_connections"."mode" = 'sandbox')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `voice_connections_provider` ON `voice_connections` (`tenant_id`,`provider`);--> statement-breakpoint
CREATE TABLE `phone_number_events` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`number_id` text NOT NULL,
	`at` integer NOT NULL,
	`status` text NOT NULL,
	`actor` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`number_id`) REFERENCES `phone_numbers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `phone_number_events_number` ON `phone_number_events` (`tenant_id`,`number_id`,`at`);--> statement-breakpoint
CREATE TABLE `phone_numbers` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`e164` text NOT NULL,
	`country` text NOT NULL,
	`type` text NOT NULL,
	`nickname` text DEFAULT '' NOT NULL,
	`carrier` text NOT NULL,
	`connection_id` text,
	`twilio_sid` text,
	`retell_imported` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'inactive' NOT NULL,
	`agent_id` text,
	`after_hours_agent_id` text,
	`pinned_version_id` text,
	`capabilities` text NOT NULL,
	`bought_at` integer,
	`released_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`connection_id`) REFERENCES `voice_connections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`after_hours_agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pinned_version_id`) REFERENCES `agent_versions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "phone_numbers_e164_shape" CHECK("phone_numbers"."e164" glob '+[1-9]*' and length("phone_numbers"."e164") between 8 and 16),
	CONSTRAINT "phone_numbers_bound_only_if_usable" CHECK("phone_numbers"."agent_id" is null or "phone_numbers"."status" in ('active', 'inactive'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `phone_numbers_e164` ON `phone_numbers` (`e164`) WHERE "phone_numbers"."status" <> 'released';--> statement-breakpoint
CREATE INDEX `phone_numbers_tenant` ON `phone_numbers` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `porting_request_events` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`at` integer NOT NULL,
	`status` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`actor` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`request_id`) REFERENCES `porting_requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `porting_request_events_request` ON `porting_request_events` (`tenant_id`,`request_id`,`at`);--> statement-breakpoint
CREATE TABLE `porting_requests` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`e164` text NOT NULL,
	`current_carrier` text NOT NULL,
	`account_number_sealed` text NOT NULL,
	`pin_sealed` text,
	`loa_document_key` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `porting_requests_tenant` ON `porting_requests` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `agent_versions` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`number` integer NOT NULL,
	`config` text NOT NULL,
	`prompt` text NOT NULL,
	`tools` text NOT NULL,
	`prompt_hash` text NOT NULL,
	`provider_llm_id` text,
	`provider_version` integer,
	`published_at` integer NOT NULL,
	`published_by` text,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_versions_number` ON `agent_versions` (`tenant_id`,`agent_id`,`number`);--> statement-breakpoint
CREATE INDEX `agent_versions_published` ON `agent_versions` (`tenant_id`,`agent_id`,`published_at`);--> statement-breakpoint
CREATE TABLE `agents` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`status` text DEFAULT 'inactive' NOT NULL,
	`last_error` text,
	`draft_config` text NOT NULL,
	`require_approval` integer DEFAULT true NOT NULL,
	`connection_id` text,
	`provider_agent_id` text,
	`published_version_id` text,
	`deleted_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`connection_id`) REFERENCES `voice_connections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_version_id`) REFERENCES `agent_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agents_tenant` ON `agents` (`tenant_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `agents_provider_agent` ON `agents` (`connection_id`,`provider_agent_id`) WHERE "agents"."provider_agent_id" is not null;--> statement-breakpoint
CREATE TABLE `knowledge_entries` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`tenant_token` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `knowledge_entries_id_unique` ON `knowledge_entries` (`id`);--> statement-breakpoint
CREATE INDEX `knowledge_entries_tenant` ON `knowledge_entries` (`tenant_id`,`kind`,`updated_at`);--> statement-breakpoint
CREATE TABLE `call_transcripts` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`tenant_token` text NOT NULL,
	`turns` text NOT NULL,
	`text` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `call_transcripts_call_id_unique` ON `call_transcripts` (`call_id`);--> statement-breakpoint
CREATE INDEX `call_transcripts_tenant` ON `call_transcripts` (`tenant_id`,`call_id`);--> statement-breakpoint
CREATE TABLE `caller_messages` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text,
	`provider_call_id` text,
	`name` text NOT NULL,
	`phone_e164` text,
	`message` text NOT NULL,
	`urgency` text DEFAULT 'normal' NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`callback_due_at` integer,
	`assigned_staff_id` text,
	`created_at` integer NOT NULL,
	`done_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`assigned_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `caller_messages_tenant` ON `caller_messages` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `calls` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`provider` text DEFAULT 'retell' NOT NULL,
	`provider_call_id` text NOT NULL,
	`agent_id` text,
	`agent_version_id` text,
	`phone_number_id` text,
	`connection_id` text,
	`direction` text NOT NULL,
	`from_e164` text NOT NULL,
	`to_e164` text NOT NULL,
	`customer_id` text,
	`status` text NOT NULL,
	`seen` integer DEFAULT 0 NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`duration_ms` integer,
	`disconnection_reason` text,
	`summary` text,
	`sentiment` text,
	`intent` text,
	`intent_confidence` real,
	`outcome` text,
	`escalated` integer DEFAULT false NOT NULL,
	`escalation_reason` text,
	`satisfaction` integer,
	`talk_agent_ms` integer,
	`talk_caller_ms` integer,
	`cost_cents` integer,
	`latency_p50_ms` integer,
	`recording_key` text,
	`recording_status` text DEFAULT 'none' NOT NULL,
	`provider_recording_url` text,
	`simulated` integer DEFAULT false NOT NULL,
	`scenario_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_version_id`) REFERENCES `agent_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`phone_number_id`) REFERENCES `phone_numbers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`connection_id`) REFERENCES `voice_connections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "calls_satisfaction" CHECK("calls"."satisfaction" is null or "calls"."satisfaction" between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calls_provider_call` ON `calls` (`provider`,`provider_call_id`);--> statement-breakpoint
CREATE INDEX `calls_log` ON `calls` (`tenant_id`,`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `calls_agent` ON `calls` (`tenant_id`,`agent_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `calls_outcome` ON `calls` (`tenant_id`,`outcome`,`started_at`);--> statement-breakpoint
CREATE INDEX `calls_intent` ON `calls` (`tenant_id`,`intent`,`started_at`);--> statement-breakpoint
CREATE INDEX `calls_number` ON `calls` (`tenant_id`,`phone_number_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `calls_live` ON `calls` (`tenant_id`,`status`) WHERE "calls"."status" in ('registered', 'ongoing');--> statement-breakpoint
CREATE TABLE `provider_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text,
	`provider` text NOT NULL,
	`kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`received_at` integer NOT NULL,
	`body` text NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`processed_at` integer,
	`error` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `provider_events_once` ON `provider_events` (`provider`,`subject_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `provider_events_subject` ON `provider_events` (`tenant_id`,`subject_id`);--> statement-breakpoint
CREATE INDEX `provider_events_unprocessed` ON `provider_events` (`processed_at`) WHERE "provider_events"."processed_at" is null;--> statement-breakpoint
CREATE TABLE `tool_invocations` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`provider_call_id` text NOT NULL,
	`call_id` text,
	`agent_id` text NOT NULL,
	`tool` text NOT NULL,
	`args_hash` text NOT NULL,
	`args` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`answer` text,
	`outcome_code` text,
	`appointment_id` text,
	`approval_id` text,
	`message_id` text,
	`attempts` integer DEFAULT 1 NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`latency_ms` integer,
	`provider_tool_call_id` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tool_invocations_once` ON `tool_invocations` (`tenant_id`,`provider_call_id`,`tool`,`args_hash`);--> statement-breakpoint
CREATE INDEX `tool_invocations_call` ON `tool_invocations` (`tenant_id`,`call_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `approvals` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`appointment_id` text,
	`call_id` text,
	`provider_call_id` text,
	`tool_invocation_id` text,
	`message_id` text,
	`proposal` text DEFAULT '{}' NOT NULL,
	`edited` text,
	`reason` text,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`tool_invocation_id`) REFERENCES `tool_invocations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`message_id`) REFERENCES `caller_messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approvals_tool_invocation` ON `approvals` (`tenant_id`,`tool_invocation_id`) WHERE "approvals"."tool_invocation_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `approvals_pending_per_appointment` ON `approvals` (`tenant_id`,`appointment_id`,`kind`) WHERE "approvals"."status" = 'pending';--> statement-breakpoint
CREATE INDEX `approvals_queue` ON `approvals` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
ALTER TABLE `notifications` ADD `delivery_status` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `delivery_updated_at` integer;