ALTER TABLE `deals` ADD `documents_sent_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `deals` ADD `documents_received_by` integer REFERENCES users(id);