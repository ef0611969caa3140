DROP INDEX `deals_manager_status_idx`;--> statement-breakpoint
CREATE INDEX `deals_manager_departure_status_idx` ON `deals` (`manager_id`,`departure_id`,`status`);--> statement-breakpoint
CREATE INDEX `deals_documents_missing_idx` ON `deals` (`departure_id`,`id`) WHERE documents_received_at is null and cancelled_at is null;--> statement-breakpoint
CREATE INDEX `deals_not_notified_idx` ON `deals` (`departure_id`,`id`) WHERE notified_at is null and cancelled_at is null;--> statement-breakpoint
DROP INDEX `contacts_manager_idx`;--> statement-breakpoint
CREATE INDEX `contacts_manager_idx` ON `contacts` (`manager_id`,`next_contact_at`);