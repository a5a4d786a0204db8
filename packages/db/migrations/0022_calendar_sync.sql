CREATE TABLE `calendar_busy_blocks` (
	`tenant_id` text NOT NULL,
	`calendar_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`event_id` text NOT NULL,
	`piece` integer DEFAULT 0 NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`all_day` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`calendar_id`, `event_id`, `piece`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`calendar_id`) REFERENCES `connected_calendars`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "calendar_busy_blocks_piece" CHECK("calendar_busy_blocks"."end_at" > "calendar_busy_blocks"."start_at" and "calendar_busy_blocks"."end_at" - "calendar_busy_blocks"."start_at" <= 86400000)
);
--> statement-breakpoint
CREATE INDEX `calendar_busy_blocks_staff` ON `calendar_busy_blocks` (`tenant_id`,`staff_id`,`start_at`);--> statement-breakpoint
CREATE TABLE `calendar_connect_attempts` (
	`state` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`provider` text NOT NULL,
	`code_verifier_sealed` text NOT NULL,
	`connected_by` text,
	`return_to` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `calendar_connections` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`provider` text NOT NULL,
	`provider_account_id` text NOT NULL,
	`email` text NOT NULL,
	`account_name` text,
	`access_token_sealed` text NOT NULL,
	`refresh_token_sealed` text,
	`access_expires_at` integer NOT NULL,
	`scopes` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'connected' NOT NULL,
	`broken_reason` text,
	`broken_at` integer,
	`connected_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_connections_account` ON `calendar_connections` (`tenant_id`,`staff_id`,`provider`,`provider_account_id`);--> statement-breakpoint
CREATE INDEX `calendar_connections_staff` ON `calendar_connections` (`tenant_id`,`staff_id`);--> statement-breakpoint
CREATE TABLE `calendar_event_links` (
	`tenant_id` text NOT NULL,
	`appointment_id` text NOT NULL,
	`calendar_id` text NOT NULL,
	`provider_event_id` text NOT NULL,
	`written_sequence` integer NOT NULL,
	`written_status` text NOT NULL,
	`deleted_at` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`appointment_id`, `calendar_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`calendar_id`) REFERENCES `connected_calendars`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `calendar_event_links_calendar` ON `calendar_event_links` (`calendar_id`);--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`last_read_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE INDEX `calendar_feeds_staff` ON `calendar_feeds` (`tenant_id`,`staff_id`);--> statement-breakpoint
CREATE TABLE `connected_calendars` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`provider_calendar_id` text NOT NULL,
	`name` text NOT NULL,
	`time_zone` text,
	`primary` integer DEFAULT false NOT NULL,
	`can_write` integer DEFAULT false NOT NULL,
	`counts_busy` integer DEFAULT false NOT NULL,
	`is_destination` integer DEFAULT false NOT NULL,
	`sync_cursor` text,
	`window_from` integer,
	`window_to` integer,
	`synced_at` integer,
	`full_synced_at` integer,
	`sync_error` text,
	`sync_epoch` integer DEFAULT 0 NOT NULL,
	`channel_id` text,
	`channel_resource_id` text,
	`channel_secret_hash` text,
	`channel_expires_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`connection_id`) REFERENCES `calendar_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "connected_calendars_destination_writable" CHECK("connected_calendars"."is_destination" = 0 or "connected_calendars"."can_write" = 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connected_calendars_provider_id` ON `connected_calendars` (`connection_id`,`provider_calendar_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `connected_calendars_channel` ON `connected_calendars` (`channel_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `connected_calendars_destination` ON `connected_calendars` (`tenant_id`,`staff_id`) WHERE "connected_calendars"."is_destination" = 1;--> statement-breakpoint
CREATE INDEX `connected_calendars_staff` ON `connected_calendars` (`tenant_id`,`staff_id`);--> statement-breakpoint
CREATE INDEX `connected_calendars_channel_expiry` ON `connected_calendars` (`channel_expires_at`);