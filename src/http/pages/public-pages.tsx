/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { atomically } from '../../db/transaction.js';
import { Hono, type Context } from 'hono';
import { answerFeedback, FeedbackInput, feedbackRequestOf, starsOfForm } from '../../domain/aftercare/index.js';
import { unsubscribe, unsubscribeTarget } from '../../domain/campaigns/index.js';
import { DomainError, type FieldErrors } from '../../domain/errors.js';
import { LOCALES, type Locale } from '../../domain/context.js';
import { FeedbackPage, UnsubscribePage } from '../../../templates/public.js';
import { makeTr } from '../../../templates/tr.js';
import { ctxOf, type AppDeps, type AppEnv } from '../context.js';
import { parseWith } from '../validate.js';
import { frameOf } from './frame.js';
import { refusalOf } from './form-action.js';

type C = Context<AppEnv>;

/** A client's page speaks the client's language, unless they chose another (`?lang=`). */
function clientFrame(c: C, deps: AppDeps, locale: Locale) {
  const asked = c.req.query('lang');
  const chosen = (LOCALES as readonly string[]).includes(asked ?? '') ? (asked as Locale) : locale;
  return { ...frameOf(c, deps), tr: makeTr(chosen, deps.agency.timeZone, deps.agency.country) };
}

/**
 * The pages a client opens from a mail without signing in, the signed link being the
 * permission: how the trip was (answered once), and unsubscribing (asked, then done).
 */
export function publicPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function renderFeedback(c: C, token: string, failed?: { errors: FieldErrors; values: Record<string, string>; status: 400 | 409 }) {
    const request = await feedbackRequestOf(ctxOf(c, deps), token);
    const frame = clientFrame(c, deps, request.locale);
    return c.html(
      <FeedbackPage
        {...frame}
        token={token}
        clientName={request.clientName}
        trip={request.trip}
        departsAt={request.departsAt}
        agencyName={deps.agency.name}
        answered={request.answered}
        error={failed ? Object.values(failed.errors)[0] : undefined}
        values={failed?.values ?? {}}
      />,
      failed?.status ?? 200,
    );
  }

  app.get('/feedback/:token', async (c) => await renderFeedback(c, c.req.param('token')));

  app.post('/feedback/:token', async (c) => {
    const token = c.req.param('token');
    const request = await feedbackRequestOf(ctxOf(c, deps), token);
    const form = Object.fromEntries(Object.entries(await c.req.parseBody()).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const locale = clientFrame(c, deps, request.locale).tr.locale;
    try {
      const input = parseWith(FeedbackInput, { rating: starsOfForm(form.rating), comment: form.comment?.trim() || null });
      await atomically(ctxOf(c, deps), (ctx) => answerFeedback(ctx, token, input));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      const refusal = refusalOf(error, form, locale);
      return await renderFeedback(c, token, { errors: refusal.errors, values: form, status: error.code === 'conflict' ? 409 : 400 });
    }
    return c.redirect(`/feedback/${token}${c.req.query('lang') ? `?lang=${c.req.query('lang')}` : ''}`, 303);
  });

  /**
   * Unsubscribing: opening the link (GET) only asks, because mail scanners and previews open
   * every link in a mail; a POST unsubscribes, from the page's button or a mail program's
   * one-click "Unsubscribe" (RFC 8058). Both answer the page (no redirect): a mail program
   * does not follow one, and posting again changes nothing.
   */
  const unsubscribePage = (c: C, state: 'ask' | 'done' | 'already', target: { name: string; locale: Locale }) => {
    const lang = c.req.query('lang');
    const action = `/unsubscribe/${c.req.param('token')}${lang && (LOCALES as readonly string[]).includes(lang) ? `?lang=${lang}` : ''}`;
    return c.html(<UnsubscribePage {...clientFrame(c, deps, target.locale)} state={state} action={action} name={target.name} agencyName={deps.agency.name} agencyContacts={deps.agency.contacts} />);
  };
  app.get('/unsubscribe/:token', async (c) => {
    const target = await unsubscribeTarget(ctxOf(c, deps), c.req.param('token'));
    return unsubscribePage(c, target.unsubscribed ? 'already' : 'ask', target);
  });
  app.post('/unsubscribe/:token', async (c) => {
    const ctx = ctxOf(c, deps);
    const done = await atomically(ctx, async (ctx) => await unsubscribe(ctx, c.req.param('token')));
    return unsubscribePage(c, 'done', done);
  });

  return app;
}
