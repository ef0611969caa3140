import { and, desc, eq, gte, lt } from 'drizzle-orm';
import { idempotencyKeys } from '../db/schema/index.js';
import type { ActingCtx, ActingTxCtx } from './context.js';
import { DAY_MS } from './time.js';

/**
 * The desk's forms that create something or move money carry a one-time token. What the
 * first submit of a form did is kept under its token, in the same transaction as the
 * change, so a second submit of the same form (a double tap, Back and send again, a reload
 * of the answer) finds it and does nothing.
 *
 * The tokens live in `idempotency_keys` beside the API's Idempotency-Keys, one scope per
 * person (`form:<user id>`): the table already means "the first answer to this request",
 * its primary key finds a person's tokens, and `request_hash` holds the form's values so
 * the same values sent again soon can be recognised too.
 */

/** How long a form's token is remembered: a form left open longer than that is sent as new. */
export const FORM_TOKEN_DAYS = 30;

/** What the first submit did: where its confirmation went and the thing it made. */
export interface FormOutcome {
  /** What kind of form it was (words the confirmation). */
  kind: string;
  /** The page the first confirmation was shown on, its code and parameters. */
  to: string;
  code: string;
  extra?: Record<string, string>;
  /** The page of what was made (the trip, the booking, the client...). */
  link: string;
}

export interface SentForm {
  outcome: FormOutcome;
  /** When the first submit was recorded (epoch ms). */
  at: number;
}

const scopeOf = (ctx: ActingCtx) => `form:${ctx.actor.id}`;

const sentFrom = (row: { result: string; createdAt: number }): SentForm => ({ outcome: JSON.parse(row.result) as FormOutcome, at: row.createdAt });

/** The first submit of the form this token was rendered with, if it was sent already. */
export async function sentWithToken(ctx: ActingCtx, token: string): Promise<SentForm | null> {
  const row = await ctx.db
    .select({ result: idempotencyKeys.result, createdAt: idempotencyKeys.createdAt })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scopeOf(ctx)), eq(idempotencyKeys.key, token)))
    .get();
  return row ? sentFrom(row) : null;
}

/**
 * The latest submit by this person of the same form with the same values since `since`:
 * what a form re-fetched by Back without JavaScript (and so with a new token) looks like.
 * Reads only this person's tokens (the primary key's prefix), at most FORM_TOKEN_DAYS of them.
 */
export async function sentWithSameValues(ctx: ActingCtx, valuesHash: string, since: number): Promise<SentForm | null> {
  const row = await ctx.db
    .select({ result: idempotencyKeys.result, createdAt: idempotencyKeys.createdAt })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scopeOf(ctx)), eq(idempotencyKeys.requestHash, valuesHash), gte(idempotencyKeys.createdAt, since)))
    .orderBy(desc(idempotencyKeys.createdAt))
    .limit(1)
    .get();
  return row ? sentFrom(row) : null;
}

/**
 * Keeps what a form's first submit did under its token. Called inside the transaction of the
 * change itself, so both commit or neither does. This person's tokens older than
 * FORM_TOKEN_DAYS go at the same time: the pruning reads only their own rows, which the
 * check before the change has just read anyway.
 */
export async function recordSentForm(ctx: ActingTxCtx, token: string, valuesHash: string, outcome: FormOutcome): Promise<void> {
  const scope = scopeOf(ctx);
  await ctx.db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), lt(idempotencyKeys.createdAt, ctx.now - FORM_TOKEN_DAYS * DAY_MS)))
    .run();
  await ctx.db.insert(idempotencyKeys).values({ scope, key: token, requestHash: valuesHash, result: JSON.stringify(outcome), createdAt: ctx.now }).run();
}
