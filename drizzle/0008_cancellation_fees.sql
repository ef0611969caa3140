ALTER TABLE `departures` ADD `cancellation_fees` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `deals` ADD `fee_minor` integer DEFAULT 0 NOT NULL;