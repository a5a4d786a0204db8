-- Bookings already waiting for staff become the first entries of the one approval queue (kind `book`), with the
-- time and staff member they asked for as the proposal. Ids are random like `randomId("apr")`'s (hex, not its
-- alphabet: only their uniqueness matters).
INSERT INTO `approvals` (`tenant_id`, `id`, `kind`, `status`, `appointment_id`, `proposal`, `created_at`, `expires_at`)
SELECT `a`.`tenant_id`, 'apr_' || lower(hex(randomblob(10))), 'book', 'pending', `a`.`id`,
	json_object('start', strftime('%Y-%m-%dT%H:%M:%fZ', `a`.`start_at` / 1000.0, 'unixepoch'), 'staffId', `a`.`staff_id`),
	`a`.`created_at`, `a`.`expires_at`
FROM `appointments` AS `a`
WHERE `a`.`status` = 'pending'
	AND NOT EXISTS (SELECT 1 FROM `approvals` AS `p` WHERE `p`.`tenant_id` = `a`.`tenant_id` AND `p`.`appointment_id` = `a`.`id` AND `p`.`status` = 'pending');
