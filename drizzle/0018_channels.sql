ALTER TABLE `contacts` ADD `channels` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `telegram_chat_id` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `fallbacks` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `delivered_at` integer;--> statement-breakpoint
CREATE INDEX `notifications_message_idx` ON `notifications` (`channel`,`message_id`) WHERE message_id IS NOT NULL;