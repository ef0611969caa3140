ALTER TABLE `contacts` ADD `telegram_link_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- A client linked before links worked once has used their link: it must not link another chat.
UPDATE `contacts` SET `telegram_link_version` = 2 WHERE `telegram_chat_id` IS NOT NULL;