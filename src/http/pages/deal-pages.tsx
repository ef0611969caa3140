/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { atomically } from '../../db/transaction.js';
import { Hono, type Context } from 'hono';
import { getContact } from '../../domain/contacts/index.js';
import {
  CancelDealInput,
  cancelDeal,
  cancellationQuote,
  dealView,
  documentStagesOf,
  DocumentsInput,
  getDealRow,
  RecordPaymentInput,
  recordDocuments,
  recordPayment,
  renewManageLink,
  UpdateDealInput,
  updateDeal,
} from '../../domain/deals/index.js';
import { getDeparture } from '../../domain/departures/departures.js';
import { stopsOf } from '../../domain/departures/stops.js';
import { vehiclesOf } from '../../domain/departures/vehicles.js';
import { pricesOf } from '../../domain/departures/prices.js';
import { extrasOf } from '../../domain/departures/extras.js';
import { priceBreakdown } from '../../domain/departures/extras-taken.js';
import { tickedExtras, travellerExtraField, bookingExtraField } from './extras-form.js';
import { changeBooking } from '../../domain/departures/reschedule.js';
import { invalid } from '../../domain/errors.js';
import { listNotifications, queueBookingConfirmation, queueVoucher, recordToldByPhone } from '../../domain/notifications/index.js';
import { checkoutsOf, paymentEventsOf } from '../../domain/online/index.js';
import type { ActionState } from '../../../templates/deal-actions.js';
import { DealPage } from '../../../templates/deal.js';
import { listTasks } from '../../domain/tasks/index.js';
import { CancelPage } from '../../../templates/deal-cancel.js';
import { sendVouchers } from '../api/notifications.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, parseWith } from '../validate.js';
import { currencyDigits } from '../../domain/money.js';
import { dueLine, untold } from './desk-shared.js';
import { formAction, type Refusal } from './form-action.js';
import { formOnce } from './form-once.js';
import { frameOf, localPath } from './frame.js';
import { optional, parseMoneyInput, positiveId, readForm, redirectDone, type FormValues } from './forms.js';
import { amountText } from '../../../templates/amount-text.js';
import { renderRoster } from './roster-pages.js';

type C = Context<AppEnv>;
type DealAction = 'payment' | 'travellers' | 'due';

const dealOf = (c: C) => idParam(c, 'id', 'deal');
const backOf = (c: C, form: FormValues) => localPath(form.back, `/deals/${dealOf(c)}`);
const stateOf = (r: Refusal): ActionState => ({ errors: r.errors, values: r.values });
/** The refusal of a booking cancelled already (by an earlier submit, or someone else). */
const isCancelled = (r: Refusal) => r.error.code === 'invalid_transition' && (r.error.details as { status?: string } | undefined)?.status === 'cancelled';

