/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { atomically } from '../../db/transaction.js';
import { Hono, type Context } from 'hono';
import { contactsByIds } from '../../domain/contacts/index.js';
import { autoSeat, moveDealToVehicle, moveSeats, SeatingQuery, SeatMovesInput, seating } from '../../domain/seating/index.js';
import { MoveVehicleInput } from '../../domain/deals/index.js';
import { SeatMapPage } from '../../../templates/seat-map.js';
import { BoardingInput, boardingList, markBoarding } from '../../domain/boarding/index.js';
import { dealIdOfReference, dealReference, getDealRow } from '../../domain/deals/index.js';
import { getDeparture } from '../../domain/departures/departures.js';
import { notFound } from '../../domain/errors.js';
import { BoardingPage } from '../../../templates/boarding.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, parseWith, readQuery } from '../validate.js';
import { BusQuery } from '../../domain/departures/manifest.js';
import { vehiclesOf } from '../../domain/departures/vehicles.js';
import { busName } from '../../i18n/bus-words.js';
import { formAction, type Refusal } from './form-action.js';
import { frameOf, localPath } from './frame.js';
import { positiveId, redirectDone } from './forms.js';
import { doorSync } from './door-sync.js';

/** The bus: the seat plan with its moves, and the bus door's boarding list with its one-tap marks. */
export function busPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  /** One bus's seat plan (the first unless `vehicleId` says), with a refused move beside its booking. */
  async function renderSeats(c: Context<AppEnv>, departureId: number, vehicleId?: number | null, failed?: { dealId: number; refusal: Refusal; action: 'seats' | 'vehicle' }) {
    const ctx = actingCtxOf(c, deps);
    const plan = await seating(ctx, departureId, vehicleId ?? undefined);
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
        failed={failed && { dealId: failed.dealId, errors: failed.refusal.errors, action: failed.action }}
        vehicle={plan.vehicle}
        vehicles={plan.vehicles}
      />,
      failed ? failed.refusal.status : 200,
    );
  }

  app.get('/departures/:id/seats', async (c) => await renderSeats(c, idParam(c, 'id', 'departure'), readQuery(c, SeatingQuery).vehicleId));

  /** The seat map of a bus, kept in the address when the departure has several. */
  const seatsPath = (plan: { departureId: number; vehicleId: number; vehicles: unknown[] }) =>
    `/departures/${plan.departureId}/seats${plan.vehicles.length > 1 ? `?vehicleId=${plan.vehicleId}` : ''}`;

  /** Seat everyone without a seat: in every bus, or (`scope=bus`) in the bus `bus` the page shows; back to that bus. */
  app.post(
    '/departures/:id/seating/auto',
    formAction(deps, {
      run: async (ctx, form, c) => {
        const bus = positiveId(form.bus);
        return await atomically(ctx, async (ctx) => await autoSeat(ctx, idParam(c, 'id', 'departure'), form.scope === 'bus' ? bus : undefined));
      },
      done: (_, form, c) => ({ to: `/departures/${idParam(c, 'id', 'departure')}/seats${positiveId(form.bus) ? `?vehicleId=${positiveId(form.bus)}` : ''}`, code: 'seated' }),
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
      done: (plan) => ({ to: seatsPath(plan), code: 'seated' }),
      refused: async (c, r) => {
        const dealId = idParam(c, 'id', 'deal');
        const deal = await getDealRow(actingCtxOf(c, deps), dealId);
        return await renderSeats(c, deal.departureId, deal.vehicleId, { dealId, refusal: r, action: 'seats' });
      },
    }),
  );

  /**
   * A booking moved to another bus, its travellers together (from the seat map or the deal
   * page, back to `back`). A bus without room comes back as the seat map of the bus it rides
   * in, the refusal beside its move form.
   */
  app.post(
    '/deals/:id/vehicle',
    formAction(deps, {
      field: 'vehicleId',
      run: async (ctx, form, c) => {
        const input = parseWith(MoveVehicleInput, { vehicleId: positiveId(form.vehicleId) });
        return await atomically(ctx, async (ctx) => await moveDealToVehicle(ctx, idParam(c, 'id', 'deal'), input.vehicleId));
      },
      done: (plan, form) => ({ to: localPath(form.back, seatsPath(plan)), code: 'vehicleMoved' }),
      refused: async (c, r) => {
        const dealId = idParam(c, 'id', 'deal');
        const deal = await getDealRow(actingCtxOf(c, deps), dealId);
        return await renderSeats(c, deal.departureId, deal.vehicleId, { dealId, refusal: r, action: 'vehicle' });
      },
    }),
  );

  /** The guide works one bus: `?vehicleId=` (the first bus without it), its travellers by stop, its counts. */
  app.get('/departures/:id/boarding', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const departureId = idParam(c, 'id', 'departure');
    const q = (c.req.query('q') ?? '').trim();
    const departure = await getDeparture(ctx, departureId);
    const { vehicleId } = readQuery(c, BusQuery);
    const list = await boardingList(ctx, departureId, q, vehicleId ?? (await vehiclesOf(ctx, departure))[0]!.id);
    return c.html(
      <BoardingPage
        {...frameOf(c, deps, 'departures')}
        departure={departure}
        vehicleId={list.vehicleId!}
        vehicles={list.vehicles}
        stops={list.stops}
        totals={list.totals}
        cashReceipts={list.cashReceipts}
        at={list.at}
        q={q}
      />,
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
    const departure = await getDeparture(ctx, deal.departureId);
    const vehicles = await vehiclesOf(ctx, departure);
    const bus = vehicles.find((v) => v.id === deal.vehicleId) ?? vehicles[0]!;
    // The list of the bus it rides in; a departure of one bus keeps its one address.
    const boarding = `/departures/${deal.departureId}/boarding?${vehicles.length > 1 ? `vehicleId=${bus.id}&` : ''}q=${encodeURIComponent(canonical)}`;
    if ((c.req.header('Accept') ?? '').includes('application/json')) {
      const tr = frameOf(c, deps).tr;
      return c.json({ reference: canonical, dealId, departureId: departure.id, vehicleId: bus.id, bus: busName(tr.locale, bus.label), title: departure.title, when: tr.dateTime(departure.departsAt), boarding });
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
