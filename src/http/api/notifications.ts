import { atomically } from '../../db/transaction.js';
import { mapInOrder } from '../../domain/in-order.js';
import { Hono } from 'hono';
import { dealView } from '../../domain/deals/index.js';
import {
  getNotification,
  ListNotificationsQuery,
  listNotifications,
  queueDueVouchers,
  queueVoucher,
  serializeNotification,
  type NotificationRow,
} from '../../domain/notifications/index.js';
import { getDeparture } from '../../domain/departures/departures.js';
import { recordToldByPhone } from '../../domain/notifications/departure-notices.js';
import { dispatchOutbox } from '../../notifier/dispatch.js';
import { requireSignIn } from '../auth.js';
import { actingCtxOf, ctxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, readQuery } from '../validate.js';
import type { Context } from 'hono';
import type { ActingCtx, ActingTxCtx } from '../../domain/context.js';

/** Queue vouchers (in a write of `ctx`: a page form's keeps its token), then send them at once: the answer tells what really happened. */
export async function sendVouchers(c: Context<AppEnv>, deps: AppDeps, ctx: ActingCtx, queue: (ctx: ActingTxCtx) => Promise<NotificationRow[]>) {
  const queued = await atomically(ctx, queue);
  const pending = queued.filter((row) => row.status === 'pending').map((row) => row.id);
  if (pending.length) await dispatchOutbox(() => ctxOf(c, deps), deps.mailer, { onlyIds: pending, limit: pending.length });
  return await mapInOrder(queued, async (row) => (await getNotification(ctxOf(c, deps), row.id))!);
}

export function notificationRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('/notifications', requireSignIn(deps));
  app.use('/deals/:id/voucher/send', requireSignIn(deps));
  app.use('/departures/:id/vouchers/send', requireSignIn(deps));
  app.use('/deals/:id/told-by-phone', requireSignIn(deps));

  app.get('/notifications', async (c) => c.json(await listNotifications(actingCtxOf(c, deps), readQuery(c, ListNotificationsQuery))));

  app.post('/deals/:id/voucher/send', async (c) => {
    const dealId = idParam(c, 'id', 'deal');
    const ctx = actingCtxOf(c, deps);
    const [notification] = await sendVouchers(c, deps, ctx, async (ctx) => [await queueVoucher(ctx, dealId)]);
    return c.json({ notification: serializeNotification(notification!), deal: await dealView(ctxOf(c, deps), dealId) });
  });

  app.post('/departures/:id/vouchers/send', async (c) => {
    const departureId = idParam(c, 'id', 'departure');
    const ctx = actingCtxOf(c, deps);
    await getDeparture(ctx, departureId);
    const rows = await sendVouchers(c, deps, ctx, (ctx) => queueDueVouchers(ctx, departureId));
    return c.json({ items: rows.map(serializeNotification), nextCursor: null });
  });

  /** The travellers were told the departure time and place by phone: counts as notified. */
  app.post('/deals/:id/told-by-phone', async (c) => {
    const dealId = idParam(c, 'id', 'deal');
    const ctx = actingCtxOf(c, deps);
    const notification = await atomically(ctx, async (ctx) => await recordToldByPhone(ctx, dealId));
    return c.json({ notification: serializeNotification(notification), deal: await dealView(ctxOf(c, deps), dealId) });
  });

  return app;
}
