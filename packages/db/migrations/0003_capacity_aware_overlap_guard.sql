-- The appointments table was rebuilt in 0002, which dropped its triggers. They come back knowing about holds
-- and group sessions: the seats of one session (same service, same start) may share a staff member's time up to
-- the service's capacity. The database stays the last word on double booking, whatever process writes.
CREATE TRIGGER appointments_no_overlap_insert
BEFORE INSERT ON appointments
WHEN NEW.status IN ('held', 'pending', 'confirmed')
BEGIN
  SELECT RAISE(ABORT, 'SLOT_TAKEN')
  WHERE EXISTS (
    SELECT 1 FROM appointments AS a
    WHERE a.tenant_id = NEW.tenant_id
      AND a.staff_id = NEW.staff_id
      AND a.status IN ('held', 'pending', 'confirmed')
      AND a.blocked_start < NEW.blocked_end
      AND a.blocked_end > NEW.blocked_start
      AND NOT (a.service_id = NEW.service_id AND a.start_at = NEW.start_at
               AND (SELECT capacity FROM services WHERE id = NEW.service_id) > 1)
  ) OR (
    SELECT count(*) FROM appointments AS a
    WHERE a.tenant_id = NEW.tenant_id
      AND a.staff_id = NEW.staff_id
      AND a.service_id = NEW.service_id
      AND a.start_at = NEW.start_at
      AND a.status IN ('held', 'pending', 'confirmed')
  ) >= (SELECT capacity FROM services WHERE id = NEW.service_id);
END;
--> statement-breakpoint
CREATE TRIGGER appointments_no_overlap_update
BEFORE UPDATE OF status, staff_id, service_id, start_at, blocked_start, blocked_end ON appointments
WHEN NEW.status IN ('held', 'pending', 'confirmed')
BEGIN
  SELECT RAISE(ABORT, 'SLOT_TAKEN')
  WHERE EXISTS (
    SELECT 1 FROM appointments AS a
    WHERE a.tenant_id = NEW.tenant_id
      AND a.staff_id = NEW.staff_id
      AND a.id <> NEW.id
      AND a.status IN ('held', 'pending', 'confirmed')
      AND a.blocked_start < NEW.blocked_end
      AND a.blocked_end > NEW.blocked_start
      AND NOT (a.service_id = NEW.service_id AND a.start_at = NEW.start_at
               AND (SELECT capacity FROM services WHERE id = NEW.service_id) > 1)
  ) OR (
    SELECT count(*) FROM appointments AS a
    WHERE a.tenant_id = NEW.tenant_id
      AND a.staff_id = NEW.staff_id
      AND a.id <> NEW.id
      AND a.service_id = NEW.service_id
      AND a.start_at = NEW.start_at
      AND a.status IN ('held', 'pending', 'confirmed')
  ) >= (SELECT capacity FROM services WHERE id = NEW.service_id);
END;
