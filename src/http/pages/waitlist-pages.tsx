/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { bookFromWaitlist, getEntry, withdrawFromWaitlist } from '../../domain/waitlist/index.js';
import type { DomainError } from '../../domain/errors.js';
import { actingCtxOf, write, type AppDeps, type AppEnv } from '../context.js';
import { idParam } from '../validate.js';
import { commit } from '../../domain/commit.js';
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
  const rosterOf = (c: C) => `/departures/${getEntry(actingCtxOf(c, deps), entryOf(c)).departureId}#waitlist`;

  app.post(
    '/waitlist/:id/book',
    formAction(deps, {
      // The entry closes when booked: a later submit is refused by it, no question needed.
      once: { kind: 'booking', sameValues: false },
      run: (ctx, _, c) => commit(ctx, () => bookFromWaitlist(ctx, entryOf(c), {})),
      done: (dealId) => ({ to: `/deals/${dealId}`, code: 'waitlistBooked' }),
      refused: (c, r) => redirectDone(c, localPath(r.values.back, rosterOf(c)), refusedCode(r.error)),
    }),
  );

  app.post(
    '/waitlist/:id/withdraw',
    formAction(deps, {
      run: (ctx, _, c) => write(deps, () => withdrawFromWaitlist(ctx, entryOf(c))),
      done: (_, form, c) => ({ to: localPath(form.back, rosterOf(c)), code: 'waitlistWithdrawn' }),
      refused: (c, r) => redirectDone(c, localPath(r.values.back, rosterOf(c)), refusedCode(r.error)),
    }),
  );

  return app;
}