/** One booking: its stages, money, travellers, mails and history, with every action on it. */
export function dealPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function renderDeal(c: C, dealId: number, failed?: { action: DealAction; state: ActionState }, status: Refusal['status'] | 200 = 200) {
    const ctx = actingCtxOf(c, deps);
    const deal = await dealView(ctx, dealId);
    const departure = await getDeparture(ctx, deal.departureId);
    const contact = await getContact(ctx, deal.contactId);
    const mails = (await listNotifications(ctx, { dealId, limit: 50 })).items;
    const untoldReason = (await untold(c, deps, deal.departureId)).get(dealId) ?? null;
    const frame = frameOf(c, deps);
    const prices = pricesOf(departure);
    return c.html(
      <DealPage
        {...frame}
        due={(['deposit', 'balance'] as const).map((kind) => dueLine(frame.tr, deal, kind, ctx.now, departure.timeZone))}
        categories={prices.length > 1 ? prices.map((p) => ({ category: p.category, label: p.label || frame.tr.label('category', p.category), priceMinor: p.priceMinor })) : []}
        deal={deal}
        departure={departure}
        stops={(await stopsOf(ctx, deal.departureId)).map((s) => ({ id: s.id, name: s.name, departsAt: departure.departsAt + s.offsetMinutes * 60_000 }))}
        vehicles={await vehiclesOf(ctx, departure)}
        contact={contact}
        mails={mails}
        failed={failed}
        untold={untoldReason}
        tasks={(await listTasks(ctx, { dealId, status: 'open', limit: 50 })).items}
        now={ctx.now}
        documents={await documentStagesOf(ctx, dealId)}
        checkouts={await checkoutsOf(ctx, dealId)}
        refusedEvents={(await paymentEventsOf(ctx, dealId)).filter((e) => e.outcome !== 'recorded' && e.outcome !== 'replayed')}
        extras={
          // Only where the trip sells extras or the booking took some: other deal pages stay as they were.
          extrasOf(departure).length || deal.extras.length || deal.travellers.some((t) => t.extras.length)
            ? { choices: extrasOf(departure), breakdown: priceBreakdown(departure, deal.seats, deal.travellers, deal.extras) }
            : undefined
        }
      />,
      status,
    );
  }

  /**
   * A refused quick action goes back to the page it came from (the roster or the deal),
   * beside its form, as a form to correct: 400, whatever the refusal.
   */
  const refusedOn = (action: 'payment') => async (c: C, r: Refusal) => {
    const dealId = dealOf(c);
    if (backOf(c, r.values).startsWith('/departures/')) {
      const departureId = (await getDealRow(actingCtxOf(c, deps), dealId)).departureId;
      return await renderRoster(c, deps, departureId, { failed: { dealId, action, state: stateOf(r) } }, 400);
    }
    return await renderDeal(c, dealId, { action, state: stateOf(r) }, 400);
  };

  app.get('/deals/:id', async (c) => await renderDeal(c, dealOf(c)));

  // The client's booking page: send its link, or make a new one (the old one then finds nothing).
  app.post(
    '/deals/:id/confirmation',
    formAction(deps, {
      once: { kind: 'bookingLink', sameValues: false },
      run: async (ctx, _form, c) => await atomically(ctx, async (ctx) => (await queueBookingConfirmation(ctx, (await getDealRow(ctx, dealOf(c))).id)).id),
      done: (_, _form, c) => ({ to: `/deals/${dealOf(c)}#client-link`, code: 'clientLinkSent' }),
      refused: (_, r) => {
        throw r.error;
      },
    }),
  );
  app.post(
    '/deals/:id/manage-link',
    formAction(deps, {
      run: async (ctx, _form, c) => await renewManageLink(ctx, dealOf(c)),
      done: (_, _form, c) => ({ to: `/deals/${dealOf(c)}#client-link`, code: 'clientLinkRenewed' }),
      refused: (_, r) => {
        throw r.error;
      },
    }),
  );

  app.post(
    '/deals/:id/documents',
    formAction(deps, {
      run: async (ctx, form, c) => {
        const input = parseWith(DocumentsInput, { state: form.state });
        return await atomically(ctx, async (ctx) => await recordDocuments(ctx, dealOf(c), input));
      },
      done: (_, form, c) => ({ to: backOf(c, form), code: 'documents' }),
      // No form to return to: the refusal is the error page, with its message.
      refused: (_, r) => {
        throw r.error;
      },
    }),
  );

  app.post(
    '/deals/:id/payments',
    formAction(deps, {
      // The deal page, the roster's and my day's quick actions, and the cash collected at the bus door.
      once: { kind: 'payment' },
      field: 'amount',
      rename: { amountMinor: 'amount' },
      run: async (ctx, form, c) => {
        const amountMinor = parseMoneyInput(form.amount, currencyDigits((await getDealRow(ctx, dealOf(c))).currency));
        if (amountMinor === null) throw invalid({ amountMinor: frameOf(c, deps).tr.t('error.amount') });
        const input = parseWith(RecordPaymentInput, { amountMinor, method: form.method, kind: form.kind ?? 'payment' });
        return await atomically(ctx, async (ctx) => await recordPayment(ctx, dealOf(c), input, optional(form.idempotencyKey)));
      },
      done: (_, form, c) => ({ to: backOf(c, form), code: 'payment' }),
      link: (_, __, c) => `/deals/${dealOf(c)}`,
      refused: refusedOn('payment'),
    }),
  );

  /** The cancellation page: what cancelling does to the people and the money, then the button. */
  async function renderCancel(c: C, dealId: number, back: string, refusal?: Refusal) {
    const ctx = actingCtxOf(c, deps);
    const deal = await dealView(ctx, dealId);
    // A booking already cancelled has nothing left to cancel: its own page says so.
    if (deal.status === 'cancelled' && !refusal) return c.redirect(`/deals/${dealId}`, 303);
    const quote = await cancellationQuote(ctx, dealId);
    const frame = frameOf(c, deps);
    return c.html(
      <CancelPage
        {...frame}
        deal={{ id: deal.id, seats: deal.seats, travellers: deal.travellers.map((t) => t.name), currency: deal.currency }}
        contact={await getContact(ctx, deal.contactId)}
        departure={await getDeparture(ctx, deal.departureId)}
        quote={quote}
        feeEditable={ctx.actor.role === 'director'}
        feeText={amountText(quote.feeMinor, currencyDigits(deal.currency), frame.tr.locale)}
        back={back}
        state={refusal && { values: refusal.values, errors: refusal.errors }}
      />,
      refusal ? refusal.status : 200,
    );
  }

  app.get('/deals/:id/cancel', async (c) => await renderCancel(c, dealOf(c), localPath(c.req.query('back'), `/deals/${dealOf(c)}`)));

  app.post(
    '/deals/:id/cancel',
    formAction(deps, {
      // Cancelling twice is refused by the booking itself: no question about the same values.
      once: { kind: 'cancellation', sameValues: false },
      field: 'form',
      rename: { feeMinor: 'fee' },
      run: async (ctx, form, c) => {
        const dealId = dealOf(c);
        // Only a director's form has the fee; anyone else's cancellation keeps the policy's.
        let feeMinor: number | undefined;
        if (ctx.actor.role === 'director' && optional(form.fee) !== undefined) {
          feeMinor = parseMoneyInput(form.fee, currencyDigits((await getDealRow(ctx, dealId)).currency)) ?? undefined;
          if (feeMinor === undefined) throw invalid({ feeMinor: frameOf(c, deps).tr.t('error.amount') });
        }
        const input = parseWith(CancelDealInput, { reason: form.reason, feeMinor });
        return await atomically(ctx, async (ctx) => await cancelDeal(ctx, dealId, input));
      },
      done: (_, form, c) => ({ to: backOf(c, form), code: 'cancelled' }),
      link: (_, __, c) => `/deals/${dealOf(c)}`,
      // Sent again from another tab or after the page changed: it says so, not an error.
      refused: async (c, r) => (isCancelled(r) ? redirectDone(c, backOf(c, r.values), 'alreadyCancelled') : await renderCancel(c, dealOf(c), backOf(c, r.values), r)),
    }),
  );

  app.post(
    '/deals/:id/travellers',
    formAction(deps, {
      field: 'travellers',
      run: async (ctx, form, c) => {
        const dealId = dealOf(c);
        const row = await getDealRow(ctx, dealId);
        const seats = row.seats;
        // The extras ticked: the form offers every extra the trip sells, so what is not ticked is not taken,
        // and a code it no longer sells (shown greyed, never priced) is dropped rather than refused.
        const extras = extrasOf(await getDeparture(ctx, row.departureId));
        const perTraveller = extras.filter((e) => e.per === 'traveller');
        const travellers = Array.from({ length: seats }, (_, i) => ({
          name: form[`name${i}`] ?? '',
          birthDate: optional(form[`birthDate${i}`]) ?? null,
          documentNumber: optional(form[`documentNumber${i}`]) ?? null,
          category: optional(form[`category${i}`]) ?? null,
          extras: tickedExtras(form, perTraveller, (code) => travellerExtraField(i, code)),
        })).filter((t) => t.name.trim() || t.birthDate || t.documentNumber || t.extras.length);
        const input = parseWith(UpdateDealInput, { travellers, extras: tickedExtras(form, extras.filter((e) => e.per === 'booking'), bookingExtraField) });
        return await atomically(ctx, async (ctx) => await updateDeal(ctx, dealId, input));
      },
      done: (_, __, c) => ({ to: `/deals/${dealOf(c)}`, code: 'travellers' }),
      refused: async (c, r) => await renderDeal(c, dealOf(c), { action: 'travellers', state: stateOf(r) }, 400),
    }),
  );

  app.post('/deals/:id/voucher', async (c) => {
    const dealId = dealOf(c);
    const form = await readForm(c);
    const doneCode = (rows: { status: string }[]) => (rows[0]!.status === 'no_address' ? 'no_address' : 'voucher');
    const once = formOnce(c, deps, form, { kind: 'voucher' }, (rows) => ({ to: `/deals/${dealId}`, code: doneCode(rows as { status: string }[]), link: `/deals/${dealId}` }));
    const before = await once.sentBefore();
    if (before) return before;
    const ctx = once.ctx;
    try {
      const rows = await sendVouchers(c, deps, ctx, async (ctx) => [await queueVoucher(ctx, dealId)]);
      return redirectDone(c, `/deals/${dealId}`, doneCode(rows));
    } catch (error) {
      const answer = once.answer(error);
      if (answer) return answer;
      throw error;
    }
  });

  app.post(
    '/deals/:id/stop',
    formAction(deps, {
      run: async (ctx, form, c) => {
        const input = parseWith(UpdateDealInput, { stopId: positiveId(form.stopId) });
        return await atomically(ctx, async (ctx) => await changeBooking(ctx, dealOf(c), input));
      },
      done: (_, form, c) => ({ to: backOf(c, form), code: 'stop' }),
      refused: (_, r) => {
        throw r.error;
      },
    }),
  );

  /** A manager moves when the deposit or the balance is due; reminders follow the new dates. */
  app.post(
    '/deals/:id/due',
    formAction(deps, {
      run: async (ctx, form, c) => {
        const input = parseWith(UpdateDealInput, { depositDueAt: optional(form.depositDueAt), balanceDueAt: optional(form.balanceDueAt) });
        return await atomically(ctx, async (ctx) => await updateDeal(ctx, dealOf(c), input));
      },
      done: (_, __, c) => ({ to: `/deals/${dealOf(c)}`, code: 'dueMoved' }),
      refused: async (c, r) => await renderDeal(c, dealOf(c), { action: 'due', state: stateOf(r) }, 400),
    }),
  );

  app.post(
    '/deals/:id/told-by-phone',
    formAction(deps, {
      run: async (ctx, _, c) => await atomically(ctx, async (ctx) => await recordToldByPhone(ctx, dealOf(c))),
      done: (_, form, c) => ({ to: backOf(c, form), code: 'toldByPhone' }),
      refused: (_, r) => {
        throw r.error;
      },
    }),
  );

  return app;
}
