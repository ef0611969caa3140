import { atomically } from '../../db/transaction.js';
import { Hono } from 'hono';
import { DomainError } from '../../domain/errors.js';
import { signIn, SignInInput, signOut, SESSION_MAX_MS } from '../../domain/users/sessions.js';
import { getUser, serializeUser } from '../../domain/users/users.js';
import { requireSignIn } from '../auth.js';
import { clientAddress } from '../client-address.js';
import { actingCtxOf, ctxOf, type AppDeps, type AppEnv } from '../context.js';
import { calendarToken as calendarTokenOf, renewCalendarToken } from '../../domain/calendar/index.js';
import { calendarUrl } from './calendar.js';
import { readJson } from '../validate.js';

export function sessionRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    const input = await readJson(c, SignInInput);
    const ctx = ctxOf(c, deps);
    const { token, user } = await signIn(ctx, input, { address: clientAddress(c), ...(deps.pause ? { pause: deps.pause } : {}) });
    return c.json({ token, expiresAt: ctx.now + SESSION_MAX_MS, user: serializeUser(user) });
  });

  app.use('*', requireSignIn(deps));

  // The user's fields at the top level, and under `user` as in the sign-in answer.
  // `calendarToken`: the private calendar feed's, `calendarUrl` the address to paste into a calendar.
  app.get('/', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const user = serializeUser(await getUser(ctx, ctx.actor.id));
    const calendarToken = await calendarTokenOf(ctx, ctx.actor.id);
    return c.json({ ...user, user, calendarToken, calendarUrl: calendarUrl(deps, calendarToken) });
  });

  /** A new private calendar link; the old one stops at once. */
  app.post('/calendar-token', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const calendarToken = await atomically(ctx, async (ctx) => await renewCalendarToken(ctx));
    return c.json({ calendarToken, calendarUrl: calendarUrl(deps, calendarToken) });
  });

  app.delete('/', async (c) => {
    const token = c.get('token');
    if (!token) throw new DomainError('unauthenticated', 'Sign in first');
    await signOut(ctxOf(c, deps), token);
    return c.body(null, 204);
  });

  return app;
}
