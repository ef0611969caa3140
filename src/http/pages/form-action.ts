import type { Context, Handler } from 'hono';
import type { ActingCtx } from '../../domain/context.js';
import { DomainError, type FieldErrors } from '../../domain/errors.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { STATUS_OF } from '../errors.js';
import type { Locale } from '../../domain/context.js';
import { fieldErrorText, refusalText } from '../../i18n/errors.js';
import { frameOf } from './frame.js';
import { readForm, redirectDone, type FormValues } from './forms.js';
import { formOnce, type OnceOptions } from './form-once.js';

/** A form's refusal, worded for the page: errors beside their fields, the values kept. */
export interface Refusal {
  errors: FieldErrors;
  values: FormValues;
  /** The status the API answers for the same refusal. */
  status: 400 | 403 | 409 | 413 | 429;
  error: DomainError;
}

/** Where an accepted form goes next, and the confirmation shown there (a `done.<code>` text). */
export interface Done {
  to: string;
  code: string;
  extra?: Record<string, string>;
}

/**
 * A domain refusal as a form's errors in the reader's words: its fields (renamed to the
 * form's), or the whole refusal on `field`.
 */
export function refusalOf(error: DomainError, values: FormValues, locale: Locale, field = 'form', rename: Record<string, string> = {}): Refusal {
  const fields =
    error.code === 'validation_failed' && error.details
      ? Object.fromEntries(Object.entries(error.details as FieldErrors).map(([key, message]) => [rename[key] ?? key, fieldErrorText(locale, message)]))
      : { [field]: refusalText(locale, error) };
  return { errors: fields, values, status: STATUS_OF[error.code] as Refusal['status'], error };
}

/**
 * The life of every page form: read it (its CSRF token checked), run the change, then
 * redirect with a confirmation; a refusal comes back beside the form with the API's status
 * for it. A page that does not exist (`not_found`) and anything unexpected go to the error
 * page, like any other request.
 *
 * A form that creates something or moves money opts into `once`: a second submit of the same
 * rendered form does nothing and shows what the first did (see form-once). Its `run` then
 * writes through the context it is given (`atomically(ctx, ...)`), so the form's token is kept in
 * the transaction of the change, and the change's result is what `done` and `link` read.
 */
export function formAction<T>(
  deps: AppDeps,
  steps: {
    /** Parse the form into the action's input and make the change (a write through the queue). */
    run: (ctx: ActingCtx, form: FormValues, c: Context<AppEnv>) => Promise<T> | T;
    done: (result: T, form: FormValues, c: Context<AppEnv>) => Done | Promise<Done>;
    refused: (c: Context<AppEnv>, refusal: Refusal) => Response | Promise<Response>;
    /** Where a refusal about no field is shown. */
    field?: string;
    /** API field names to the form's, e.g. amountMinor -> amount. */
    rename?: Record<string, string>;
    /** A form that creates something or moves money: done once per rendered form. */
    once?: OnceOptions;
    /** The page of what the change made, linked when the form is sent again (default: where `done` goes). */
    link?: (result: T, form: FormValues, c: Context<AppEnv>) => string;
  },
): Handler<AppEnv> {
  return async (c) => {
    const form = await readForm(c);
    const once = steps.once
      ? formOnce(c, deps, form, steps.once, async (written) => {
          const result = written as T;
          const done = await steps.done(result, form, c);
          return { ...done, link: steps.link?.(result, form, c) ?? done.to };
        })
      : null;
    const before = await once?.sentBefore();
    if (before) return before;
    let result: T;
    try {
      result = await steps.run(once?.ctx ?? actingCtxOf(c, deps), form, c);
    } catch (error) {
      const answer = once?.answer(error);
      if (answer) return answer;
      if (!(error instanceof DomainError) || error.code === 'not_found' || error.code === 'unauthenticated') throw error;
      return steps.refused(c, refusalOf(error, form, frameOf(c, deps).tr.locale, steps.field, steps.rename));
    }
    once?.assertSealed();
    const { to, code, extra } = await steps.done(result, form, c);
    return redirectDone(c, to, code, extra);
  };
}
