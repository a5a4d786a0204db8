-- Rebuilt tables copy only the columns the old ones had; new columns take their defaults.
CREATE TABLE `locations` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `locations_tenant` ON `locations` (`tenant_id`,`position`);--> statement-breakpoint
CREATE TABLE `secret_keys` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`prefix` text NOT NULL,
	`revoked_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `secret_keys_hash` ON `secret_keys` (`hash`);--> statement-breakpoint
CREATE INDEX `secret_keys_tenant` ON `secret_keys` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `server_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `business_hours` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`location_id` text,
	`weekday` integer NOT NULL,
	`start_min` integer NOT NULL,
	`end_min` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "business_hours_weekday" CHECK("business_hours"."weekday" between 0 and 6),
	CONSTRAINT "business_hours_range" CHECK("business_hours"."start_min" >= 0 and "business_hours"."end_min" <= 1440 and "business_hours"."start_min" < "business_hours"."end_min")
);
--> statement-breakpoint
CREATE INDEX `business_hours_tenant` ON `business_hours` (`tenant_id`,`weekday`);--> statement-breakpoint
CREATE TABLE `appointment_events` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`appointment_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `appointment_events_appointment` ON `appointment_events` (`tenant_id`,`appointment_id`,`at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`appointment_id` text,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text,
	`ics` text,
	`send_at` integer NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`transport` text,
	`provider_message_id` text,
	`sent_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe` ON `notifications` (`tenant_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_due` ON `notifications` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `notifications_tenant` ON `notifications` (`tenant_id`,`created_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_appointments` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`customer_id` text,
	`location_id` text,
	`status` text NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`blocked_start` integer NOT NULL,
	`blocked_end` integer NOT NULL,
	`channel` text DEFAULT 'web' NOT NULL,
	`expires_at` integer,
	`assigned_by` text DEFAULT 'customer' NOT NULL,
	`status_reason` text,
	`staff_notes` text DEFAULT '' NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`customer_time_zone` text,
	`idempotency_key` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "appointments_status" CHECK("__new_appointments"."status" in ('held', 'pending', 'confirmed', 'cancelled', 'rejected', 'expired', 'completed', 'no_show')),
	CONSTRAINT "appointments_customer_unless_held" CHECK("__new_appointments"."customer_id" is not null or "__new_appointments"."status" in ('held', 'expired')),
	CONSTRAINT "appointments_range" CHECK("__new_appointments"."start_at" < "__new_appointments"."end_at" and "__new_appointments"."blocked_start" <= "__new_appointments"."start_at" and "__new_appointments"."end_at" <= "__new_appointments"."blocked_end")
);
--> statement-breakpoint
INSERT INTO `__new_appointments`("tenant_id", "id", "service_id", "staff_id", "customer_id", "status", "start_at", "end_at", "blocked_start", "blocked_end", "channel", "notes", "customer_time_zone", "idempotency_key", "created_at", "updated_at") SELECT "tenant_id", "id", "service_id", "staff_id", "customer_id", "status", "start_at", "end_at", "blocked_start", "blocked_end", "channel", "notes", "customer_time_zone", "idempotency_key", "created_at", "updated_at" FROM `appointments`;--> statement-breakpoint
DROP TABLE `appointments`;--> statement-breakpoint
ALTER TABLE `__new_appointments` RENAME TO `appointments`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `appointments_staff_time` ON `appointments` (`tenant_id`,`staff_id`,`blocked_start`);--> statement-breakpoint
CREATE INDEX `appointments_tenant_start` ON `appointments` (`tenant_id`,`start_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_idempotency` ON `appointments` (`tenant_id`,`idempotency_key`) WHERE "appointments"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX `appointments_expiring` ON `appointments` (`status`,`expires_at`) WHERE "appointments"."status" in ('held', 'pending');--> statement-breakpoint
CREATE INDEX `appointments_customer` ON `appointments` (`tenant_id`,`customer_id`,`start_at`);--> statement-breakpoint
CREATE TABLE `__new_holidays` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`date` text NOT NULL,
	`name` text NOT NULL,
	`start_min` integer,
	`end_min` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "holidays_range" CHECK(("__new_holidays"."start_min" is null and "__new_holidays"."end_min" is null) or ("__new_holidays"."start_min" >= 0 and "__new_holidays"."end_min" <= 1440 and "__new_holidays"."start_min" < "__new_holidays"."end_min"))
);
--> statement-breakpoint
INSERT INTO `__new_holidays`("tenant_id", "id", "date", "name") SELECT "tenant_id", "id", "date", "name" FROM `holidays`;--> statement-breakpoint
DROP TABLE `holidays`;--> statement-breakpoint
ALTER TABLE `__new_holidays` RENAME TO `holidays`;--> statement-breakpoint
CREATE INDEX `holidays_tenant_date` ON `holidays` (`tenant_id`,`date`);--> statement-breakpoint
ALTER TABLE `tenants` ADD `start_offset_min` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `assignment_policy` text DEFAULT 'least_busy' NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `hold_minutes` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `web_requires_approval` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `phone_requires_approval` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `pending_expiry_hours` integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `cancellation_notice_hours` integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `reminder_hours` integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `manage_url` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `reply_to_email` text;--> statement-breakpoint
CREATE TABLE `__new_services` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`duration_min` integer NOT NULL,
	`buffer_before_min` integer DEFAULT 0 NOT NULL,
	`buffer_after_min` integer DEFAULT 0 NOT NULL,
	`price_cents` integer,
	`currency` text DEFAULT 'USD' NOT NULL,
	`capacity` integer DEFAULT 1 NOT NULL,
	`requires_approval` integer DEFAULT false NOT NULL,
	`min_notice_min` integer,
	`horizon_days` integer,
	`slot_interval_min` integer,
	`max_per_day` integer,
	`max_per_week` integer,
	`position` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "services_duration_positive" CHECK("__new_services"."duration_min" > 0),
	CONSTRAINT "services_buffers_non_negative" CHECK("__new_services"."buffer_before_min" >= 0 and "__new_services"."buffer_after_min" >= 0),
	CONSTRAINT "services_capacity_positive" CHECK("__new_services"."capacity" >= 1)
);
--> statement-breakpoint
INSERT INTO `__new_services`("tenant_id", "id", "name", "description", "duration_min", "buffer_before_min", "buffer_after_min", "price_cents", "currency", "position", "active") SELECT "tenant_id", "id", "name", "description", "duration_min", "buffer_before_min", "buffer_after_min", "price_cents", "currency", "position", "active" FROM `services`;--> statement-breakpoint
DROP TABLE `services`;--> statement-breakpoint
ALTER TABLE `__new_services` RENAME TO `services`;--> statement-breakpoint
CREATE INDEX `services_tenant` ON `services` (`tenant_id`,`position`);--> statement-breakpoint
ALTER TABLE `staff` ADD `max_per_day` integer;--> statement-breakpoint
ALTER TABLE `staff` ADD `max_per_week` integer;--> statement-breakpoint
ALTER TABLE `working_hours` ADD `location_id` text REFERENCES locations(id);--> statement-breakpoint
ALTER TABLE `customers` ADD `locale` text;