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
 * Every list read once for one manager (or the whole agency), up to MY_DAY_DEPTH rows each:
 * the 13 indexed statements my-day and the director's summary are both made of. Tasks are
 * read for `tasks` (an assignee, or everyone's).
 */
export async function collectWork(ctx: Ctx, scope: Omit<Scope, 'limit' | 'after'>, tasks: Omit<Scope, 'limit' | 'after'>): Promise<WorkItem[]> {
  const lists: Scope = { ...scope, limit: MY_DAY_DEPTH };
  return [
    ...await flatMapInOrder(DEAL_LISTS, async (name) => (await dealItems(ctx, name, lists)).items),
    ...await flatMapInOrder((['new', ...INQUIRY_LISTS] as const), async (name) => (await inquiryItems(ctx, name, lists)).items),
    ...(await contactItems(ctx, lists)).items,
    ...(await waitlistItems(ctx, lists)).items,
    ...(await taskItems(ctx, { ...tasks, limit: MY_DAY_DEPTH })).items,
    ...await receivedItems(ctx, lists),
  ];
}

/** Work items merged per client (each client once, carrying all its reasons), most urgent first. */
export function mergeByClient(all: WorkItem[]): MyDayItem[] {
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
  return merged.sort(byUrgency);
}

/** A page of merged items, by position in their order; `total` counts them all. */
export function pageOfMerged(merged: MyDayItem[], query: Pick<WorklistQuery, 'cursor' | 'limit'>) {
  const after = decodeCursor<[number]>(query.cursor, ['number']);
  const start = after ? after[0] : 0;
  const page = merged.slice(start, start + query.limit);
  const next = start + query.limit;
  return { items: page, nextCursor: next < merged.length ? encodeCursor([next]) : null, total: merged.length };
}

/**
 * Every list for one manager (or the whole agency), merged: each client once, carrying all
 * its reasons, most urgent first. Paged by the position in that order; `total` counts them all.
 */
export async function myDay(ctx: Ctx, query: WorklistQuery & { assigneeId?: number | undefined }) {
  const scope = { departureId: query.departureId, managerId: query.managerId };
  // Tasks are personal even where the lists are the agency's (an operator's day): the assignee's own.
  const all = await collectWork(ctx, scope, { ...scope, managerId: query.assigneeId ?? query.managerId });
  return pageOfMerged(mergeByClient(all), query);
}
