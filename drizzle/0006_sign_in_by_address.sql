ALTER TABLE `sign_in_failures` ADD `address` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `sign_in_failures_email_address_at_idx` ON `sign_in_failures` (`email`,`address`,`at`);