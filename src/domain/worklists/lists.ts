import type { Ctx } from '../context.js';
import { DomainError, notFound } from '../errors.js';
import { decodeCursor, encodeCursor } from '../paging.js';
import { contactItems, contactsDueSql } from './contact-lists.js';
import { dealItems, dealListSql } from './deal-lists.js';
import { inquiryItems } from './inquiry-lists.js';
import { waitlistItems, waitlistOffersSql } from './waitlist-lists.js';
import { taskItems, tasksDueSql } from './task-lists.js';
import type { Filters, Scope } from './scope.js';
import { INQUIRY_LISTS, WORKLISTS, type DealList, type WorkItem, type WorklistQuery } from './types.js';

/** The SQL each list runs, exposed so tests can check its query plan. */
export function worklistSql(name: DealList | 'contacts-due' | 'waitlist-offers' | 'tasks-due', filters: Filters) {
  if (name === 'waitlist-offers') return waitlistOffersSql(filters);
  if (name === 'tasks-due') return tasksDueSql(filters);
  return name === 'contacts-due' ? contactsDueSql(filters) : dealListSql(name, filters);
}

/**
 * One named list, in a stable order (by departure, then deal), paged by keyset. `new` pages
 * through its deals first, then its inquiries; an inquiry cursor is the negated id.
 */
export async function listWorklist(ctx: Ctx, name: string, query: WorklistQuery) {
  if (!(WORKLISTS as readonly string[]).includes(name)) throw notFound('worklist', name);
  if (name === 'my-day') throw new DomainError('not_found', 'my-day is served by myDay');
  const after = decodeCursor<[number, number]>(query.cursor, ['number', 'number']);
  const scope: Scope = { departureId: query.departureId, managerId: query.managerId, after, limit: query.limit + 1 };
  const finish = (items: WorkItem[], keys: [number, number][]) => {
    const more = items.length > query.limit;
    return { items: items.slice(0, query.limit), nextCursor: more ? encodeCursor(keys[query.limit - 1]!) : null };
  };
  if ((INQUIRY_LISTS as readonly string[]).includes(name)) {
    const { items, keys } = await inquiryItems(ctx, name as (typeof INQUIRY_LISTS)[number], scope);
    return finish(items, keys);
  }
  if (name === 'contacts-due') {
    const { items, keys } = await contactItems(ctx, scope);
    return finish(items, keys);
  }
  if (name === 'waitlist-offers') {
    const { items, keys } = await waitlistItems(ctx, scope);
    return finish(items, keys);
  }
  if (name === 'tasks-due') {
    const { items, keys } = await taskItems(ctx, scope);
    return finish(items, keys);
  }
  if (name === 'new') {
    const inInquiries = after !== undefined && after[0] < 0;
    const deals = inInquiries ? { items: [], keys: [] } : await dealItems(ctx, 'new', scope);
    if (deals.items.length > query.limit) return finish(deals.items, deals.keys);
    const leads = await inquiryItems(ctx, 'new', { ...scope, after: inInquiries ? [-after![0], -after![0]] : undefined, limit: query.limit + 1 - deals.items.length });
    return finish([...deals.items, ...leads.items], [...deals.keys, ...leads.keys.map(([id]): [number, number] => [-id, 0])]);
  }
  const { items, keys } = await dealItems(ctx, name as DealList, scope);
  return finish(items, keys);
}
