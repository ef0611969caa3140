CREATE TABLE `departure_stops` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`departure_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`address` text,
	`offset_minutes` integer NOT NULL,
	FOREIGN KEY (`departure_id`) REFERENCES `departures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `departure_stops_departure_idx` ON `departure_stops` (`departure_id`,`position`);--> statement-breakpoint
ALTER TABLE `deals` ADD `stop_id` integer REFERENCES departure_stops(id);--> statement-breakpoint
-- Every departure so far picks up at its meeting point: that is its first stop.
INSERT INTO `departure_stops` (`departure_id`, `position`, `name`, `offset_minutes`) SELECT `id`, 0, `meeting_point`, 0 FROM `departures`;
--> statement-breakpoint
UPDATE `deals` SET `stop_id` = (SELECT `s`.`id` FROM `departure_stops` `s` WHERE `s`.`departure_id` = `deals`.`departure_id` AND `s`.`position` = 0);
