CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `notifications` ADD `claimed_by` text;--> statement-breakpoint
INSERT INTO `settings` (`key`, `value`) VALUES ('installation_id', lower(hex(randomblob(12))));
