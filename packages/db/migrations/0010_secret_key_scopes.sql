ALTER TABLE `secret_keys` ADD `name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `secret_keys` ADD `scopes` text;--> statement-breakpoint
ALTER TABLE `secret_keys` ADD `last_used_at` integer;