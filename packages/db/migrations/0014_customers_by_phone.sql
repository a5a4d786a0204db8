PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_customers` (
	`tenant_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`phone_e164` text,
	`time_zone` text,
	`locale` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`erased_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "customers_reachable" CHECK("__new_customers"."email" is not null or "__new_customers"."phone_e164" is not null or "__new_customers"."erased_at" is not null)
);
--> statement-breakpoint
-- Hand-edited: the new phone_e164 is filled in, best effort, from numbers already written as +<digits> (spaces,
-- dashes, dots and brackets aside), and only for the first customer of a business with that number, so the new
-- unique index holds. The server reads every number again with libphonenumber-js when a customer is next saved.
WITH `written` AS (
	SELECT *, replace(replace(replace(replace(replace("phone", ' ', ''), '-', ''), '(', ''), ')', ''), '.', '') AS `bare` FROM `customers`
), `read` AS (
	SELECT *, CASE WHEN "bare" GLOB '+[1-9]*' AND substr("bare", 2) NOT GLOB '*[^0-9]*' AND length("bare") BETWEEN 8 AND 16 THEN "bare" END AS `e164` FROM `written`
), `ranked` AS (
	SELECT *, row_number() OVER (PARTITION BY "tenant_id", "e164" ORDER BY "created_at", "id") AS `nth` FROM `read`
)
INSERT INTO `__new_customers`("tenant_id", "id", "name", "email", "phone", "phone_e164", "time_zone", "locale", "created_at", "erased_at")
	SELECT "tenant_id", "id", "name", "email", "phone", CASE WHEN "e164" IS NOT NULL AND "nth" = 1 AND "erased_at" IS NULL THEN "e164" END, "time_zone", "locale", "created_at", "erased_at" FROM `ranked`;--> statement-breakpoint
DROP TABLE `customers`;--> statement-breakpoint
ALTER TABLE `__new_customers` RENAME TO `customers`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `customers_tenant_email` ON `customers` (`tenant_id`,`email`) WHERE "customers"."email" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `customers_tenant_phone` ON `customers` (`tenant_id`,`phone_e164`) WHERE "customers"."phone_e164" is not null;