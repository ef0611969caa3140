/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { atomically } from '../../db/transaction.js';
import { Hono, type Context } from 'hono';
import { contactsByIds, CreateContactInput, listContacts } from '../../domain/contacts/index.js';
import { bookNewClient, createDeal, CreateDealInput, listDeals, NewClientBookingInput } from '../../domain/deals/index.js';
import { getDeparture, seatsLeftOf, UpdateDepartureInput } from '../../domain/departures/departures.js';
import { stopsOf } from '../../domain/departures/stops.js';
import { vehiclesOf } from '../../domain/departures/vehicles.js';
import { DEFAULT_CATEGORY, pricesOf } from '../../domain/departures/prices.js';
import { extrasOf } from '../../domain/departures/extras.js';
import { BOOKING_FORM_ROWS, bookingFormExtras } from './extras-form.js';
import { JoinWaitlistInput, joinWaitlist, NewClientWaitInput, waitNewClient, waitlistOf } from '../../domain/waitlist/index.js';
import { changeDeparture } from '../../domain/departures/reschedule.js';
import { departureMoney } from '../../domain/departures/summary.js';
import { dueVoucherRecipients, queueDueVouchers } from '../../domain/notifications/index.js';
import { DEAL_STATUSES } from '../../db/schema/deals.js';
import { RosterPage, type RosterProps } from '../../../templates/roster.js';
import { listTasks } from '../../domain/tasks/index.js';
import { feedbackOfDeparture, ratingOf } from '../../domain/aftercare/index.js';
import { VoucherSendPage } from '../../../templates/voucher-send.js';
import { sendVouchers } from '../api/notifications.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, parseWith } from '../validate.js';
import { dueOf, managersOf, staffNames, untold } from './desk-shared.js';
import { formAction } from './form-action.js';
import { formOnce } from './form-once.js';
import { frameOf } from './frame.js';
import { optional, positiveId, readForm, redirectDone, type FormValues } from './forms.js';

type C = Context<AppEnv>;

/** A departure's roster: its bookings by status, quick actions and the forms a refused action returns to. */
export async function renderRoster(
  c: C,
  deps: AppDeps,
  departureId: number,
  extra: Partial<Pick<RosterProps, 'failed' | 'schedule' | 'newClient'>> & { searchError?: string; soldOut?: boolean; q?: string | undefined; typed?: RosterProps['search']['typed'] } = {},
  status: 200 | 400 | 403 | 409 | 413 | 429 = 200,
) {
  const ctx = actingCtxOf(c, deps);
  const departure = await getDeparture(ctx, departureId);
  const statusFilter = (DEAL_STATUSES as readonly string[]).includes(c.req.query('status') ?? '')
    ? (c.req.query('status') as (typeof DEAL_STATUSES)[number])
    : undefined;
  const managerId = positiveId(c.req.query('managerId'));
  const stops = await stopsOf(ctx, departureId);
  const stopId = positiveId(c.req.query('stopId'));
  const allDeals = (await listDeals(ctx, { departureId, status: statusFilter, managerId, limit: 500 })).items;
  const deals = stopId ? allDeals.filter((d) => d.stopId === stopId) : allDeals;
  const stopName = new Map(stops.map((s) => [s.id, s.name]));
  const contactById = await contactsByIds(ctx, deals.map((d) => d.contactId));
  const staff = new Map((await staffNames(ctx)).map((u) => [u.id, u.name]));
  const q = (extra.q ?? c.req.query('q') ?? '').trim();
  const money = (await departureMoney(ctx, [departureId])).get(departureId)!;
  const notices = await untold(c, deps, departureId);
  const frame = frameOf(c, deps, 'departures');
  const { tr } = frame;
  const waitlist = await waitlistOf(ctx, departureId);
  const prices = pricesOf(departure);
  const categoryWord = (category: string) => prices.find((p) => p.category === category)?.label || tr.label('category', category);
  const seatsLeft = seatsLeftOf(departure);
  return c.html(
    <RosterPage
      {...frame}
      plan={(await listTasks(ctx, { departureId, limit: 100 })).items.sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)}
      now={ctx.now}
      feedback={await feedbackOfDeparture(ctx, departureId)}
      rating={await ratingOf(ctx, departureId)}
      departure={departure}
      seatsLeft={seatsLeft}
      fleet={{ buses: await vehiclesOf(ctx, departure), extras: extrasOf(departure) }}
      waitlist={waitlist.map((e) => ({ ...e, contactName: e.contactName ?? '', phone: e.phone ?? null }))}
      prices={prices.map((p) => ({ label: categoryWord(p.category), priceMinor: p.priceMinor }))}
      offerWaitlist={seatsLeft === 0 || !!extra.soldOut}
      counts={money.dealsByStatus}
      status={statusFilter}
      stops={
        stops.length > 1
          ? stops.map((s) => ({ id: s.id, name: s.name, departsAt: departure.departsAt + s.offsetMinutes * 60_000, bookings: allDeals.filter((d) => d.stopId === s.id && d.status !== 'cancelled').length }))
          : []
      }
      stopId={stopId}
      managers={await managersOf(ctx)}
      managerId={managerId}
      failed={extra.failed}
      schedule={extra.schedule}
      newClient={extra.newClient}
      extras={extrasOf(departure).length ? { choices: extrasOf(departure), rows: Math.max(1, Math.min(BOOKING_FORM_ROWS, seatsLeft)) } : undefined}
      search={{ q, results: q ? (await listContacts(ctx, { q, limit: 10 })).items : null, error: extra.searchError, typed: extra.typed }}
      rows={deals.map((d) => ({
        id: d.id,
        contactId: d.contactId,
        contactName: contactById.get(d.contactId)?.name ?? '',
        contactPhone: contactById.get(d.contactId)?.phone ?? null,
        travellers: d.travellers.map((t) => (t.category === DEFAULT_CATEGORY ? t.name : `${t.name} (${categoryWord(t.category)})`)),
        due: dueOf(tr, d, ctx.now, departure.timeZone),
        stopName: stops.length > 1 && d.stopId ? (stopName.get(d.stopId) ?? null) : null,
        seats: d.seats,
        status: d.status,
        priceMinor: d.priceMinor,
        depositDueMinor: d.depositDueMinor,
        paidMinor: d.paidMinor,
        balanceMinor: d.balanceMinor,
        refundDueMinor: d.refundDueMinor,
        currency: d.currency,
        managerName: d.managerId ? (staff.get(d.managerId) ?? null) : null,
        documentsSent: !!d.documentsSentAt,
        documentsReceived: !!d.documentsReceivedAt,
        untold: notices.get(d.id) ?? null,
      }))}
    />,
    status,
  );
}

