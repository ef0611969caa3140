/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { atomically } from '../../db/transaction.js';
import { Hono, type Context } from 'hono';
import { contactsByIds } from '../../domain/contacts/index.js';
import { autoSeat, moveSeats, SeatMovesInput, seating } from '../../domain/seating/index.js';
import { SeatMapPage } from '../../../templates/seat-map.js';
import { BoardingInput, boardingList, markBoarding } from '../../domain/boarding/index.js';
import { dealIdOfReference, dealReference, getDealRow } from '../../domain/deals/index.js';
import { getDeparture } from '../../domain/departures/departures.js';
import { notFound } from '../../domain/errors.js';
import { BoardingPage } from '../../../templates/boarding.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, parseWith } from '../validate.js';
import { formAction, type Refusal } from './form-action.js';
import { frameOf, localPath } from './frame.js';
import { positiveId, redirectDone } from './forms.js';
import { doorSync } from './door-sync.js';

/** The bus: the seat plan with its moves, and the bus door's boarding list with its one-tap marks. */
export function busPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function renderSeats(c: Context<AppEnv>, departureId: number, failed?: { dealId: number; refusal: Refusal }) {
    const ctx = actingCtxOf(c, deps);
    const plan = await seating(ctx, departureId);
    const clients = await contactsByIds(ctx, plan.bookings.map((b) => b.contactId));
    return c.html(
      <SeatMapPage
        {...frameOf(c, deps, 'departures')}
        departure={await getDeparture(ctx, departureId)}
        layout={plan.layout}
        rows={plan.rows}
        seats={plan.seats}
        seatsLeft={plan.seatsLeft}
        bookings={plan.bookings.map((b) => ({ dealId: b.dealId, client: clients.get(b.contactId)?.name ?? '', places: b.places }))}
        failed={failed && { dealId: failed.dealId, errors: failed.refusal.errors }}
      />,
      failed ? failed.refusal.status : 200,
    );
  }

  app.get('/departures/:id/seats', async (c) => await renderSeats(c, idParam(c, 'id', 'departure')));

  app.post(
    '/departures/:id/seating/auto',
    formAction(deps, {
      run: async (ctx, _, c) => await atomically(ctx, async (ctx) => await autoSeat(ctx, idParam(c, 'id', 'departure'))),
      done: (_, __, c) => ({ to: `/departures/${idParam(c, 'id', 'departure')}/seats`, code: 'seated' }),
      refused: (_, r) => {
        throw r.error;
      },
    }),
  );

  app.post(
    '/deals/:id/seats',
    formAction(deps, {
      run: async (ctx, form, c) => {
        const assignments = Object.entries(form)
          .map(([key, value]) => [/^seat(\d+)$/.exec(key)?.[1], positiveId(value)] as const)
          .filter((pair): pair is readonly [string, number] => pair[0] !== undefined && pair[1] !== undefined)
          .map(([travellerId, seat]) => ({ travellerId: Number(travellerId), seat }));
        const input = parseWith(SeatMovesInput, { assignments, swap: form.swap === '1' });
        return await atomically(ctx, async (ctx) => await moveSeats(ctx, idParam(c, 'id', 'deal'), input));
      },
      done: (plan) => ({ to: `/departures/${plan.departureId}/seats`, code: 'seated' }),
      refused: async (c, r) => {
        const dealId = idParam(c, 'id', 'deal');
        return await renderSeats(c, (await getDealRow(actingCtxOf(c, deps), dealId)).departureId, { dealId, refusal: r });
      },
    }),
  );

  app.get('/departures/:id/boarding', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const departureId = idParam(c, 'id', 'departure');
    const q = (c.req.query('q') ?? '').trim();
    const list = await boardingList(ctx, departureId, q);
    return c.html(
      <BoardingPage {...frameOf(c, deps, 'departures')} departure={await getDeparture(ctx, departureId)} stops={list.stops} totals={list.totals} cashReceipts={list.cashReceipts} at={list.at} q={q} />,
    );
  });

  app.post('/departures/:id/boarding/sync', doorSync(deps));

  /**
   * The voucher's QR code: the booking's travellers at the door, ready to mark. The door's
   * scanner asks for JSON: which bus the voucher is for, to say so when it is another one.
   */
  app.get('/v/:reference', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const reference = c.req.param('reference');
    const dealId = await dealIdOfReference(ctx, reference);
    if (dealId === null) throw notFound('voucher', reference);
    const deal = await getDealRow(ctx, dealId);
    const canonical = await dealReference(ctx, dealId);
    const boarding = `/departures/${deal.departureId}/boarding?q=${encodeURIComponent(canonical)}`;
    if ((c.req.header('Accept') ?? '').includes('application/json')) {
      const departure = await getDeparture(ctx, deal.departureId);
      return c.json({ reference: canonical, dealId, departureId: departure.id, title: departure.title, when: frameOf(c, deps).tr.dateTime(departure.departsAt), boarding });
    }
    return c.redirect(boarding, 303);
  });

  app.post(
    '/deals/:id/boarding',
    formAction(deps, {
      run: async (ctx, form, c) => {
        // One traveller (travellerId), a family's (travellerIds, comma-separated), or the whole booking.
        const ids = (form.travellerIds ?? form.travellerId ?? '').split(',').map((v) => positiveId(v.trim())).filter((id) => id !== undefined);
        const input = parseWith(BoardingInput, { state: form.state, ...(ids.length ? { travellerIds: ids } : {}), ...(form.ifState ? { ifState: form.ifState } : {}) });
        return await atomically(ctx, async (ctx) => await markBoarding(ctx, idParam(c, 'id', 'deal'), input));
      },
      done: (_, form, c) => ({ to: localPath(form.back, `/deals/${idParam(c, 'id', 'deal')}`), code: `boarding_${form.state === 'boarded' ? 'boarded' : form.state === 'no_show' ? 'no_show' : 'expected'}` }),
      refused: async (c, r) => {
        // Another phone marked them since this page was read: back to the list, which shows that mark now.
        if ((r.error.details as { reason?: string } | undefined)?.reason === 'boarding_changed') {
          const form = r.values;
          return redirectDone(c, localPath(form.back, `/deals/${idParam(c, 'id', 'deal')}`), 'boardingChanged');
        }
        throw r.error;
      },
    }),
  );

  return app;
}
