DROP INDEX `calls_agent`;--> statement-breakpoint
DROP INDEX `calls_outcome`;--> statement-breakpoint
DROP INDEX `calls_intent`;--> statement-breakpoint
DROP INDEX `calls_number`;--> statement-breakpoint
CREATE INDEX `calls_agent` ON `calls` (`tenant_id`,`agent_id`,`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `calls_outcome` ON `calls` (`tenant_id`,`outcome`,`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `calls_intent` ON `calls` (`tenant_id`,`intent`,`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `calls_number` ON `calls` (`tenant_id`,`phone_number_id`,`started_at`,`id`);