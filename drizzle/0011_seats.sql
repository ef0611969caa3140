CREATE TABLE `seat_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`departure_id` integer NOT NULL,
	`seat` integer NOT NULL,
	`traveller_id` integer NOT NULL,
	FOREIGN KEY (`departure_id`) REFERENCES `departures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`traveller_id`) REFERENCES `travellers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `seat_assignments_seat_unique` ON `seat_assignments` (`departure_id`,`seat`);--> statement-breakpoint
CREATE UNIQUE INDEX `seat_assignments_traveller_unique` ON `seat_assignments` (`traveller_id`);--> statement-breakpoint
ALTER TABLE `departures` ADD `seat_layout` text;