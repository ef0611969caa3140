CREATE TABLE `checkout_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer NOT NULL,
	`provider_id` text NOT NULL,
	`purpose` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`url` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`payment_id` integer,
	`created_at` integer NOT NULL,
	`paid_at` integer,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkout_sessions_provider_idx` ON `checkout_sessions` (`provider_id`);--> statement-breakpoint
CREATE INDEX `checkout_sessions_deal_idx` ON `checkout_sessions` (`deal_id`,`id`);--> statement-breakpoint
CREATE TABLE `payment_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text,
	`type` text,
	`provider_session_id` text,
	`deal_id` integer,
	`outcome` text NOT NULL,
	`detail` text,
	`received_at` integer NOT NULL,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payment_events_deal_idx` ON `payment_events` (`deal_id`,`id`);--> statement-breakpoint
CREATE INDEX `payment_events_outcome_idx` ON `payment_events` (`outcome`,`received_at`);--> statement-breakpoint
ALTER TABLE `departures` ADD `public` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `departures` ADD `description` text;--> statement-breakpoint
ALTER TABLE `deals` ADD `source` text DEFAULT 'office' NOT NULL;--> statement-breakpoint
ALTER TABLE `deals` ADD `manage_link_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `deals_online_unpaid_idx` ON `deals` (`deposit_due_at`) WHERE source = 'online' and status IN ('new', 'documents_sent', 'documents_received');--> statement-breakpoint
ALTER TABLE `payments` ADD `reference` text;--> statement-breakpoint
CREATE UNIQUE INDEX `payments_reference_unique` ON `payments` (`method`,`reference`) WHERE reference is not null;--> statement-breakpoint
ALTER TABLE `deal_history` ADD `by_client` integer DEFAULT false NOT NULL;