import { flatMapInOrder } from '../domain/in-order.js';
import { wallOf, type Ctx } from '../domain/context.js';
import { departuresInReminderWindow, owedNotices, queueNotices, type PlannedNotice } from '../domain/notifications/departure-notices.js';
import { statement } from '../db/statements.js';
import { atomically, readConsistently } from '../db/transaction.js';
import { dispatchOutbox, type TextChannels } from './dispatch.js';
import { expireOffers } from '../domain/inquiries/index.js';
import { planPaymentReminders } from '../domain/notifications/payment-reminders.js';
import { expireHolds } from '../domain/waitlist/offers.js';
import { cancelUnpaidOnline } from '../domain/online/index.js';
import type { Mailer } from '../mail/mailer.js';
import { planFeedbackRequests } from '../domain/aftercare/index.js';
import { planBirthdayGreetings } from '../domain/campaigns/index.js';
import { deliverWebhooks } from './webhooks.js';

export interface NotifierReport {
  dryRun: boolean;
  /** Departure notices queued by this pass (or, on a dry run, that would be). */
  reminders: number;
  corrections: number;
  /** Of those, bookings no channel reaches (no e-mail, and no SMS or Telegram either): recorded and left for a phone call. */
  noAddress: number;
  /** Mails the mail server accepted. */
  sent: number;
  /** Attempts that failed this pass; they are retried with backoff, then given up. */
  failed: number;
  /** Not sent: withdrawn after a change, or too late to go out before departure. */
  skipped: number;
  /** Left by a sender that stopped mid-send: may have arrived, flagged for a person to check. */
  uncertain: number;
  /** On a dry run: outbox rows that are due and would be sent. */
  due: number;
  /** Offers past their decision date, moved back to selecting (not on a dry run). */
  offersExpired: number;
  /** Online bookings cancelled for a deposit not paid within ONLINE_DEPOSIT_HOURS. */
  unpaidOnlineCancelled: number;
  /** Payment reminders queued by this pass (or, on a dry run, that would be); those no channel reaches are listed for a call like any notice. */
  paymentReminders: number;
  /** Waiting-list holds that ran out, and entries offered the seats they freed (not on a dry run). */
  holdsExpired: number;
  waitlistOffered: number;
  /** Travellers asked how their trip was (each with a follow-up contact for their manager), and birthday greetings queued. */
  feedbackRequests: number;
  greetings: number;
  /** Webhook posts the receivers took, and those refused or unanswered (retried with backoff). */
  webhooksDelivered: number;
  webhooksFailed: number;
}

/**
 * Queues the departure notices owed now, in one short write transaction: reminders for
 * bookings on departures leaving within 24 hours, corrections for those told a time or
 * place that changed. Two planners at once queue each notice once (the unique index).
 */
export async function planDueNotices(ctx: Ctx, dryRun: boolean): Promise<PlannedNotice[]> {
  if (dryRun) {
    return await readConsistently(ctx, async (ctx) => await flatMapInOrder(await departuresInReminderWindow(ctx), (departure) => owedNotices(ctx, departure)));
  }
  return await atomically(ctx, async (ctx) =>
    await flatMapInOrder(await departuresInReminderWindow(ctx), async (departure) => {
      const owed = await owedNotices(ctx, departure);
      const queued = new Set((await queueNotices(ctx, departure, owed)).map((row) => row.dealId));
      return owed.filter((notice) => queued.has(notice.dealId));
    }),
  );
}

async function countDue(ctx: Ctx): Promise<number> {
  const row = await statement(
    ctx.sqlite,
    `SELECT count(*) AS n FROM notifications
     WHERE (status = 'pending' AND next_attempt_at <= :now) OR (status = 'sending' AND lease_until <= :now)`,
  ).get({ now: wallOf(ctx) }) as { n: number };
  return row.n;
}

/**
 * One scheduler pass: plan the departure notices and payment reminders owed, expire stale
 * offers and lapsed waiting-list holds, then send everything due in the outbox.
 */
