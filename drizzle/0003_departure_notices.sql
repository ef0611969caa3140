DROP INDEX `deals_not_notified_idx`;--> statement-breakpoint
CREATE INDEX `deals_live_idx` ON `deals` (`departure_id`,`id`) WHERE cancelled_at is null;--> statement-breakpoint
DROP INDEX `notifications_notice_unique`;--> statement-breakpoint
ALTER TABLE `notifications` ADD `channel` text DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `told_departs_at` integer;--> statement-breakpoint
ALTER TABLE `notifications` ADD `told_meeting_point` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `handed_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_departure_notice_unique` ON `notifications` (`deal_id`,`schedule_version`) WHERE kind <> 'voucher';--> statement-breakpoint
CREATE INDEX `notifications_deal_notice_idx` ON `notifications` (`deal_id`,`id`) WHERE kind <> 'voucher' AND status <> 'superseded';