import { atomically } from '../../db/transaction.js';
import { Hono, type Context } from 'hono';
import { BoardingInput, markBoarding } from '../../domain/boarding/index.js';
import { moveDealToVehicle, moveSeats, SeatMovesInput } from '../../domain/seating/index.js';
import { MoveVehicleInput } from '../../domain/deals/index.js';
import {
  CancelDealInput,
  cancelDeal,
  CreateDealInput,
  createDeal,
  dealView,
  DocumentsInput,
  ListDealsQuery,
  listDeals,
  recordDocuments,
  UpdateDealInput,
} from '../../domain/deals/index.js';
import { changeBooking } from '../../domain/departures/reschedule.js';
import {
  idempotencyKeyHeader,
  RecordPaymentInput,
  recordPayment,
  ReversePaymentInput,
  reversePayment,
} from '../../domain/deals/payments.js';
import { requireRole } from '../../domain/users/users.js';
import { requireSignIn } from '../auth.js';
import { addManageLinkRoutes } from './online.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, parseWith, readJson, readQuery } from '../validate.js';

const idempotencyKeyOf = (c: Context<AppEnv>) => parseWith(idempotencyKeyHeader, { 'Idempotency-Key': c.req.header('Idempotency-Key') })['Idempotency-Key'];

export function dealRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireSignIn(deps));
  addManageLinkRoutes(app, deps);

  app.post('/', async (c) => {
    const input = await readJson(c, CreateDealInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => await dealView(ctx, await createDeal(ctx, input))), 201);
  });

  app.get('/', async (c) => c.json(await listDeals(actingCtxOf(c, deps), readQuery(c, ListDealsQuery))));

  app.get('/:id', async (c) => c.json(await dealView(actingCtxOf(c, deps), idParam(c, 'id', 'deal'))));

  app.patch('/:id', async (c) => {
    const id = idParam(c, 'id', 'deal');
    const input = await readJson(c, UpdateDealInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => (await changeBooking(ctx, id, input), await dealView(ctx, id))));
  });

  /**
   * Boarded, no-show or expected again: the named travellers, or all of the booking's. A phone
   * sending marks it kept offline names each with an Idempotency-Key: a retry is done once.
   */
  app.post('/:id/boarding', async (c) => {
    const id = idParam(c, 'id', 'deal');
    const key = idempotencyKeyOf(c);
    const input = await readJson(c, BoardingInput);
    const ctx = actingCtxOf(c, deps);
    const { replayed } = await atomically(ctx, async (ctx) => await markBoarding(ctx, id, input, key));
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(await dealView(ctx, id));
  });

  /** Moves the booking's travellers to the seats given. */
  app.post('/:id/seats', async (c) => {
    const id = idParam(c, 'id', 'deal');
    const input = await readJson(c, SeatMovesInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => await moveSeats(ctx, id, input)));
  });

  /** Moves the booking, all its travellers together, to another bus of its departure; answers that bus's plan. */
  app.post('/:id/vehicle', async (c) => {
    const id = idParam(c, 'id', 'deal');
    const input = await readJson(c, MoveVehicleInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => await moveDealToVehicle(ctx, id, input.vehicleId)));
  });

  app.post('/:id/documents', async (c) => {
    const id = idParam(c, 'id', 'deal');
    const input = await readJson(c, DocumentsInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => (await recordDocuments(ctx, id, input), await dealView(ctx, id))));
  });

  app.post('/:id/payments', async (c) => {
    const id = idParam(c, 'id', 'deal');
    const key = idempotencyKeyOf(c);
    const input = await readJson(c, RecordPaymentInput);
    const ctx = actingCtxOf(c, deps);
    const { result, replayed } = await atomically(ctx, async (ctx) => await recordPayment(ctx, id, input, key));
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(result, 201);
  });

  app.post('/:id/payments/:paymentId/reverse', async (c) => {
    const id = idParam(c, 'id', 'deal');
    const paymentId = idParam(c, 'paymentId', 'payment');
    requireRole(actingCtxOf(c, deps), 'director');
    const input = await readJson(c, ReversePaymentInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => await reversePayment(ctx, id, paymentId, input)), 201);
  });

  app.post('/:id/cancel', async (c) => {
    const id = idParam(c, 'id', 'deal');
    const input = await readJson(c, CancelDealInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => (await cancelDeal(ctx, id, input), await dealView(ctx, id))));
  });

  return app;
}
