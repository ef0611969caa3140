/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { Tx } from '../../db/transaction.js';
import type { ActingCtx, ActingTxCtx } from '../../domain/context.js';
import { invalid } from '../../domain/errors.js';
import { recordSentForm, sentWithSameValues, sentWithToken, type FormOutcome, type SentForm } from '../../domain/form-tokens.js';
import { fingerprint } from '../../domain/idempotency.js';
import { MINUTE_MS } from '../../domain/time.js';
import { SentBeforePage, type AskedKind, type SentKind } from '../../../templates/form-sent.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { redirectDone, type FormValues } from './forms.js';
import { frameOf, SENT_BEFORE } from './frame.js';

/**
 * How long the same values from the same person on the same form are taken for the form
 * sent again rather than new work. Without JavaScript, Back fetches the form with a new
 * token, so only its values tell it is the one already sent.
 */
export const SAME_VALUES_WINDOW_MS = 10 * MINUTE_MS;

/** Fields that are not what the person typed or chose: the tokens, and the "again on purpose" flag. */
const NOT_VALUES = new Set(['_csrf', '_once', '_again', 'idempotencyKey']);

/** What CsrfField renders (newFormToken); anything else is not a token of ours. */
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** A form opted in: its kind, and whether the same values sent again soon are asked about first. */
export type OnceOptions = { kind: AskedKind; sameValues?: true } | { kind: SentKind; sameValues: false };

/** Thrown inside the change's write when the form was sent before: the write's savepoint rolls back, nothing of it is done. */
export class SentBefore extends Error {
  constructor(
    readonly sent: SentForm,
    readonly by: 'token' | 'values',
  ) {
    super('This form was already sent');
  }
}

type Answer = Response | Promise<Response>;

export interface FormOnce {
  /** The context to run the change with: its writes (`atomically(ctx, ...)`) keep the token with the change. */
  ctx: ActingCtx;
  /** The answer when the form was sent before, looked up before anything is parsed; else null. */
  sentBefore(): Promise<Answer | null>;
  /** The answer to the change's error when it says the form was sent before; else null. */
  answer(error: unknown): Answer | null;
  /** After the change: refuses a handler that changed things without keeping the token. */
  assertSealed(): void;
}

/**
 * The one-time token of a form that creates something or moves money. The token is kept,
 * with what the change did (`outcomeOf` its result: where its confirmation went and the
 * link to what it made), in the same transaction as the change, so a second submit of the
 * same form (even at the same moment: a double tap) finds it and does nothing, and a crash
 * cannot keep one without the other. A refused change keeps nothing: the corrected form can
 * be sent. A form without a token (a script posting its own values) works as before.
 */
export function formOnce(c: Context<AppEnv>, deps: AppDeps, form: FormValues, options: OnceOptions, outcomeOf: (result: unknown) => Omit<FormOutcome, 'kind'> | Promise<Omit<FormOutcome, 'kind'>>): FormOnce {
  const plain = actingCtxOf(c, deps);
  const token = form._once;
  if (token === undefined) {
    return { ctx: plain, sentBefore: async () => null, answer: () => null, assertSealed: () => {} };
  }
  if (!TOKEN.test(token)) throw invalid({ _once: 'must be the one-time token the form was shown with' });

  const action = new URL(c.req.url).pathname;
  const values = Object.entries(form).filter(([name]) => !NOT_VALUES.has(name));
  const valuesHash = fingerprint({ action, values: Object.fromEntries(values) });
  // "Do it again" on the question page skips the question, never the token.
  const askSameValues = options.sameValues !== false && form._again !== '1';
  let sealed = false;

  const earlier = async (ctx: ActingCtx): Promise<SentBefore | null> => {
    const byToken = await sentWithToken(ctx, token);
    if (byToken) return new SentBefore(byToken, 'token');
    const byValues = askSameValues ? await sentWithSameValues(ctx, valuesHash, ctx.now - SAME_VALUES_WINDOW_MS) : null;
    return byValues ? new SentBefore(byValues, 'values') : null;
  };

  /** Inside the write's savepoint: checks the token, runs the change, keeps the token with what it did. */
  const seal = async <T,>(tx: Tx, work: (tx: Tx) => Promise<T>): Promise<T> => {
    // A second write of the same change: the token is already kept with the first.
    if (sealed) return work(tx);
    const inside: ActingTxCtx = { ...plain, tx, db: tx.writer.db, sqlite: tx.writer.sqlite };
    const before = await earlier(inside);
    if (before) throw before;
    const result = await work(tx);
    await recordSentForm(inside, token, valuesHash, { kind: options.kind, ...(await outcomeOf(result)) });
    sealed = true;
    return result;
  };

  const respond = (before: SentBefore): Answer => {
    const { outcome, at } = before.sent;
    if (before.by === 'token' || options.sameValues === false) {
      return redirectDone(c, outcome.to, SENT_BEFORE, { ...outcome.extra, sent: outcome.kind, link: outcome.link });
    }
    const frame = frameOf(c, deps);
    const page = (
      <SentBeforePage
        {...frame}
        kind={options.kind as AskedKind}
        minutes={Math.max(0, Math.floor((plain.now - at) / MINUTE_MS))}
        link={outcome.link}
        action={action}
        values={values}
      />
    );
    // Nothing was done, and the page says why: a conflict, as the API would answer.
    return c.html(page, 409);
  };

  return {
    ctx: { ...plain, write: (work) => deps.database.writes.run((tx) => seal(tx, work)) },
    sentBefore: async () => {
      const before = await earlier(plain);
      return before ? respond(before) : null;
    },
    answer: (error) => (error instanceof SentBefore ? respond(error) : null),
    assertSealed: () => {
      if (!sealed) throw new Error(`${c.req.method} ${action}: the change did not go through the form's context, so its one-time token was not kept`);
    },
  };
}
