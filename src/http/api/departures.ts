import { atomically } from '../../db/transaction.js';
import { changeDeparture } from '../../domain/departures/reschedule.js';
import { Hono } from 'hono';
import { boardingList } from '../../domain/boarding/index.js';
import { BusQuery } from '../../domain/departures/manifest.js';
import { autoSeat, seating, SeatingQuery } from '../../domain/seating/index.js';
import {
  CopyDepartureInput,
  copyDeparture,
  CreateDepartureInput,
  createDeparture,
  getDeparture,
  ListDeparturesQuery,
  listDepartures,
  departureAnswer,
  UpdateDepartureInput,
} from '../../domain/departures/departures.js';
import { feedbackOfDeparture, ratingOf } from '../../domain/aftercare/index.js';
import { JoinWaitlistInput, joinWaitlist, serializeEntry, waitlistOf } from '../../domain/waitlist/index.js';
import { requireSignIn } from '../auth.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, readJson, readQuery } from '../validate.js';

export function departureRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireSignIn(deps));

  app.post('/', async (c) => {
    const input = await readJson(c, CreateDepartureInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => await departureAnswer(ctx, await createDeparture(ctx, input))), 201);
  });

  app.get('/', async (c) => {
    const query = readQuery(c, ListDeparturesQuery);
    return c.json(await listDepartures(actingCtxOf(c, deps), query));
  });

  /** What the travellers said after the trip, and its rating. */
  app.get('/:id/feedback', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const id = idParam(c, 'id', 'departure');
    await getDeparture(ctx, id);
    return c.json({ rating: await ratingOf(ctx, id), items: await feedbackOfDeparture(ctx, id) });
  });

  app.get('/:id', async (c) => {
    const ctx = actingCtxOf(c, deps);
    return c.json(await departureAnswer(ctx, await getDeparture(ctx, idParam(c, 'id', 'departure'))));
  });

  app.patch('/:id', async (c) => {
    const id = idParam(c, 'id', 'departure');
    const input = await readJson(c, UpdateDepartureInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => await departureAnswer(ctx, await changeDeparture(ctx, id, input))));
  });

  /** Who boards where: travellers by stop, with what to collect at the door (one bus with `vehicleId`, else every bus). */
  app.get('/:id/boarding', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const { vehicleId } = readQuery(c, BusQuery);
    return c.json(await boardingList(ctx, idParam(c, 'id', 'departure'), c.req.query('q'), vehicleId));
  });

  /** One bus's seat plan (the first unless `vehicleId` says): every seat with who sits there. */
  app.get('/:id/seating', async (c) => {
    const { vehicleId } = readQuery(c, SeatingQuery);
    return c.json(await seating(actingCtxOf(c, deps), idParam(c, 'id', 'departure'), vehicleId));
  });

  /** Seats every traveller without one (in every bus, or the one `vehicleId` names), families side by side; answers the plan. */
  app.post('/:id/seating/auto', async (c) => {
    const id = idParam(c, 'id', 'departure');
    const { vehicleId } = readQuery(c, SeatingQuery);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => await autoSeat(ctx, id, vehicleId)));
  });

  /** The waiting list, in order: who waits, who was offered seats and until when. */
  app.get('/:id/waitlist', async (c) => c.json({ items: await waitlistOf(actingCtxOf(c, deps), idParam(c, 'id', 'departure')) }));

  /** A client waits for seats on a departure that cannot seat them now. */
  app.post('/:id/waitlist', async (c) => {
    const id = idParam(c, 'id', 'departure');
    const input = await readJson(c, JoinWaitlistInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => serializeEntry(await joinWaitlist(ctx, id, input))), 201);
  });

  /** The same trip on another date (no bookings). */
  app.post('/:id/copy', async (c) => {
    const id = idParam(c, 'id', 'departure');
    const input = await readJson(c, CopyDepartureInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => await departureAnswer(ctx, await copyDeparture(ctx, id, input))), 201);
  });

  return app;
}