/** The new client typed on the roster's form, for a booking or the waiting list alike. */
const newClientOf = (form: FormValues) => parseWith(CreateContactInput, { name: form.name, phone: optional(form.phone), email: optional(form.email), locale: optional(form.locale) });

export function rosterPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const departureOf = (c: C) => idParam(c, 'id', 'departure');

  app.get('/departures/:id', async (c) => await renderRoster(c, deps, departureOf(c)));

  /** A new time or meeting point: travellers already told get a correction from the notifier. */
  app.post(
    '/departures/:id/schedule',
    formAction(deps, {
      field: 'departsAt',
      run: async (ctx, form, c) => {
        const input = parseWith(UpdateDepartureInput, { departsAt: form.departsAt, meetingPoint: form.meetingPoint });
        return await atomically(ctx, async (ctx) => await changeDeparture(ctx, departureOf(c), input));
      },
      done: (_, __, c) => ({ to: `/departures/${departureOf(c)}`, code: 'rescheduled' }),
      // Sent back as a form to correct: 400, whatever the refusal.
      refused: async (c, r) => await renderRoster(c, deps, departureOf(c), { schedule: { errors: r.errors, values: r.values } }, 400),
    }),
  );

  app.post(
    '/departures/:id/bookings',
    formAction(deps, {
      once: { kind: 'booking' },
      run: async (ctx, form, c) => {
        // The travellers named for the extras they take, and the booking's own extras; more names than seats take more seats.
        const { rename: _rename, ...taken } = bookingFormExtras(form, extrasOf(await getDeparture(ctx, departureOf(c))));
        const seats = Number(form.seats);
        const input = parseWith(CreateDealInput, { departureId: departureOf(c), contactId: positiveId(form.contactId), seats: Number.isInteger(seats) ? Math.max(seats, taken.travellers?.length ?? 0) : seats, stopId: positiveId(form.stopId), ...taken });
        return await atomically(ctx, async (ctx) => await createDeal(ctx, input));
      },
      done: (dealId) => ({ to: `/deals/${dealId}`, code: 'booked' }),
      refused: async (c, r) => {
        // The names and extras typed come back in that client's form, a traveller's error at its row.
        const { rename } = bookingFormExtras(r.values, extrasOf(await getDeparture(actingCtxOf(c, deps), departureOf(c))));
        const errors = Object.fromEntries(Object.entries(r.errors).map(([key, text]) => [rename[key] ?? key, text]));
        const typed = { contactId: positiveId(r.values.contactId), values: r.values, errors };
        return await renderRoster(c, deps, departureOf(c), { searchError: Object.values(r.errors).join('; '), soldOut: r.error.code === 'sold_out', q: r.values.q, typed }, 400);
      },
    }),
  );

  /** The same search result's other button: the client waits for seats on a full bus. */
  app.post(
    '/departures/:id/waitlist',
    formAction(deps, {
      once: { kind: 'waitlist' },
      run: async (ctx, form, c) => {
        const input = parseWith(JoinWaitlistInput, { contactId: positiveId(form.contactId), seats: Number(form.seats), note: optional(form.note) });
        return await atomically(ctx, async (ctx) => await joinWaitlist(ctx, departureOf(c), input));
      },
      done: (_, __, c) => ({ to: `/departures/${departureOf(c)}#waitlist`, code: 'waitlisted' }),
      refused: async (c, r) => await renderRoster(c, deps, departureOf(c), { searchError: Object.values(r.errors).join('; '), soldOut: true, q: r.values.q }, r.status),
    }),
  );

  app.post(
    '/departures/:id/bookings/new-client',
    formAction(deps, {
      once: { kind: 'booking' },
      run: async (ctx, form, c) => {
        const contact = newClientOf(form);
        const { rename: _rename, ...taken } = bookingFormExtras(form, extrasOf(await getDeparture(ctx, departureOf(c))));
        const seats = Number(form.seats);
        const booking = parseWith(NewClientBookingInput, { departureId: departureOf(c), seats: Number.isInteger(seats) ? Math.max(seats, taken.travellers?.length ?? 0) : seats, stopId: positiveId(form.stopId), ...taken });
        return await atomically(ctx, async (ctx) => await bookNewClient(ctx, contact, booking));
      },
      done: (dealId) => ({ to: `/deals/${dealId}`, code: 'booked' }),
      refused: async (c, r) => {
        const details = (r.error.details ?? {}) as { existingId?: number; field?: string };
        // A refusal about no field (a sold-out bus, a card already on file) is shown at the field it concerns.
        // A traveller's error is shown at the row it came from.
        const { rename } = bookingFormExtras(r.values, extrasOf(await getDeparture(actingCtxOf(c, deps), departureOf(c))));
        const errors = r.error.code === 'validation_failed' ? Object.fromEntries(Object.entries(r.errors).map(([key, text]) => [rename[key] ?? key, text])) : { [details.field ?? (r.error.code === 'sold_out' ? 'seats' : 'form')]: r.errors.form ?? r.error.message };
        return await renderRoster(c, deps, departureOf(c), { newClient: { values: r.values, errors, existingId: details.existingId }, soldOut: r.error.code === 'sold_out' }, r.status);
      },
    }),
  );

  /**
   * The new-client form on a full bus: the card and the waiting-list entry in one transaction,
   * then the roster at the entry. A refusal comes back in the same form, as the booking's does.
   */
  app.post(
    '/departures/:id/waitlist/new-client',
    formAction(deps, {
      once: { kind: 'waitlist' },
      run: async (ctx, form, c) => {
        const contact = newClientOf(form);
        const input = parseWith(NewClientWaitInput, { seats: Number(form.seats), note: optional(form.note) });
        return await atomically(ctx, async (ctx) => await waitNewClient(ctx, departureOf(c), contact, input));
      },
      done: (entry, __, c) => ({ to: `/departures/${departureOf(c)}#entry-${entry.id}`, code: 'newClientWaitlisted' }),
      refused: async (c, r) => {
        const details = (r.error.details ?? {}) as { existingId?: number; field?: string };
        const errors = r.error.code === 'validation_failed' ? r.errors : { [details.field ?? 'form']: r.errors.form ?? r.error.message };
        return await renderRoster(c, deps, departureOf(c), { newClient: { values: r.values, errors, existingId: details.existingId } }, r.status);
      },
    }),
  );

  app.get('/departures/:id/vouchers', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const departureId = departureOf(c);
    return c.html(
      <VoucherSendPage {...frameOf(c, deps, 'departures')} departure={await getDeparture(ctx, departureId)} recipients={await dueVoucherRecipients(ctx, departureId)} />,
    );
  });

  app.post('/departures/:id/vouchers', async (c) => {
    const departureId = departureOf(c);
    const form = await readForm(c);
    const to = `/departures/${departureId}`;
    const once = formOnce(c, deps, form, { kind: 'vouchers' }, (rows) => ({ to, code: 'vouchers', extra: { count: String((rows as unknown[]).length) }, link: to }));
    const before = await once.sentBefore();
    if (before) return before;
    const ctx = once.ctx;
    try {
      const rows = await sendVouchers(c, deps, ctx, (ctx) => queueDueVouchers(ctx, departureId));
      return redirectDone(c, to, 'vouchers', { count: String(rows.length) });
    } catch (error) {
      const answer = once.answer(error);
      if (answer) return answer;
      throw error;
    }
  });

  return app;
}
