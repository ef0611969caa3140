/**
 * Payment reminders: a client is reminded `PAYMENT_REMINDER_DAYS` before a deposit or
 * balance falls due, and once on the day after, when it is overdue; in the morning of the
 * trip's zone. Never when paid (the candidates are deals whose status still owes it, and the
 * sender checks again), never after departure or for a cancelled booking, never twice for
 * one deal, payment, due date and stage (a unique index).
 */
import { readConsistently } from '../../db/transaction.js';
import { filterInOrder } from '../in-order.js';
import { DateTime } from 'luxon';
import { paidOf } from '../../db/fragments.js';
import { routedColumns, type MessageChannel } from './channels.js';
import { eachRow, statement } from '../../db/statements.js';
import { atomically } from '../../db/transaction.js';
import { wallOf, type Ctx, type TxCtx } from '../context.js';
import { DAY_MS } from '../time.js';

export type PaymentKind = 'deposit' | 'balance';
export type ReminderStage = 'upcoming' | 'overdue';

export const DEFAULT_PAYMENT_REMINDER_DAYS = 2;
/** Reminders go out in the morning of the trip's zone, not at midnight when a due day ends. */
export const REMINDER_HOUR = 9;
/** How long after a due date an overdue reminder still goes out, when the system was down on the day. */
const OVERDUE_GRACE_MS = 2 * DAY_MS;

interface Candidate {
  dealId: number;
  departureId: number;
  dueAt: number;
  createdAt: number;
  zone: string;
  email: string | null;
  phone: string | null;
  channels: string | null;
  telegramChatId: string | null;
  locale: string | null;
  /** Deposit reminders only where the deposit falls due before the balance (else one reminder, the balance's). */
  depositBeforeBalance: number;
}

export interface PlannedReminder {
  dealId: number;
  departureId: number;
  paymentKind: PaymentKind;
  dueAt: number;
  stage: ReminderStage;
  channel: MessageChannel;
  toAddress: string | null;
  fallbacks: string | null;
  status: 'pending' | 'no_address';
  locale: string;
}

/** The morning a reminder goes out: `days` before (or after, negative) the due day, at REMINDER_HOUR in the trip's zone. */
export function reminderMorning(dueAt: number, zone: string, daysBefore: number): number {
  return DateTime.fromMillis(dueAt, { zone }).startOf('day').minus({ days: daysBefore }).set({ hour: REMINDER_HOUR }).toMillis();
}

/** Which reminder (if any) a payment due at `dueAt` is owed at `now`. */
export function reminderStage(dueAt: number, createdAt: number, zone: string, now: number, reminderDays: number): ReminderStage | null {
  return stageAt(dueAt, createdAt, now, [reminderMorning(dueAt, zone, reminderDays), reminderMorning(dueAt, zone, -1)]);
}

/** The same, given the two mornings: the one before the due day and the one after it. */
function stageAt(dueAt: number, createdAt: number, now: number, [upcomingAt, overdueAt]: [number, number]): ReminderStage | null {
  if (now >= overdueAt) return now < dueAt + OVERDUE_GRACE_MS + DAY_MS ? 'overdue' : null;
  // A booking made after that morning was just told its dates: no reminder before them.
  return now >= upcomingAt && now < dueAt && upcomingAt > createdAt ? 'upcoming' : null;
}

// One statement per payment, each walking its partial index over the window of due dates.
export const PAYMENT_REMINDER_SQL: Record<PaymentKind, string> = {
  deposit: `SELECT d.id AS dealId, d.departure_id AS departureId, d.deposit_due_at AS dueAt, d.created_at AS createdAt,
      dep.time_zone AS zone, c.email, c.phone, c.channels, c.telegram_chat_id AS telegramChatId, c.locale, d.deposit_due_at < d.balance_due_at AS depositBeforeBalance
    FROM deals d JOIN departures dep ON dep.id = d.departure_id JOIN contacts c ON c.id = d.contact_id
    WHERE d.status IN ('new', 'documents_sent', 'documents_received') AND d.deposit_due_at > :from AND d.deposit_due_at <= :to
      AND d.deposit_due_minor > 0 AND dep.status = 'scheduled' AND dep.departs_at > :now`,
  balance: `SELECT d.id AS dealId, d.departure_id AS departureId, d.balance_due_at AS dueAt, d.created_at AS createdAt,
      dep.time_zone AS zone, c.email, c.phone, c.channels, c.telegram_chat_id AS telegramChatId, c.locale, 1 AS depositBeforeBalance
    FROM deals d JOIN departures dep ON dep.id = d.departure_id JOIN contacts c ON c.id = d.contact_id
    WHERE d.status IN ('new', 'documents_sent', 'documents_received', 'deposit_paid') AND d.balance_due_at > :from AND d.balance_due_at <= :to
      AND d.price_minor > 0 AND dep.status = 'scheduled' AND dep.departs_at > :now`,
};

