-- Messages are now sent by delivery jobs: every message still waiting to go out gets its job, due when it was.
INSERT INTO jobs (id, tenant_id, kind, key, payload, run_at, attempts)
SELECT 'job_' || lower(hex(randomblob(12))), tenant_id, 'notification.deliver', id, json_object('notificationId', id), next_attempt_at, attempts
FROM notifications
WHERE status = 'queued';
