ALTER TABLE `travellers` ADD `boarding` text DEFAULT 'expected' NOT NULL;--> statement-breakpoint
ALTER TABLE `travellers` ADD `boarding_at` integer;