/** The reminders owed now; reads only. */
export async function owedPaymentReminders(ctx: Ctx): Promise<PlannedReminder[]> {
  const reminderDays = ctx.agency.paymentReminderDays ?? DEFAULT_PAYMENT_REMINDER_DAYS;
  // Due dates whose upcoming morning has come (at most reminderDays + 1 ahead) or whose overdue day is still on.
  const window = { from: ctx.now - OVERDUE_GRACE_MS - 2 * DAY_MS, to: ctx.now + (reminderDays + 2) * DAY_MS, now: ctx.now };
  const planned: PlannedReminder[] = [];
  // Due dates are the ends of calendar days, so thousands of deals share a few dozen: their
  // mornings (time-zone arithmetic, the costly part) are worked out once each.
  const mornings = new Map<string, [number, number]>();
  const morningsOf = (dueAt: number, zone: string) => {
    const key = `${dueAt}|${zone}`;
    let found = mornings.get(key);
    if (!found) mornings.set(key, (found = [reminderMorning(dueAt, zone, reminderDays), reminderMorning(dueAt, zone, -1)]));
    return found;
  };
  for (const paymentKind of ['deposit', 'balance'] as const) {
    await eachRow(ctx.sqlite, PAYMENT_REMINDER_SQL[paymentKind], window, (candidate) => {
      const row = candidate as Candidate;
      if (!row.depositBeforeBalance) return;
      const stage = stageAt(row.dueAt, row.createdAt, ctx.now, morningsOf(row.dueAt, row.zone));
      if (stage) planned.push({ dealId: row.dealId, departureId: row.departureId, paymentKind, dueAt: row.dueAt, stage, ...routedColumns(ctx.agency, row), locale: row.locale ?? ctx.agency.locale });
    });
  }
  return planned;
}

/**
 * Plans the reminders owed now into the outbox. The candidates are read and judged outside
 * the write lock (a read of thousands of rows); only the inserts take it, briefly. A reminder
 * already planned (by this pass's twin, or an earlier one) is left as it is; one whose deal
 * was paid in between is dropped by the sender, which checks again.
 */
export async function planPaymentReminders(ctx: Ctx, dryRun = false): Promise<PlannedReminder[]> {
  const owed = await readConsistently(ctx, (ctx) => owedPaymentReminders(ctx));
  if (dryRun) return owed;
  return await atomically(ctx, async (ctx) => await queuePaymentReminders(ctx, owed));
}

/** Writes planned reminders into the outbox; the unique index makes a second one a no-op. */
export async function queuePaymentReminders(ctx: TxCtx, owed: PlannedReminder[]): Promise<PlannedReminder[]> {
  const insert = statement(
    ctx.sqlite,
    `INSERT INTO notifications (deal_id, departure_id, kind, payment_kind, due_at, reminder_stage, channel, to_address, fallbacks, locale, status,
       next_attempt_at, created_at, updated_at)
     VALUES (:dealId, :departureId, 'payment_reminder', :paymentKind, :dueAt, :stage, :channel, :toAddress, :fallbacks, :locale, :status, :wall, :now, :now)
     ON CONFLICT DO NOTHING`,
  );
  return await filterInOrder(owed, async (reminder) =>
      (await insert.run({
        ...reminder,
        wall: wallOf(ctx),
        now: ctx.now,
      })).changes > 0,
  );
}

/** What a payment reminder says, as things are when it is sent: the amount still owed for that payment. */
export async function paymentReminderOf(ctx: Ctx, dealId: number, paymentKind: PaymentKind) {
  const facts = await statement(
    ctx.sqlite,
    `SELECT c.name AS clientName, dep.title AS trip, dep.departs_at AS departsAt, dep.time_zone AS zone, d.price_minor AS priceMinor,
       d.deposit_due_minor AS depositDueMinor, d.deposit_due_at AS depositDueAt, d.balance_due_at AS balanceDueAt, d.currency,
       ${paidOf('d')} AS paidMinor
     FROM deals d JOIN contacts c ON c.id = d.contact_id JOIN departures dep ON dep.id = d.departure_id WHERE d.id = ?`,
  ).get(dealId) as {
    clientName: string; trip: string; departsAt: number; zone: string; priceMinor: number; depositDueMinor: number;
    depositDueAt: number; balanceDueAt: number; currency: string; paidMinor: number;
  };
  const owedTo = paymentKind === 'deposit' ? facts.depositDueMinor : facts.priceMinor;
  return {
    clientName: facts.clientName,
    trip: facts.trip,
    departsAt: facts.departsAt,
    zone: facts.zone,
    currency: facts.currency,
    amountMinor: Math.max(0, owedTo - facts.paidMinor),
    dueAt: paymentKind === 'deposit' ? facts.depositDueAt : facts.balanceDueAt,
  };
}
