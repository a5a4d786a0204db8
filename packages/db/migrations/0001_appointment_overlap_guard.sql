-- A staff member's active appointments (buffers included) never overlap. The application checks first;
-- this makes the database the last word, whatever process writes.
CREATE TRIGGER appointments_no_overlap_insert
BEFORE INSERT ON appointments
WHEN NEW.status IN ('pending', 'confirmed')
BEGIN
  SELECT RAISE(ABORT, 'SLOT_TAKEN')
  WHERE EXISTS (
    SELECT 1 FROM appointments
    WHERE tenant_id = NEW.tenant_id
      AND staff_id = NEW.staff_id
      AND status IN ('pending', 'confirmed')
      AND blocked_start < NEW.blocked_end
      AND blocked_end > NEW.blocked_start
  );
END;
--> statement-breakpoint
CREATE TRIGGER appointments_no_overlap_update
BEFORE UPDATE OF status, staff_id, blocked_start, blocked_end ON appointments
WHEN NEW.status IN ('pending', 'confirmed')
BEGIN
  SELECT RAISE(ABORT, 'SLOT_TAKEN')
  WHERE EXISTS (
    SELECT 1 FROM appointments
    WHERE tenant_id = NEW.tenant_id
      AND staff_id = NEW.staff_id
      AND id <> NEW.id
      AND status IN ('pending', 'confirmed')
      AND blocked_start < NEW.blocked_end
      AND blocked_end > NEW.blocked_start
  );
END;
