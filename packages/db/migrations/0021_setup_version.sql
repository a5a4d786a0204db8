ALTER TABLE `tenants` ADD `setup_version` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `services_insert_moves_setup_version` AFTER INSERT ON `services` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `services_update_moves_setup_version` AFTER UPDATE ON `services` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `services_delete_moves_setup_version` AFTER DELETE ON `services` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = OLD.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `staff_insert_moves_setup_version` AFTER INSERT ON `staff` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `staff_update_moves_setup_version` AFTER UPDATE ON `staff` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `staff_delete_moves_setup_version` AFTER DELETE ON `staff` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = OLD.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `staff_services_insert_moves_setup_version` AFTER INSERT ON `staff_services` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `staff_services_update_moves_setup_version` AFTER UPDATE ON `staff_services` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `staff_services_delete_moves_setup_version` AFTER DELETE ON `staff_services` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = OLD.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `working_hours_insert_moves_setup_version` AFTER INSERT ON `working_hours` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `working_hours_update_moves_setup_version` AFTER UPDATE ON `working_hours` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `working_hours_delete_moves_setup_version` AFTER DELETE ON `working_hours` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = OLD.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `date_overrides_insert_moves_setup_version` AFTER INSERT ON `date_overrides` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `date_overrides_update_moves_setup_version` AFTER UPDATE ON `date_overrides` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `date_overrides_delete_moves_setup_version` AFTER DELETE ON `date_overrides` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = OLD.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `business_hours_insert_moves_setup_version` AFTER INSERT ON `business_hours` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `business_hours_update_moves_setup_version` AFTER UPDATE ON `business_hours` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `business_hours_delete_moves_setup_version` AFTER DELETE ON `business_hours` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = OLD.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `holidays_insert_moves_setup_version` AFTER INSERT ON `holidays` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `holidays_update_moves_setup_version` AFTER UPDATE ON `holidays` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `holidays_delete_moves_setup_version` AFTER DELETE ON `holidays` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = OLD.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `locations_insert_moves_setup_version` AFTER INSERT ON `locations` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `locations_update_moves_setup_version` AFTER UPDATE ON `locations` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `locations_delete_moves_setup_version` AFTER DELETE ON `locations` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = OLD.`tenant_id`; END;
--> statement-breakpoint
CREATE TRIGGER `tenants_update_moves_setup_version` AFTER UPDATE ON `tenants` WHEN NEW.`setup_version` = OLD.`setup_version` BEGIN UPDATE `tenants` SET `setup_version` = `setup_version` + 1 WHERE `id` = NEW.`id`; END;
