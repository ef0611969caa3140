import type { Context } from 'hono';
import type { ActingCtx } from '../../domain/context.js';
import { listUsers } from '../../domain/users/users.js';
import { listWorklist } from '../../domain/worklists/index.js';
import { dueWords, reasonText } from '../../i18n/reasons.js';
import { overdueDays } from '../../domain/deals/due-dates.js';
import type { Tr } from '../../../templates/tr.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { frameOf } from './frame.js';

/** Staff as the desk's pickers show them. */
export const staffNames = (ctx: ActingCtx) => listUsers(ctx).map((u) => ({ id: u.id, name: u.name, role: u.role, active: u.active }));

/** Who may be given clients and bookings: active managers and directors. */
export const managersOf = (ctx: ActingCtx) => staffNames(ctx).filter((u) => u.active && u.role !== 'operator');

/** Bookings of a departure nobody has told its time and place yet, with why, in the reader's words. */
export function untold(c: Context<AppEnv>, deps: AppDeps, departureId: number): Map<number, string> {
  const locale = frameOf(c, deps).tr.locale;
  const items = listWorklist(actingCtxOf(c, deps), 'notify-due', { departureId, limit: 500 }).items;
  return new Map(items.map((item) => [item.id, reasonText(locale, item.reason, deps.agency.timeZone)]));
}

/** What a booking still owes and by when, in the reader's words: the deposit first, then the balance. */
export function dueOf(
  tr: Tr,
  deal: { status: string; paidMinor: number; depositDueMinor: number; balanceMinor: number; depositDueAt: number; balanceDueAt: number },
  now: number,
  zone: string,
): { text: string; overdue: boolean } | null {
  if (deal.status === 'cancelled' || deal.balanceMinor <= 0) return null;
  const deposit = deal.paidMinor < deal.depositDueMinor;
  const dueAt = deposit ? deal.depositDueAt : deal.balanceDueAt;
  const days = overdueDays(dueAt, now, zone);
  return { text: tr.t(deposit ? 'deal.due.deposit' : 'deal.due.balance', { words: dueWords(tr.locale, { dueAt, overdueDays: days }, tr.zone) }), overdue: days > 0 };
}