export async function runNotifierPass(ctxOf: () => Ctx, mailer: Mailer, options: { dryRun?: boolean; channels?: TextChannels } = {}): Promise<NotifierReport> {
  const dryRun = options.dryRun ?? false;
  const planned = await planDueNotices(ctxOf(), dryRun);
  const reminders = await planPaymentReminders(ctxOf(), dryRun);
  const feedback = await planFeedbackRequests(ctxOf(), dryRun);
  const greetings = await planBirthdayGreetings(ctxOf(), dryRun);
  const report: NotifierReport = {
    dryRun,
    reminders: planned.filter((n) => n.kind === 'departure_reminder').length,
    corrections: planned.filter((n) => n.kind === 'departure_changed').length,
    noAddress: planned.filter((n) => !n.toAddress).length,
    paymentReminders: reminders.length,
    feedbackRequests: feedback.length,
    greetings,
    webhooksDelivered: 0,
    webhooksFailed: 0,
    holdsExpired: 0,
    waitlistOffered: 0,
    sent: 0,
    failed: 0,
    skipped: 0,
    uncertain: 0,
    due: 0,
    offersExpired: 0,
    unpaidOnlineCancelled: 0,
  };
  if (dryRun) {
    report.due =
      await countDue(ctxOf()) + [...planned, ...reminders, ...feedback].filter((n) => n.toAddress).length + greetings;
    return report;
  }
  // The same scheduler keeps offers from rotting: expired ones go back to selecting.
  report.offersExpired = await expireOffers(ctxOf());
  // Seats held for the waiting list too: a lapsed hold passes them to the next entry.
  // Online bookings whose deposit did not come in time give their seats back, before the
  // waiting list's holds are looked at, so freed seats are offered in this same pass.
  report.unpaidOnlineCancelled = await cancelUnpaidOnline(ctxOf());
  const holds = await expireHolds(ctxOf());
  report.holdsExpired = holds.expired;
  report.waitlistOffered = holds.offered;
  const dispatched = await dispatchOutbox(ctxOf, mailer, { channels: options.channels ?? {} });
  report.sent = dispatched.sent;
  report.failed = dispatched.failed;
  report.skipped = dispatched.superseded + dispatched.tooLate;
  report.uncertain = dispatched.uncertain;
  // The agency's other tools are told after the mails, each post bounded by its timeout.
  const hooks = await deliverWebhooks(ctxOf);
  report.webhooksDelivered = hooks.delivered;
  report.webhooksFailed = hooks.failed;
  return report;
}

/**
 * The server's notifier: a pass every interval, never two at once in one process (a pass
 * over thousands of mails may outlast the interval).
 */
export function startNotifier(ctxOf: () => Ctx, mailer: Mailer, intervalS: number, log: (line: string) => void, channels: TextChannels = {}) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const report = await runNotifierPass(ctxOf, mailer, { channels });
      if (report.sent + report.failed + report.skipped + report.noAddress + report.uncertain + report.offersExpired + report.holdsExpired + report.feedbackRequests + report.greetings + report.webhooksDelivered + report.webhooksFailed > 0) log(`notifier: ${describeReport(report)}`);
    } catch (error) {
      log(`notifier pass failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(async () => void await tick(), intervalS * 1000);
  return { stop: () => clearInterval(timer), tick };
}

export function describeReport(r: NotifierReport): string {
  const payments = [
    r.paymentReminders ? `${r.paymentReminders} payment reminder(s)` : '',
    r.feedbackRequests ? `${r.feedbackRequests} feedback request(s)` : '',
    r.greetings ? `${r.greetings} birthday greeting(s)` : '',
  ]
    .filter(Boolean)
    .map((part) => ` and ${part}`)
    .join('');
  const queued = `queued ${r.reminders} reminder(s), ${r.corrections} correction(s)${payments}`;
  if (r.dryRun) return `dry run: would have ${queued}; ${r.noAddress} reached by no channel (to phone); ${r.due} message(s) due to send`;
  const expired = r.offersExpired ? `; ${r.offersExpired} expired offer(s) back to selecting` : '';
  const uncertain = r.uncertain ? `; ${r.uncertain} left uncertain by an interrupted sender, to check` : '';
  const holds = r.holdsExpired ? `; ${r.holdsExpired} waiting-list hold(s) ran out, ${r.waitlistOffered} entr(ies) offered the seats` : '';
  const hooks = r.webhooksDelivered + r.webhooksFailed ? `; webhooks delivered ${r.webhooksDelivered}, failed ${r.webhooksFailed}` : '';
  return `sent ${r.sent}, skipped ${r.skipped}, failed ${r.failed}, no-address ${r.noAddress}; this pass ${queued}${uncertain}${expired}${holds}${hooks}`;
}
