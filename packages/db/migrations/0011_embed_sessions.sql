CREATE TABLE `embed_sessions` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` text NOT NULL,
	`widgets` text NOT NULL,
	`role` text NOT NULL,
	`staff_id` text,
	`scopes` text NOT NULL,
	`origins` text,
	`created_by_key_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `embed_sessions_secret_hash` ON `embed_sessions` (`secret_hash`);--> statement-breakpoint
CREATE INDEX `embed_sessions_tenant_expiry` ON `embed_sessions` (`tenant_id`,`expires_at`);