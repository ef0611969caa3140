PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_seat_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`departure_id` integer NOT NULL,
	`seat` integer NOT NULL,
	`traveller_id` integer,
	`held_for_deal_id` integer,
	`held_for_position` integer,
	FOREIGN KEY (`departure_id`) REFERENCES `departures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`traveller_id`) REFERENCES `travellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`held_for_deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "seat_assignments_someone" CHECK((traveller_id IS NOT NULL AND held_for_deal_id IS NULL AND held_for_position IS NULL) OR (traveller_id IS NULL AND held_for_deal_id IS NOT NULL AND held_for_position IS NOT NULL))
);
--> statement-breakpoint
INSERT INTO `__new_seat_assignments`("id", "departure_id", "seat", "traveller_id") SELECT "id", "departure_id", "seat", "traveller_id" FROM `seat_assignments`;--> statement-breakpoint
DROP TABLE `seat_assignments`;--> statement-breakpoint
ALTER TABLE `__new_seat_assignments` RENAME TO `seat_assignments`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `seat_assignments_seat_unique` ON `seat_assignments` (`departure_id`,`seat`);--> statement-breakpoint
CREATE UNIQUE INDEX `seat_assignments_traveller_unique` ON `seat_assignments` (`traveller_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `seat_assignments_held_unique` ON `seat_assignments` (`held_for_deal_id`,`held_for_position`);