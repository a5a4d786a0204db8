CREATE TABLE `audit_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text,
	`at` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`outcome` text NOT NULL,
	`error_code` text,
	`ip_hash` text,
	`user_agent` text,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "audit_entries_outcome" CHECK("audit_entries"."outcome" in ('ok', 'denied', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `audit_entries_tenant_at` ON `audit_entries` (`tenant_id`,`at`,`id`);--> statement-breakpoint
ALTER TABLE `customers` ADD `erased_at` integer;