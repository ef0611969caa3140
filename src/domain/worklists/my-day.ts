import { flatMapInOrder } from '../in-order.js';
import type { Ctx } from '../context.js';
import { decodeCursor, encodeCursor } from '../paging.js';
import { contactItems, receivedItems } from './contact-lists.js';
import { dealItems } from './deal-lists.js';
import { inquiryItems } from './inquiry-lists.js';
import { waitlistItems } from './waitlist-lists.js';
import { taskItems } from './task-lists.js';
import type { Scope } from './scope.js';
import { DEAL_LISTS, INQUIRY_LISTS, type MyDayItem, type WorkItem, type WorklistQuery } from './types.js';

/** How deep my-day looks into each list: the first rows by departure date are the pressing ones. */
export const MY_DAY_DEPTH = 300;

const byUrgency = (a: WorkItem, b: WorkItem) => b.priority - a.priority || a.dueAt - b.dueAt || a.contactId - b.contactId;

/**
 * Every list for one manager (or the whole agency), merged: each client once, carrying all
 * its reasons, most urgent first. Paged by the position in that order; `total` counts them all.
 */
export async function myDay(ctx: Ctx, query: WorklistQuery & { assigneeId?: number | undefined }) {
  const scope: Scope = { departureId: query.departureId, managerId: query.managerId, limit: MY_DAY_DEPTH };
  // Tasks are personal even where the lists are the agency's (an operator's day): the assignee's own.
  const tasks: Scope = { ...scope, managerId: query.assigneeId ?? query.managerId };
  const all: WorkItem[] = [
    ...await flatMapInOrder(DEAL_LISTS, async (name) => (await dealItems(ctx, name, scope)).items),
    ...await flatMapInOrder((['new', ...INQUIRY_LISTS] as const), async (name) => (await inquiryItems(ctx, name, scope)).items),
    ...(await contactItems(ctx, scope)).items,
    ...(await waitlistItems(ctx, scope)).items,
    ...(await taskItems(ctx, tasks)).items,
    ...await receivedItems(ctx, scope),
  ];
  // A client once, with all their reasons; a task about nobody in particular stands alone.
  const byClient = new Map<string, WorkItem[]>();
  for (const item of all) {
    const key = item.contactId ? `c${item.contactId}` : `t${item.id}`;
    const reasons = byClient.get(key);
    if (reasons) reasons.push(item);
    else byClient.set(key, [item]);
  }
  const merged: MyDayItem[] = [...byClient.values()].map((items) => {
    const sorted = [...items].sort(byUrgency);
    return { ...sorted[0]!, reasons: sorted };
  });
  merged.sort(byUrgency);
  const after = decodeCursor<[number]>(query.cursor, ['number']);
  const start = after ? after[0] : 0;
  const page = merged.slice(start, start + query.limit);
  const next = start + query.limit;
  return { items: page, nextCursor: next < merged.length ? encodeCursor([next]) : null, total: merged.length };
}
