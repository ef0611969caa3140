CREATE TABLE `departure_vehicles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`departure_id` integer NOT NULL,
	`position` integer NOT NULL,
	`label` text NOT NULL,
	`seats` integer NOT NULL,
	`seat_layout` text,
	FOREIGN KEY (`departure_id`) REFERENCES `departures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `departure_vehicles_departure_idx` ON `departure_vehicles` (`departure_id`,`position`);--> statement-breakpoint
CREATE TABLE `room_travellers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL,
	`traveller_id` integer NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`traveller_id`) REFERENCES `travellers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `room_travellers_traveller_unique` ON `room_travellers` (`traveller_id`);--> statement-breakpoint
CREATE INDEX `room_travellers_room_idx` ON `room_travellers` (`room_id`,`position`);--> statement-breakpoint
CREATE TABLE `rooms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`departure_id` integer NOT NULL,
	`position` integer NOT NULL,
	`type` text NOT NULL,
	FOREIGN KEY (`departure_id`) REFERENCES `departures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rooms_departure_idx` ON `rooms` (`departure_id`,`position`);--> statement-breakpoint
-- Every departure so far is one bus of its seats; its bookings and seats ride in it.
INSERT INTO `departure_vehicles` (`departure_id`, `position`, `label`, `seats`, `seat_layout`) SELECT `id`, 0, '1', `seats`, NULL FROM `departures`;--> statement-breakpoint
ALTER TABLE `departures` ADD `extras` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `deals` ADD `vehicle_id` integer REFERENCES departure_vehicles(id);--> statement-breakpoint
ALTER TABLE `deals` ADD `extras` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `travellers` ADD `extras` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
UPDATE `deals` SET `vehicle_id` = (SELECT v.`id` FROM `departure_vehicles` v WHERE v.`departure_id` = `deals`.`departure_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_seat_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`departure_id` integer NOT NULL,
	`vehicle_id` integer NOT NULL,
	`seat` integer NOT NULL,
	`traveller_id` integer,
	`held_for_deal_id` integer,
	`held_for_position` integer,
	FOREIGN KEY (`departure_id`) REFERENCES `departures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vehicle_id`) REFERENCES `departure_vehicles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`traveller_id`) REFERENCES `travellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`held_for_deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "seat_assignments_someone" CHECK((traveller_id IS NOT NULL AND held_for_deal_id IS NULL AND held_for_position IS NULL) OR (traveller_id IS NULL AND held_for_deal_id IS NOT NULL AND held_for_position IS NOT NULL))
);
--> statement-breakpoint
INSERT INTO `__new_seat_assignments`("id", "departure_id", "vehicle_id", "seat", "traveller_id", "held_for_deal_id", "held_for_position") SELECT s."id", s."departure_id", (SELECT v.`id` FROM `departure_vehicles` v WHERE v.`departure_id` = s.`departure_id`), s."seat", s."traveller_id", s."held_for_deal_id", s."held_for_position" FROM `seat_assignments` s;--> statement-breakpoint
DROP TABLE `seat_assignments`;--> statement-breakpoint
ALTER TABLE `__new_seat_assignments` RENAME TO `seat_assignments`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `seat_assignments_seat_unique` ON `seat_assignments` (`vehicle_id`,`seat`);--> statement-breakpoint
CREATE UNIQUE INDEX `seat_assignments_traveller_unique` ON `seat_assignments` (`traveller_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `seat_assignments_held_unique` ON `seat_assignments` (`held_for_deal_id`,`held_for_position`);--> statement-breakpoint
CREATE INDEX `seat_assignments_departure_idx` ON `seat_assignments` (`departure_id`);
