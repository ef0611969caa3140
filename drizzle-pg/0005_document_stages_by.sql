ALTER TABLE "deals" ADD COLUMN "documents_sent_by" integer;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "documents_received_by" integer;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_documents_sent_by_users_id_fk" FOREIGN KEY ("documents_sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_documents_received_by_users_id_fk" FOREIGN KEY ("documents_received_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;