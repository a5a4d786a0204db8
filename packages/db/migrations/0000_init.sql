CREATE TABLE `holidays` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`date` text NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `holidays_tenant_date` ON `holidays` (`tenant_id`,`date`);--> statement-breakpoint
CREATE TABLE `publishable_keys` (
	`tenant_id` text NOT NULL,
	`key` text PRIMARY KEY NOT NULL,
	`allowed_origins` text NOT NULL,
	`revoked_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `publishable_keys_tenant` ON `publishable_keys` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`time_zone` text NOT NULL,
	`sandbox` integer DEFAULT false NOT NULL,
	`min_notice_min` integer DEFAULT 60 NOT NULL,
	`horizon_days` integer DEFAULT 60 NOT NULL,
	`slot_interval_min` integer DEFAULT 15 NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `services` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`duration_min` integer NOT NULL,
	`buffer_before_min` integer DEFAULT 0 NOT NULL,
	`buffer_after_min` integer DEFAULT 0 NOT NULL,
	`price_cents` integer,
	`currency` text DEFAULT 'USD' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "services_duration_positive" CHECK("services"."duration_min" > 0),
	CONSTRAINT "services_buffers_non_negative" CHECK("services"."buffer_before_min" >= 0 and "services"."buffer_after_min" >= 0)
);
--> statement-breakpoint
CREATE INDEX `services_tenant` ON `services` (`tenant_id`,`position`);--> statement-breakpoint
CREATE TABLE `staff` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`email` text,
	`position` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_tenant` ON `staff` (`tenant_id`,`position`);--> statement-breakpoint
CREATE TABLE `staff_services` (
	`tenant_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`service_id` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `service_id`, `staff_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `date_overrides` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`date` text NOT NULL,
	`start_min` integer,
	`end_min` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "date_overrides_range" CHECK(("date_overrides"."start_min" is null and "date_overrides"."end_min" is null) or ("date_overrides"."start_min" >= 0 and "date_overrides"."end_min" <= 1440 and "date_overrides"."start_min" < "date_overrides"."end_min"))
);
--> statement-breakpoint
CREATE INDEX `date_overrides_staff_date` ON `date_overrides` (`tenant_id`,`staff_id`,`date`);--> statement-breakpoint
CREATE TABLE `time_off` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "time_off_range" CHECK("time_off"."start_at" < "time_off"."end_at")
);
--> statement-breakpoint
CREATE INDEX `time_off_staff` ON `time_off` (`tenant_id`,`staff_id`,`start_at`);--> statement-breakpoint
CREATE TABLE `working_hours` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`weekday` integer NOT NULL,
	`start_min` integer NOT NULL,
	`end_min` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "working_hours_weekday" CHECK("working_hours"."weekday" between 0 and 6),
	CONSTRAINT "working_hours_range" CHECK("working_hours"."start_min" >= 0 and "working_hours"."end_min" <= 1440 and "working_hours"."start_min" < "working_hours"."end_min")
);
--> statement-breakpoint
CREATE INDEX `working_hours_staff` ON `working_hours` (`tenant_id`,`staff_id`);--> statement-breakpoint
CREATE TABLE `appointments` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`status` text NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`blocked_start` integer NOT NULL,
	`blocked_end` integer NOT NULL,
	`channel` text DEFAULT 'web' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`customer_time_zone` text,
	`idempotency_key` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "appointments_status" CHECK("appointments"."status" in ('pending', 'confirmed', 'cancelled', 'completed', 'no_show')),
	CONSTRAINT "appointments_range" CHECK("appointments"."start_at" < "appointments"."end_at" and "appointments"."blocked_start" <= "appointments"."start_at" and "appointments"."end_at" <= "appointments"."blocked_end")
);
--> statement-breakpoint
CREATE INDEX `appointments_staff_time` ON `appointments` (`tenant_id`,`staff_id`,`blocked_start`);--> statement-breakpoint
CREATE INDEX `appointments_tenant_start` ON `appointments` (`tenant_id`,`start_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_idempotency` ON `appointments` (`tenant_id`,`idempotency_key`) WHERE "appointments"."idempotency_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_staff_start_active` ON `appointments` (`tenant_id`,`staff_id`,`start_at`) WHERE "appointments"."status" in ('pending', 'confirmed');--> statement-breakpoint
CREATE TABLE `customers` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text,
	`time_zone` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_tenant_email` ON `customers` (`tenant_id`,`email`);