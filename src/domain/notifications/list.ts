import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { NOTIFICATION_KINDS, notifications } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { decodeCursor, page, pagingQuery } from '../paging.js';
import { serializeNotification, type NotificationRow } from './rows.js';

export async function getNotification(ctx: Ctx, id: number): Promise<NotificationRow | undefined> {
  return await ctx.db.select().from(notifications).where(eq(notifications.id, id)).get();
}

export const ListNotificationsQuery = z.object({
  departureId: z.coerce.number().int().positive().optional(),
  dealId: z.coerce.number().int().positive().optional(),
  contactId: z.coerce.number().int().positive().optional(),
  campaignId: z.coerce.number().int().positive().optional(),
  kind: z.enum(NOTIFICATION_KINDS).optional(),
  ...pagingQuery,
});
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

export async function listNotifications(ctx: Ctx, query: ListNotificationsQuery) {
  const conditions: SQL[] = [];
  if (query.departureId) conditions.push(eq(notifications.departureId, query.departureId));
  if (query.dealId) conditions.push(eq(notifications.dealId, query.dealId));
  if (query.contactId) conditions.push(eq(notifications.contactId, query.contactId));
  if (query.campaignId) conditions.push(eq(notifications.campaignId, query.campaignId));
  if (query.kind) conditions.push(eq(notifications.kind, query.kind));
  const after = decodeCursor<[number]>(query.cursor, ['number']);
  if (after) conditions.push(gt(notifications.id, after[0]));
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(and(...conditions))
    .orderBy(asc(notifications.id))
    .limit(query.limit + 1)
    .all();
  return page(rows, query.limit, (row) => [row.id], serializeNotification);
}
