CREATE TABLE `waitlist_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`departure_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`manager_id` integer,
	`seats` integer NOT NULL,
	`note` text,
	`status` text DEFAULT 'waiting' NOT NULL,
	`offered_at` integer,
	`hold_until` integer,
	`deal_id` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`departure_id`) REFERENCES `departures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manager_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `waitlist_departure_idx` ON `waitlist_entries` (`departure_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `waitlist_hold_idx` ON `waitlist_entries` (`hold_until`) WHERE status = 'offered';--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer,
	`waitlist_entry_id` integer,
	`departure_id` integer NOT NULL,
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
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_notifications`("id", "deal_id", "waitlist_entry_id", "departure_id", "kind", "schedule_version", "to_address", "channel", "told_departs_at", "told_meeting_point", "payment_kind", "due_at", "reminder_stage", "handed_at", "locale", "status", "attempts", "next_attempt_at", "claim_token", "claimed_by", "lease_until", "sent_at", "message_id", "error", "created_by", "created_at", "updated_at") SELECT "id", "deal_id", NULL, "departure_id", "kind", "schedule_version", "to_address", "channel", "told_departs_at", "told_meeting_point", NULL, NULL, NULL, "handed_at", "locale", "status", "attempts", "next_attempt_at", "claim_token", "claimed_by", "lease_until", "sent_at", "message_id", "error", "created_by", "created_at", "updated_at" FROM `notifications`;--> statement-breakpoint
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
ALTER TABLE `departures` ADD `prices` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `departures` ADD `deposit_due_days` integer;--> statement-breakpoint
ALTER TABLE `departures` ADD `balance_due_days` integer;--> statement-breakpoint
ALTER TABLE `deals` ADD `deposit_due_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `deals` ADD `balance_due_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `deals` ADD `price_given` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Bookings made before due dates existed: the agency defaults (balance 14 days before departure, deposit 3 days after booking, never after the balance; in whole days of 24 hours).
UPDATE `deals` SET `balance_due_at` = max((SELECT dep.departs_at FROM departures dep WHERE dep.id = deals.departure_id) - 14 * 86400000, deals.created_at);--> statement-breakpoint
UPDATE `deals` SET `deposit_due_at` = min(deals.created_at + 3 * 86400000, deals.balance_due_at);--> statement-breakpoint
CREATE INDEX `deals_deposit_due_idx` ON `deals` (`deposit_due_at`) WHERE status IN ('new', 'documents_sent', 'documents_received');--> statement-breakpoint
CREATE INDEX `deals_balance_due_idx` ON `deals` (`balance_due_at`) WHERE status IN ('new', 'documents_sent', 'documents_received', 'deposit_paid');--> statement-breakpoint
ALTER TABLE `travellers` ADD `category` text DEFAULT 'adult' NOT NULL;