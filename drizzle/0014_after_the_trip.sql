CREATE TABLE `task_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`days_before_departure` integer NOT NULL,
	`role` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`note` text,
	`due_at` integer NOT NULL,
	`assignee_id` integer NOT NULL,
	`departure_id` integer,
	`deal_id` integer,
	`contact_id` integer,
	`plan_days_before` integer,
	`plan_role` text,
	`status` text DEFAULT 'open' NOT NULL,
	`report` text,
	`done_at` integer,
	`done_by` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`departure_id`) REFERENCES `departures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_assignee_open_idx` ON `tasks` (`assignee_id`,`due_at`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `tasks_open_due_idx` ON `tasks` (`due_at`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `tasks_departure_idx` ON `tasks` (`departure_id`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_deal_idx` ON `tasks` (`deal_id`);--> statement-breakpoint
CREATE INDEX `tasks_contact_idx` ON `tasks` (`contact_id`);--> statement-breakpoint
CREATE TABLE `feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer NOT NULL,
	`departure_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`rating` integer NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`departure_id`) REFERENCES `departures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_deal_id_unique` ON `feedback` (`deal_id`);--> statement-breakpoint
CREATE INDEX `feedback_departure_idx` ON `feedback` (`departure_id`,`id`);--> statement-breakpoint
CREATE INDEX `feedback_contact_idx` ON `feedback` (`contact_id`,`id`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`texts` text DEFAULT '{}' NOT NULL,
	`segment` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`queued_at` integer,
	`queued_by` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`queued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer,
	`waitlist_entry_id` integer,
	`departure_id` integer,
	`contact_id` integer,
	`campaign_id` integer,
	`kind` text NOT NULL,
	`schedule_version` integer,
	`to_address` text,
	`channel` text DEFAULT 'email' NOT NULL,
	`told_departs_at` integer,
	`told_meeting_point` text,
	`payment_kind` text,
	`due_at` integer,
	`reminder_stage` text,
	`handed_at` integer,
	`locale` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claim_token` text,
	`claimed_by` text,
	`lease_until` integer,
	`sent_at` integer,
	`message_id` text,
	`error` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`waitlist_entry_id`) REFERENCES `waitlist_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`departure_id`) REFERENCES `departures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_notifications`("id", "deal_id", "waitlist_entry_id", "departure_id", "contact_id", "campaign_id", "kind", "schedule_version", "to_address", "channel", "told_departs_at", "told_meeting_point", "payment_kind", "due_at", "reminder_stage", "handed_at", "locale", "status", "attempts", "next_attempt_at", "claim_token", "claimed_by", "lease_until", "sent_at", "message_id", "error", "created_by", "created_at", "updated_at") SELECT "id", "deal_id", "waitlist_entry_id", "departure_id", NULL, NULL, "kind", "schedule_version", "to_address", "channel", "told_departs_at", "told_meeting_point", "payment_kind", "due_at", "reminder_stage", "handed_at", "locale", "status", "attempts", "next_attempt_at", "claim_token", "claimed_by", "lease_until", "sent_at", "message_id", "error", "created_by", "created_at", "updated_at" FROM `notifications`;--> statement-breakpoint
DROP TABLE `notifications`;--> statement-breakpoint
ALTER TABLE `__new_notifications` RENAME TO `notifications`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `notifications_due_idx` ON `notifications` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `notifications_deal_idx` ON `notifications` (`deal_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_departure_idx` ON `notifications` (`departure_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_departure_notice_unique` ON `notifications` (`deal_id`,`schedule_version`) WHERE kind IN ('departure_reminder', 'departure_changed');--> statement-breakpoint
CREATE INDEX `notifications_deal_notice_idx` ON `notifications` (`deal_id`,`id`) WHERE kind IN ('departure_reminder', 'departure_changed') AND status <> 'superseded';--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_payment_reminder_unique` ON `notifications` (`deal_id`,`payment_kind`,`due_at`,`reminder_stage`) WHERE kind = 'payment_reminder';--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_waitlist_offer_unique` ON `notifications` (`waitlist_entry_id`) WHERE kind = 'waitlist_offer';--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_feedback_unique` ON `notifications` (`deal_id`) WHERE kind = 'feedback_request';--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_campaign_unique` ON `notifications` (`campaign_id`,`contact_id`) WHERE kind = 'campaign';--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_greeting_unique` ON `notifications` (`contact_id`,`due_at`) WHERE kind = 'birthday_greeting';--> statement-breakpoint
CREATE INDEX `notifications_contact_idx` ON `notifications` (`contact_id`,`id`);--> statement-breakpoint
ALTER TABLE `departures` ADD `operator_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `departures` ADD `manager_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `contacts` ADD `follow_up_departure_id` integer REFERENCES departures(id);--> statement-breakpoint
ALTER TABLE `contacts` ADD `birth_date` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `marketing_opt_in` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `contacts` ADD `unsubscribed_at` integer;--> statement-breakpoint
ALTER TABLE `contacts` ADD `unsubscribed_campaign_id` integer;--> statement-breakpoint
ALTER TABLE `inquiries` ADD `wishes` text DEFAULT '{}' NOT NULL;