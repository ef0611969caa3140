/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** What the traveller's trip pages and booking page share: their frame, forms, refusals and limits. */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { atomically } from '../../db/transaction.js';
import { LOCALES, type Locale } from '../../domain/context.js';
import { DomainError } from '../../domain/errors.js';
import { admitPublicPost } from '../../domain/inquiries/intake-limit.js';
import { readerLocale } from '../../i18n/index.js';
import { refusalText } from '../../i18n/errors.js';
import type { PageFrame } from '../../../templates/layout.js';
import { makeTr, type Tr } from '../../../templates/tr.js';
import { ClientMessagePage, type AgencyView } from '../../../templates/trips.js';
import { clientAddress } from '../client-address.js';
import { ctxOf, type AppDeps, type AppEnv } from '../context.js';
import { frameOf } from './frame.js';

export type C = Context<AppEnv>;
export type Values = Record<string, string>;

/** A booking form is a few hundred bytes; twenty travellers and a long message stay far below this. */
export const FORM_BYTES = 32 * 1024;

const isLocale = (value: string | undefined): value is Locale => (LOCALES as readonly string[]).includes(value ?? '');

/** The language the client chose on the page (`?lang=`), kept in every link and form of theirs. */
export const chosenLang = (c: C): Locale | null => {
  const lang = c.req.query('lang');
  return isLocale(lang) ? lang : null;
};

/** The booking page holds a key to the booking in its address: it is sent nowhere and indexed by no one. */
export function privatePage(c: C) {
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex, nofollow');
}

/** The posted form as plain strings (files are not expected here and are dropped). */
export async function readPlainForm(c: C): Promise<Values> {
  const body = await c.req.parseBody();
  const values: Values = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') values[key] = value;
  return values;
}

export const optional = (value: string | undefined) => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

/** "3" as a number; empty as the fallback; anything else NaN, which the schema refuses in the reader's words. */
export const wholeNumber = (value: string | undefined, fallback: number) => {
  const text = (value ?? '').trim();
  if (text === '') return fallback;
  return /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
};

/** A refusal the client's pages word themselves (the shared words speak to the office). */
export function clientRefusal(tr: Tr, error: DomainError): string {
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  if (reason === 'edit_closed') return tr.t('bookingPage.editClosed');
  if (reason === 'payments_off') return tr.t('bookingPage.paymentsOff');
  if (reason === 'nothing_due') return tr.t('bookingPage.nothingDue');
  if (reason === 'deposit_paid') return tr.t('bookingPage.depositPaid');
  if (error.code === 'provider_unavailable') return tr.t('bookingPage.providerDown');
  if (error.code === 'invalid_transition' && (error.details as { status?: unknown } | undefined)?.status === 'cancelled') return tr.t('bookingPage.cancelled');
  return refusalText(tr.locale, error);
}

export type Status = 200 | 400 | 403 | 404 | 409 | 413 | 429 | 502;
export const statusOf = (refusal: { status: number }): Status => ([400, 403, 409, 413, 429].includes(refusal.status) ? (refusal.status as Status) : 400);

export type ClientFrame = PageFrame & { lang: Locale | null; agency: AgencyView };

/** The agency as the client's pages show it. */
export const agencyView = (deps: AppDeps): AgencyView => ({ name: deps.agency.name, contacts: deps.agency.contacts, timeZone: deps.agency.timeZone, country: deps.agency.country });

/** The page's frame in the client's language: `?lang=`, else `fallback` (their browser's, or the booking's). */
export function clientFrame(c: C, deps: AppDeps, fallback: Locale): ClientFrame {
  const lang = chosenLang(c);
  return { ...frameOf(c, deps), tr: makeTr(lang ?? fallback, deps.agency.timeZone, deps.agency.country), lang, agency: agencyView(deps) };
}

/** A visitor's language: `?lang=`, else their browser's, else the agency's. */
export const visitorFrame = (c: C, deps: AppDeps) => clientFrame(c, deps, readerLocale(c, null, deps.agency.locale));

/** A page of a title and a few words to the client, with a link onwards when there is one. */
export const message = (c: C, frame: ClientFrame, title: string, text: string, status: Status = 200, link?: { href: string; label: string }) =>
  c.html(<ClientMessagePage {...frame} title={title} text={text} link={link} />, status);

/** The limit of a client's posted form, refused with a page in their words. */
export const formLimit = (deps: AppDeps) =>
  bodyLimit({
    maxSize: FORM_BYTES,
    onError: (c) => {
      const frame = visitorFrame(c as C, deps);
      return message(c as C, frame, frame.tr.t('error.title'), frame.tr.t('clientPage.tooLarge'), 413);
    },
  });

/** Counts a post against its address's limit; the friendly page when it is over it, else null. */
export async function refusedAsTooMany(c: C, deps: AppDeps, frame: ClientFrame): Promise<Response | null> {
  try {
    await atomically(ctxOf(c, deps), async (ctx) => await admitPublicPost(ctx, clientAddress(c), deps.intake?.limit ?? 10));
    return null;
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'rate_limited') throw error;
    const seconds = Number((error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60);
    c.header('Retry-After', String(seconds));
    return message(c, frame, frame.tr.t('clientPage.tooMany.title'), frame.tr.t('clientPage.tooMany.text', { minutes: Math.max(1, Math.ceil(seconds / 60)) }), 429);
  }
}

/** A robot filled the hidden field: it hears what a person would, and nothing is made. */
export const robot = (form: Values) => (form.website ?? '').trim() !== '';
export const received = (c: C, frame: ClientFrame) => message(c, frame, frame.tr.t('clientPage.received.title'), frame.tr.t('clientPage.received.text'));
