CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`locale` text,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_hash_unique` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `sign_in_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_failures_email_at_idx` ON `sign_in_failures` (`email`,`at`);--> statement-breakpoint
CREATE TABLE `departures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`destination` text,
	`departs_at` integer NOT NULL,
	`time_zone` text NOT NULL,
	`returns_at` integer,
	`meeting_point` text NOT NULL,
	`seats` integer NOT NULL,
	`price_minor` integer NOT NULL,
	`deposit_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`schedule_version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `departures_departs_at_idx` ON `departures` (`departs_at`,`id`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`email` text,
	`email_normalized` text,
	`locale` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`manager_id` integer,
	`notes` text,
	`next_contact_at` integer,
	`search_text` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`manager_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_phone_unique` ON `contacts` (`phone`) WHERE phone is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_email_unique` ON `contacts` (`email_normalized`) WHERE email_normalized is not null;--> statement-breakpoint
CREATE INDEX `contacts_name_idx` ON `contacts` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_manager_idx` ON `contacts` (`manager_id`);--> statement-breakpoint
CREATE INDEX `contacts_next_contact_idx` ON `contacts` (`next_contact_at`);--> statement-breakpoint
CREATE TABLE `communications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`channel` text NOT NULL,
	`summary` text NOT NULL,
	`outcome` text,
	`at` integer NOT NULL,
	`next_contact_at` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `communications_contact_idx` ON `communications` (`contact_id`,`at`);--> statement-breakpoint
CREATE TABLE `deals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`departure_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`manager_id` integer,
	`seats` integer NOT NULL,
	`price_minor` integer NOT NULL,
	`deposit_due_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`documents_sent_at` integer,
	`documents_received_at` integer,
	`voucher_sent_at` integer,
	`notified_at` integer,
	`cancelled_at` integer,
	`cancel_reason` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`departure_id`) REFERENCES `departures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manager_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deals_departure_status_idx` ON `deals` (`departure_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `deals_manager_status_idx` ON `deals` (`manager_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `deals_status_idx` ON `deals` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `deals_contact_idx` ON `deals` (`contact_id`,`id`);--> statement-breakpoint
CREATE TABLE `travellers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`birth_date` text,
	`document_number` text,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `travellers_deal_idx` ON `travellers` (`deal_id`,`position`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer NOT NULL,
	`kind` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`delta_minor` integer NOT NULL,
	`method` text NOT NULL,
	`received_at` integer NOT NULL,
	`note` text,
	`reverses_payment_id` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payments_deal_idx` ON `payments` (`deal_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_reversal_unique` ON `payments` (`reverses_payment_id`) WHERE reverses_payment_id is not null;--> statement-breakpoint
CREATE TABLE `deal_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`at` integer NOT NULL,
	`by_user_id` integer,
	`note` text,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deal_history_deal_idx` ON `deal_history` (`deal_id`,`id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`result` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
