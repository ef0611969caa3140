CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer NOT NULL,
	`departure_id` integer NOT NULL,
	`kind` text NOT NULL,
	`schedule_version` integer,
	`to_address` text,
	`locale` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claim_token` text,
	`lease_until` integer,
	`sent_at` integer,
	`message_id` text,
	`error` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`departure_id`) REFERENCES `departures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_due_idx` ON `notifications` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `notifications_deal_idx` ON `notifications` (`deal_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_departure_idx` ON `notifications` (`departure_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_notice_unique` ON `notifications` (`deal_id`,`kind`,`schedule_version`) WHERE kind <> 'voucher';