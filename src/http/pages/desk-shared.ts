import type { Context } from 'hono';
import { DateTime } from 'luxon';
import type { ActingCtx } from '../../domain/context.js';
import { listUsers } from '../../domain/users/users.js';
import { listWorklist } from '../../domain/worklists/index.js';
import { dueWords, reasonText } from '../../i18n/reasons.js';
import { overdueDays } from '../../domain/deals/due-dates.js';
import type { Tr } from '../../../templates/tr.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { frameOf } from './frame.js';

/** Staff as the desk's pickers show them. */
export const staffNames = async (ctx: ActingCtx) => (await listUsers(ctx)).map((u) => ({ id: u.id, name: u.name, role: u.role, active: u.active }));

/** Who may be given clients and bookings: active managers and directors. */
export const managersOf = async (ctx: ActingCtx) => (await staffNames(ctx)).filter((u) => u.active && u.role !== 'operator');

/** Bookings of a departure nobody has told its time and place yet, with why, in the reader's words. */
export async function untold(c: Context<AppEnv>, deps: AppDeps, departureId: number): Promise<Map<number, string>> {
  const locale = frameOf(c, deps).tr.locale;
  const items = (await listWorklist(actingCtxOf(c, deps), 'notify-due', { departureId, limit: 500 })).items;
  return new Map(items.map((item) => [item.id, reasonText(locale, item.reason, deps.agency.timeZone)]));
}

type OwedMoney = { status: string; paidMinor: number; depositDueMinor: number; balanceMinor: number; depositDueAt: number; balanceDueAt: number };

/**
 * One payment of a booking and its date in the reader's words ("Депозит: срок до 25.11.2026",
 * "Доплащане: просрочено с 2 дни"): overdue only while it is still owed.
 */
export function dueLine(tr: Tr, deal: OwedMoney, kind: 'deposit' | 'balance', now: number, zone: string) {
  const dueAt = kind === 'deposit' ? deal.depositDueAt : deal.balanceDueAt;
  const owing = deal.status !== 'cancelled' && deal.balanceMinor > 0;
  const paid = kind === 'deposit' ? deal.paidMinor >= deal.depositDueMinor : deal.balanceMinor <= 0;
  const days = paid || !owing ? 0 : overdueDays(dueAt, now, zone);
  return {
    kind,
    dueAt,
    /** The due day in the trip's zone, for a date field. */
    day: DateTime.fromMillis(dueAt, { zone }).toISODate()!,
    text: tr.t(kind === 'deposit' ? 'deal.due.deposit' : 'deal.due.balance', { words: dueWords(tr.locale, { dueAt, overdueDays: days }, tr.zone) }),
    overdue: days > 0,
    paid,
  };
}

/** What a booking still owes next and by when: the deposit first, then the balance; nothing when all is paid. */
export function dueOf(tr: Tr, deal: OwedMoney, now: number, zone: string): { text: string; overdue: boolean } | null {
  if (deal.status === 'cancelled' || deal.balanceMinor <= 0) return null;
  const { text, overdue } = dueLine(tr, deal, deal.paidMinor < deal.depositDueMinor ? 'deposit' : 'balance', now, zone);
  return { text, overdue };
}
