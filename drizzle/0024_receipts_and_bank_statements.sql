CREATE TABLE `bank_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`statement_id` integer NOT NULL,
	`entry_id` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`booked_on` text,
	`payer_name` text,
	`payer_account` text,
	`text` text NOT NULL,
	`deal_id` integer,
	`payment_id` integer,
	`refusal` text,
	`assigned_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`statement_id`) REFERENCES `bank_statements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_entries_entry_idx` ON `bank_entries` (`entry_id`);--> statement-breakpoint
CREATE INDEX `bank_entries_open_idx` ON `bank_entries` (`payment_id`,`id`);--> statement-breakpoint
CREATE TABLE `bank_statements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`format` text NOT NULL,
	`file_name` text,
	`account` text,
	`credits` integer NOT NULL,
	`recorded` integer NOT NULL,
	`imported_by` integer,
	`imported_at` integer NOT NULL,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `payments` ADD `receipt_number` text;--> statement-breakpoint
-- Money recorded before receipts were numbered: numbered by the year it was recorded (UTC), in the order it was recorded.
UPDATE `payments` SET `receipt_number` = printf('%s-%06d', r.y, r.n)
FROM (
  SELECT `id`, strftime('%Y', `created_at` / 1000, 'unixepoch') AS y,
    row_number() OVER (PARTITION BY strftime('%Y', `created_at` / 1000, 'unixepoch') ORDER BY `id`) AS n
  FROM `payments`
) AS r
WHERE r.`id` = `payments`.`id`;--> statement-breakpoint
CREATE UNIQUE INDEX `payments_receipt_unique` ON `payments` (`receipt_number`);--> statement-breakpoint
CREATE INDEX `payments_received_idx` ON `payments` (`received_at`,`id`);