CREATE TABLE `inquiries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`manager_id` integer,
	`status` text NOT NULL,
	`source` text,
	`departure_id` integer,
	`reactivation` integer DEFAULT false NOT NULL,
	`flagged` integer DEFAULT false NOT NULL,
	`reason` text,
	`first_offer_due_at` integer NOT NULL,
	`first_offer_at` integer,
	`offer_made_at` integer,
	`offer_expires_at` integer,
	`deal_id` integer,
	`last_message_at` integer,
	`closed_at` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manager_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`departure_id`) REFERENCES `departures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inquiries_contact_idx` ON `inquiries` (`contact_id`,`id`);--> statement-breakpoint
CREATE INDEX `inquiries_status_idx` ON `inquiries` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `inquiries_manager_status_idx` ON `inquiries` (`manager_id`,`status`);--> statement-breakpoint
CREATE INDEX `inquiries_first_offer_idx` ON `inquiries` (`first_offer_due_at`) WHERE status IN ('new', 'selecting') AND flagged = 0;--> statement-breakpoint
CREATE INDEX `inquiries_offer_expiry_idx` ON `inquiries` (`offer_expires_at`) WHERE status = 'offer_made';--> statement-breakpoint
CREATE TABLE `inquiry_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`inquiry_id` integer NOT NULL,
	`kind` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`reason` text,
	`note` text,
	`message` text,
	`source` text,
	`at` integer NOT NULL,
	`by_user_id` integer,
	FOREIGN KEY (`inquiry_id`) REFERENCES `inquiries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inquiry_events_inquiry_idx` ON `inquiry_events` (`inquiry_id`,`id`);--> statement-breakpoint
CREATE TABLE `intake_hits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`address` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `intake_hits_address_idx` ON `intake_hits` (`address`,`at`);--> statement-breakpoint
ALTER TABLE `contacts` ADD `received_at` integer;