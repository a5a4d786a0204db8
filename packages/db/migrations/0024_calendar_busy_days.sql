CREATE TABLE `calendar_busy_days` (
	`tenant_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`day` integer NOT NULL,
	`spans` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `staff_id`, `day`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- The blocks stored so far, cut at day boundaries (a block is at most a day long, so it touches at most two days).
INSERT INTO `calendar_busy_days` (`tenant_id`, `staff_id`, `day`, `spans`)
SELECT `tenant_id`, `staff_id`, `day`, '[' || group_concat(`s` || ',' || `e`, ',') || ']' FROM (
	SELECT `tenant_id`, `staff_id`, `start_at` / 86400000 AS `day`, `start_at` AS `s`, min(`end_at`, (`start_at` / 86400000 + 1) * 86400000) AS `e` FROM `calendar_busy_blocks`
	UNION ALL
	SELECT `tenant_id`, `staff_id`, `start_at` / 86400000 + 1, (`start_at` / 86400000 + 1) * 86400000, `end_at` FROM `calendar_busy_blocks` WHERE `end_at` > (`start_at` / 86400000 + 1) * 86400000
) GROUP BY `tenant_id`, `staff_id`, `day`;
