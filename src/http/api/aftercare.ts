import { atomically } from '../../db/transaction.js';
import { Hono } from 'hono';
import { answerFeedback, FeedbackInput, feedbackRequestOf } from '../../domain/aftercare/index.js';
import { unsubscribe } from '../../domain/campaigns/index.js';
import { ctxOf, type AppDeps, type AppEnv } from '../context.js';
import { readJson } from '../validate.js';

/**
 * What a client does from a mail without signing in, the signed link being the permission:
 * answer how the trip was (once), and unsubscribe (RFC 8058's one-click POST).
 */
export function publicAftercareRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/feedback/:token', async (c) => {
    const request = await feedbackRequestOf(ctxOf(c, deps), c.req.param('token'));
    return c.json({ trip: request.trip, departsAt: request.departsAt, answered: request.answered !== null });
  });

  app.post('/feedback/:token', async (c) => {
    const input = await readJson(c, FeedbackInput);
    const ctx = ctxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => await answerFeedback(ctx, c.req.param('token'), input)), 201);
  });

  app.post('/unsubscribe/:token', async (c) => {
    const ctx = ctxOf(c, deps);
    const done = await atomically(ctx, async (ctx) => await unsubscribe(ctx, c.req.param('token')));
    return c.json({ unsubscribed: done.unsubscribed });
  });

  return app;
}
