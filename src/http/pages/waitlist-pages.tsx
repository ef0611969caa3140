/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { atomically } from '../../db/transaction.js';
import { Hono, type Context } from 'hono';
import { bookFromWaitlist, getEntry, withdrawFromWaitlist } from '../../domain/waitlist/index.js';
import type { DomainError } from '../../domain/errors.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam } from '../validate.js';
import { formAction } from './form-action.js';
import { localPath } from './frame.js';
import { redirectDone } from './forms.js';

type C = Context<AppEnv>;

/** A button's refusal as the warning shown where it was: the hold ran out, or the entry is closed. */
const refusedCode = (error: DomainError) => ((error.details as { reason?: string } | undefined)?.reason === 'hold_expired' ? 'waitlistHoldExpired' : 'waitlistClosed');

/**
 * The waiting list's buttons (on the roster, my day and the inquiry page): book the held
 * seats, or take the client off the list. A refusal (the hold ran out) goes back where the
 * button was, worded.
 */
export function waitlistPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const entryOf = (c: C) => idParam(c, 'id', 'waitlist entry');
  const rosterOf = async (c: C) => `/departures/${(await getEntry(actingCtxOf(c, deps), entryOf(c))).departureId}#waitlist`;

  app.post(
    '/waitlist/:id/book',
    formAction(deps, {
      // The entry closes when booked: a later submit is refused by it, no question needed.
      once: { kind: 'booking', sameValues: false },
      run: async (ctx, _, c) => await atomically(ctx, async (ctx) => await bookFromWaitlist(ctx, entryOf(c), {})),
      done: (dealId) => ({ to: `/deals/${dealId}`, code: 'waitlistBooked' }),
      refused: async (c, r) => redirectDone(c, localPath(r.values.back, await rosterOf(c)), refusedCode(r.error)),
    }),
  );

  app.post(
    '/waitlist/:id/withdraw',
    formAction(deps, {
      run: async (ctx, _, c) => await atomically(ctx, async (ctx) => await withdrawFromWaitlist(ctx, entryOf(c))),
      done: async (_, form, c) => ({ to: localPath(form.back, await rosterOf(c)), code: 'waitlistWithdrawn' }),
      refused: async (c, r) => redirectDone(c, localPath(r.values.back, await rosterOf(c)), refusedCode(r.error)),
    }),
  );

  return app;
}
