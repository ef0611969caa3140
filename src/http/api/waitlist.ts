import { atomically } from '../../db/transaction.js';
import { Hono } from 'hono';
import { dealView } from '../../domain/deals/index.js';
import { BookWaitlistInput, bookFromWaitlist, getEntry, serializeEntry, withdrawFromWaitlist } from '../../domain/waitlist/index.js';
import { requireSignIn } from '../auth.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, readJson } from '../validate.js';

/** A waiting-list entry: read it, book the seats it was offered, or withdraw it. */
export function waitlistRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireSignIn(deps));

  app.get('/:id', async (c) => c.json(serializeEntry(await getEntry(actingCtxOf(c, deps), idParam(c, 'id', 'waitlist entry')))));

  app.post('/:id/book', async (c) => {
    const id = idParam(c, 'id', 'waitlist entry');
    const input = await readJson(c, BookWaitlistInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => ({ deal: await dealView(ctx, await bookFromWaitlist(ctx, id, input)) })), 201);
  });

  app.post('/:id/withdraw', async (c) => {
    const id = idParam(c, 'id', 'waitlist entry');
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => serializeEntry(await withdrawFromWaitlist(ctx, id))));
  });

  return app;
}
