import { mapInOrder } from '../in-order.js';
import type { Ctx } from '../context.js';
import { listWorklist } from './lists.js';
import type { WorklistName } from './types.js';

/** The lists a director watches across the agency, in the order the money and the bus need them. */
export const STUCK_LISTS = ['notify-due', 'deposit-missing', 'balance-due', 'documents-missing', 'first-offer-overdue', 'contacts-due'] as const satisfies readonly WorklistName[];

/** How far each list is looked into: past this, the count says "at least". */
const DEPTH = 500;

export interface StuckList {
  list: (typeof STUCK_LISTS)[number];
  total: number;
  overdue: number;
  /** True when the list holds more than was counted. */
  more: boolean;
  /** Overdue items per manager (null: nobody's). */
  overdueByManager: Map<number | null, number>;
}

/** What is stuck across the agency: each list's size, how much of it is overdue, and whose. */
export async function stuckAcrossAgency(ctx: Ctx): Promise<StuckList[]> {
  return await mapInOrder(STUCK_LISTS, async (list) => {
    const page = await listWorklist(ctx, list, { limit: DEPTH });
    const overdueByManager = new Map<number | null, number>();
    let overdue = 0;
    for (const item of page.items) {
      if (item.dueAt > ctx.now) continue;
      overdue++;
      overdueByManager.set(item.managerId, (overdueByManager.get(item.managerId) ?? 0) + 1);
    }
    return { list, total: page.items.length, overdue, more: page.nextCursor !== null, overdueByManager };
  });
}
