/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { idempotencyKeys } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import { LOCALES, type Ctx, type Locale } from '../../domain/context.js';
import { getDealRow, type DealRow } from '../../domain/deals/index.js';
import { voucherOf } from '../../domain/deals/voucher.js';
import { getDeparture } from '../../domain/departures/departures.js';
import { DomainError, notFound, type FieldErrors } from '../../domain/errors.js';
import { admitPublicPost } from '../../domain/inquiries/intake-limit.js';
import { installationId } from '../../domain/installation.js';
import {
  bookOnline,
  clientBooking,
  ClientTravellersInput,
  DEFAULT_ONLINE_DEPOSIT_HOURS,
  MAX_ONLINE_SEATS,
  OnlineBookingInput,
  OnlineWaitlistInput,
  publicDeparture,
  publicDepartures,
  UNPAID_ONLINE,
  updateTravellersByClient,
  waitOnline,
  type ClientBooking,
  type OnlineBooking,
  type PublicDeparture,
} from '../../domain/online/index.js';
import { renderVoucher } from '../../documents/voucher-pdf.js';
import { bookingTripIcs } from '../../documents/trip-ics.js';
import { MESSAGES, readerLocale, type MessageKey } from '../../i18n/index.js';
import { refusalText } from '../../i18n/errors.js';
import { BookingPage } from '../../../templates/booking-page.js';
import type { PageFrame } from '../../../templates/layout.js';
import { makeTr, type Tr } from '../../../templates/tr.js';
import { ClientMessagePage, TripPage, TripsPage, withLang, type AgencyView, type FormState, type TripPageProps } from '../../../templates/trips.js';
import { attachment } from '../api/documents.js';
import { bookingOfToken, CheckoutInput } from '../api/online.js';
import { checkoutUrl } from '../checkout.js';
import { clientAddress } from '../client-address.js';
import { ctxOf, type AppDeps, type AppEnv } from '../context.js';
import { parseWith } from '../validate.js';
import { refusalOf } from './form-action.js';
import { frameOf } from './frame.js';

type C = Context<AppEnv>;
type Values = Record<string, string>;

/** A booking form is a few hundred bytes; twenty travellers and a long message stay far below this. */
const FORM_BYTES = 32 * 1024;
/** Traveller rows a trip's form shows before "more rows". */
const DEFAULT_ROWS = 4;
/** The form's one-time key as the page renders it (a UUID); anything else is not ours and books without one. */
const FORM_KEY = /^[A-Za-z0-9_-]{16,64}$/;
/** The scope bookOnline keeps its keys in. */
const BOOKING_SCOPE = 'online-booking';

/** The script the agency pastes on its own site, with every language's few words filled in once. */
const EMBED_WORDS: MessageKey[] = ['tripsEmbed.from', 'tripsEmbed.seatsLeft', 'tripsEmbed.soldOut', 'tripsEmbed.book'];
const INTL: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU', bg: 'bg-BG' };
const embedScript = (() => {
  let script: string | null = null;
  return () => {
    if (script === null) {
      const words = Object.fromEntries(
        LOCALES.map((locale) => [locale, { intl: INTL[locale], ...Object.fromEntries(EMBED_WORDS.map((key) => [key.split('.')[1], MESSAGES[locale][key]])) }]),
      );
      script = readFileSync(new URL('../../../templates/assets/trips-embed.js', import.meta.url), 'utf8').replace('__WORDS__', JSON.stringify(words));
    }
    return script;
  };
})();

const isLocale = (value: string | undefined): value is Locale => (LOCALES as readonly string[]).includes(value ?? '');

/** The language the client chose on the page (`?lang=`), kept in every link and form of theirs. */
const chosenLang = (c: C): Locale | null => {
  const lang = c.req.query('lang');
  return isLocale(lang) ? lang : null;
};

/** The booking page holds a key to the booking in its address: it is sent nowhere and indexed by no one. */
function privatePage(c: C) {
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex, nofollow');
}

/** The posted form as plain strings (files are not expected here and are dropped). */
async function readPlainForm(c: C): Promise<Values> {
  const body = await c.req.parseBody();
  const values: Values = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') values[key] = value;
  return values;
}

const optional = (value: string | undefined) => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

/** "3" as a number; empty as the fallback; anything else NaN, which the schema refuses in the reader's words. */
const wholeNumber = (value: string | undefined, fallback: number) => {
  const text = (value ?? '').trim();
  if (text === '') return fallback;
  return /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
};

/**
 * The booking the form asks for: the rows with a name (or a birth date, which then needs a
 * name) are the travellers; seats are what was chosen, or more when more rows are named.
 * Errors of the API's fields are renamed back to the rows they came from.
 */
function bookingInput(trip: PublicDeparture, form: Values, locale: Locale) {
  const travellers: { name: string; birthDate?: string; category?: string }[] = [];
  const rename: Record<string, string> = {};
  for (let row = 0; row < MAX_ONLINE_SEATS; row++) {
    const name = optional(form[`travellers.${row}.name`]);
    const birthDate = optional(form[`travellers.${row}.birthDate`]);
    if (name === undefined && birthDate === undefined) continue;
    const category = optional(form[`travellers.${row}.category`]);
    for (const field of ['name', 'birthDate', 'category']) rename[`travellers.${travellers.length}.${field}`] = `travellers.${row}.${field}`;
    travellers.push({ name: name ?? '', ...(birthDate ? { birthDate } : {}), ...(category ? { category } : {}) });
  }
  const asked = wholeNumber(form.seats, 1);
  const stopId = wholeNumber(form.stopId, 0);
  return {
    input: {
      departureId: trip.id,
      name: form.name ?? '',
      phone: form.phone ?? '',
      email: form.email ?? '',
      locale,
      seats: Number.isNaN(asked) ? asked : Math.max(asked, travellers.length),
      ...(travellers.length ? { travellers } : {}),
      ...(stopId > 0 ? { stopId } : {}),
      ...(optional(form.message) ? { message: optional(form.message) } : {}),
    },
    rename,
  };
}

/**
 * The travellers the booking page's form changes: a row with an id is that traveller (an
 * emptied field clears it, an emptied name is refused); a row without one names a seat that
 * had no name, when anything is typed in it.
 */
function travellersInput(form: Values) {
  const travellers: { id?: number; name?: string; birthDate?: string | null; documentNumber?: string | null }[] = [];
  const rename: Record<string, string> = {};
  for (let row = 0; row < 100; row++) {
    const field = (name: string) => form[`travellers.${row}.${name}`];
    const id = optional(field('id'));
    const name = field('name')?.trim();
    const birthDate = field('birthDate')?.trim();
    const documentNumber = field('documentNumber')?.trim();
    if (id === undefined && !name && !birthDate && !documentNumber) continue;
    for (const part of ['id', 'name', 'birthDate', 'documentNumber']) rename[`travellers.${travellers.length}.${part}`] = `travellers.${row}.${part}`;
    if (id !== undefined) {
      travellers.push({
        id: /^\d{1,15}$/.test(id) ? Number(id) : Number.NaN,
        ...(name === undefined ? {} : { name }),
        ...(birthDate === undefined ? {} : { birthDate: birthDate || null }),
        ...(documentNumber === undefined ? {} : { documentNumber: documentNumber || null }),
      });
    } else {
      travellers.push({ name: name ?? '', ...(birthDate ? { birthDate } : {}), ...(documentNumber ? { documentNumber } : {}) });
    }
  }
  return { input: { travellers }, rename };
}

/** A refusal the client's pages word themselves (the shared words speak to the office). */
function clientRefusal(tr: Tr, error: DomainError): string {
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  if (reason === 'edit_closed') return tr.t('bookingPage.editClosed');
  if (reason === 'payments_off') return tr.t('bookingPage.paymentsOff');
  if (reason === 'nothing_due') return tr.t('bookingPage.nothingDue');
  if (reason === 'deposit_paid') return tr.t('bookingPage.depositPaid');
  if (error.code === 'provider_unavailable') return tr.t('bookingPage.providerDown');
  if (error.code === 'invalid_transition' && (error.details as { status?: unknown } | undefined)?.status === 'cancelled') return tr.t('bookingPage.cancelled');
  return refusalText(tr.locale, error);
}

/** The booking a form key made, when the key comes back with other values (Back, changed, sent again). */
async function firstBookingOf(ctx: Ctx, key: string): Promise<string | null> {
  const stored = await ctx.db
    .select({ result: idempotencyKeys.result })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, BOOKING_SCOPE), eq(idempotencyKeys.key, key)))
    .get();
  if (!stored) return null;
  try {
    return (JSON.parse(stored.result) as OnlineBooking).manageUrl;
  } catch {
    return null;
  }
}

/** The booking page's own path from its full link (the desk's address may be in front). */
const pathOf = (url: string) => new URL(url, 'http://local').pathname;

type Status = 200 | 400 | 403 | 404 | 409 | 413 | 429 | 502;
const statusOf = (refusal: { status: number }): Status => ([400, 403, 409, 413, 429].includes(refusal.status) ? (refusal.status as Status) : 400);

/**
 * The traveller's own pages, without signing in: the trips the agency sells online, booking
 * one, the waiting list of a sold-out one, and the booking's page from its signed link
 * (travellers' details, paying, the voucher and the calendar entry). Every page works
 * without JavaScript: plain links and forms.
 */
export function clientPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const agency: AgencyView = { name: deps.agency.name, contacts: deps.agency.contacts, timeZone: deps.agency.timeZone, country: deps.agency.country };

  /** The page's frame in the client's language: `?lang=`, else `fallback` (their browser's, or the booking's). */
  const clientFrame = (c: C, fallback: Locale): PageFrame & { lang: Locale | null; agency: AgencyView } => {
    const lang = chosenLang(c);
    return { ...frameOf(c, deps), tr: makeTr(lang ?? fallback, deps.agency.timeZone, deps.agency.country), lang, agency };
  };
  /** A visitor's language: `?lang=`, else their browser's, else the agency's. */
  const visitorFrame = (c: C) => clientFrame(c, readerLocale(c, null, deps.agency.locale));

  const message = (c: C, frame: ReturnType<typeof clientFrame>, title: string, text: string, status: Status = 200, link?: { href: string; label: string }) =>
    c.html(<ClientMessagePage {...frame} title={title} text={text} link={link} />, status);

  const formLimit = bodyLimit({
    maxSize: FORM_BYTES,
    onError: (c) => {
      const frame = visitorFrame(c as C);
      return message(c as C, frame, frame.tr.t('error.title'), frame.tr.t('clientPage.tooLarge'), 413);
    },
  });

  /** Counts a post against its address's limit; the friendly page when it is over it, else null. */
  async function refusedAsTooMany(c: C, frame: ReturnType<typeof clientFrame>): Promise<Response | null> {
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
  const robot = (form: Values) => (form.website ?? '').trim() !== '';
  const received = (c: C, frame: ReturnType<typeof clientFrame>) => message(c, frame, frame.tr.t('clientPage.received.title'), frame.tr.t('clientPage.received.text'));

  // Registered before /trips/:id, which it would otherwise look like.
  app.get('/trips/embed.js', (c) => {
    c.header('Content-Type', 'application/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(embedScript());
  });

  app.get('/trips', async (c) => {
    const frame = visitorFrame(c);
    return c.html(<TripsPage {...frame} trips={await publicDepartures(ctxOf(c, deps))} />);
  });

  function renderTrip(
    c: C,
    frame: ReturnType<typeof clientFrame>,
    trip: PublicDeparture,
    state: { book?: FormState & { key?: string | undefined }; wait?: FormState; showWaitlist?: boolean; notice?: string } = {},
    status: Status = 200,
  ) {
    const maxSeats = Math.min(trip.seatsLeft, MAX_ONLINE_SEATS);
    const book = state.book ?? { values: {}, errors: {} };
    // Rows: as many as asked for (?rows=), at least the default, and every row the refused form had filled.
    const filled = Object.keys(book.values)
      .map((name) => /^travellers\.(\d+)\.(name|birthDate)$/.exec(name))
      .filter((m) => m && book.values[m[0]]!.trim() !== '')
      .map((m) => Number(m![1]) + 1);
    const asked = wholeNumber(c.req.query('rows'), DEFAULT_ROWS);
    const rows = Math.max(1, Math.min(MAX_ONLINE_SEATS, Math.max(Number.isNaN(asked) ? DEFAULT_ROWS : asked, ...filled)));
    const props: TripPageProps = {
      ...frame,
      trip,
      depositHours: deps.agency.onlineDepositHours ?? DEFAULT_ONLINE_DEPOSIT_HOURS,
      maxSeats,
      book: { ...book, rows: Math.min(rows, Math.max(maxSeats, ...filled, 1)), key: book.key ?? randomUUID() },
      wait: state.wait ?? { values: {}, errors: {} },
      showWaitlist: state.showWaitlist ?? trip.seatsLeft === 0,
      notice: state.notice,
      switchPath: `/trips/${trip.id}`,
    };
    return c.html(<TripPage {...props} />, status);
  }

  const tripId = (c: C) => {
    const raw = c.req.param('id') ?? '';
    if (!/^[1-9]\d{0,15}$/.test(raw)) throw notFound('departure', raw);
    return Number(raw);
  };

  app.get('/trips/:id', async (c) => renderTrip(c, visitorFrame(c), await publicDeparture(ctxOf(c, deps), tripId(c))));

  app.post('/trips/:id/book', formLimit, async (c) => {
    const ctx = ctxOf(c, deps);
    const trip = await publicDeparture(ctx, tripId(c));
    const frame = visitorFrame(c);
    const form = await readPlainForm(c);
    const tooMany = await refusedAsTooMany(c, frame);
    if (tooMany) return tooMany;
    if (robot(form)) return received(c, frame);
    const key = FORM_KEY.test(form._once ?? '') ? form._once : undefined;
    const { input, rename } = bookingInput(trip, form, frame.tr.locale);
    try {
      const booking = await bookOnline(ctx, parseWith(OnlineBookingInput, input), key);
      return c.redirect(withLang(pathOf(booking.manageUrl), frame.lang, { booked: '1' }), 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      // The same form came back with other values after it booked: the client is shown that booking.
      if (key && error.code === 'conflict' && (error.details as { idempotencyKey?: unknown } | undefined)?.idempotencyKey !== undefined) {
        const first = await firstBookingOf(ctx, key);
        if (first) return c.redirect(withLang(pathOf(first), frame.lang, { sent: '1' }), 303);
      }
      const refusal = refusalOf(error, form, frame.tr.locale, 'form', rename);
      const now = await publicDeparture(ctxOf(c, deps), trip.id);
      const soldOut = error.code === 'sold_out';
      const formError = soldOut ? frame.tr.t('tripPage.fewLeft', { n: now.seatsLeft }) : error.code === 'validation_failed' ? undefined : clientRefusal(frame.tr, error);
      return renderTrip(
        c,
        frame,
        now,
        {
          book: { values: form, errors: error.code === 'validation_failed' ? refusal.errors : {}, formError, key },
          wait: { values: { name: form.name ?? '', phone: form.phone ?? '', email: form.email ?? '', seats: form.seats ?? '1' }, errors: {} },
          showWaitlist: soldOut || now.seatsLeft === 0,
        },
        statusOf(refusal),
      );
    }
  });

  app.post('/trips/:id/waitlist', formLimit, async (c) => {
    const ctx = ctxOf(c, deps);
    const trip = await publicDeparture(ctx, tripId(c));
    const frame = visitorFrame(c);
    const form = await readPlainForm(c);
    const tooMany = await refusedAsTooMany(c, frame);
    if (tooMany) return tooMany;
    const waiting = () =>
      message(c, frame, frame.tr.t('tripPage.waitingTitle'), frame.tr.t('tripPage.waitingText', { name: (form.name ?? '').trim(), trip: trip.title }), 200, {
        href: withLang('/trips', frame.lang),
        label: frame.tr.t('clientPage.allTrips'),
      });
    if (robot(form)) return received(c, frame);
    try {
      await waitOnline(
        ctx,
        parseWith(OnlineWaitlistInput, { departureId: trip.id, name: form.name ?? '', phone: form.phone ?? '', email: form.email ?? '', locale: frame.tr.locale, seats: wholeNumber(form.seats, 1) }),
      );
      return waiting();
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      const reason = (error.details as { reason?: unknown } | undefined)?.reason;
      // Already waiting: the client is where they asked to be.
      if (reason === 'already_waiting') return waiting();
      const refusal = refusalOf(error, form, frame.tr.locale);
      const now = await publicDeparture(ctxOf(c, deps), trip.id);
      if (reason === 'seats_free') return renderTrip(c, frame, now, { notice: frame.tr.t('tripPage.seatsFree'), showWaitlist: false }, 409);
      return renderTrip(
        c,
        frame,
        now,
        { wait: { values: form, errors: error.code === 'validation_failed' ? refusal.errors : {}, formError: error.code === 'validation_failed' ? undefined : clientRefusal(frame.tr, error) }, showWaitlist: true },
        statusOf(refusal),
      );
    }
  });

  /** The booking page, with what came back from a form that could not be done. */
  async function renderBooking(c: C, row: DealRow, refused: { status: Status; payError?: string; edit?: FormState } | null = null) {
    const ctx = ctxOf(c, deps);
    const booking = await clientBooking(ctx, row);
    const frame = clientFrame(c, booking.locale);
    const token = c.req.param('token')!;
    privatePage(c);
    return c.html(
      <BookingPage
        {...frame}
        token={token}
        booking={booking}
        cancelReason={row.cancelReason === UNPAID_ONLINE ? UNPAID_ONLINE : null}
        // Whether a provider answers this desk decides; the agency's flag says the same in production.
        payOnline={Boolean(deps.payments) && booking.money.next !== null}
        banner={refused ? null : bannerOf(c, frame.tr, booking)}
        payError={refused?.payError}
        edit={refused?.edit}
      />,
      refused?.status ?? 200,
    );
  }

  /** The one-time note an address carries: booked just now, back from paying, details saved, the form sent before. */
  function bannerOf(c: C, tr: Tr, booking: ClientBooking): { text: string; tone: 'ok' | 'warn' } | null {
    const zoneTr = makeTr(tr.locale, booking.trip.timeZone, deps.agency.country);
    const next = booking.money.next;
    if (c.req.query('sent') === '1') return { text: tr.t('bookingPage.sentBefore'), tone: 'warn' };
    if (booking.cancelled) return null;
    if (c.req.query('booked') === '1') {
      return next?.purpose === 'deposit'
        ? { text: tr.t('bookingPage.booked', { amount: tr.money(next.amountMinor, booking.money.currency), date: zoneTr.dateTime(next.dueAt) }), tone: 'ok' }
        : { text: tr.t('bookingPage.bookedNothingDue'), tone: 'ok' };
    }
    const paid = c.req.query('paid');
    if (paid === 'deposit' || paid === 'balance') {
      // The provider's word may come a moment after the client is back; until then it is "being confirmed".
      const shown = paid === 'deposit' ? next?.purpose !== 'deposit' : next === null;
      return { text: tr.t(shown ? 'bookingPage.paidDone' : 'bookingPage.paidPending'), tone: 'ok' };
    }
    if (c.req.query('saved') === '1') return { text: tr.t('bookingPage.saved'), tone: 'ok' };
    return null;
  }

  const bookingOf = async (c: C) => await bookingOfToken(ctxOf(c, deps), c.req.param('token') ?? '');

  app.get('/b/:token', async (c) => await renderBooking(c, await bookingOf(c)));

  app.post('/b/:token/pay', formLimit, async (c) => {
    const ctx = ctxOf(c, deps);
    const row = await bookingOf(c);
    const form = await readPlainForm(c);
    try {
      const { purpose } = parseWith(CheckoutInput, { purpose: form.purpose });
      return c.redirect(await checkoutUrl(deps, ctx, row, purpose), 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      const frame = clientFrame(c, (await clientBooking(ctx, row)).locale);
      const status: Status = error.code === 'provider_unavailable' ? 502 : statusOf(refusalOf(error, form, frame.tr.locale));
      return await renderBooking(c, row, { status, payError: clientRefusal(frame.tr, error) });
    }
  });

  app.post('/b/:token/travellers', formLimit, async (c) => {
    const ctx = ctxOf(c, deps);
    const row = await bookingOf(c);
    const form = await readPlainForm(c);
    const { input, rename } = travellersInput(form);
    const booking = await clientBooking(ctx, row);
    const frame = clientFrame(c, booking.locale);
    try {
      if (input.travellers.length === 0) {
        // Nothing typed: nothing to change, but a closed booking still says so.
        if (!booking.editable) throw new DomainError('conflict', 'The travellers can no longer be changed here', { reason: 'edit_closed' });
      } else {
        await updateTravellersByClient(ctx, row.id, parseWith(ClientTravellersInput, input));
      }
      return c.redirect(withLang(`/b/${c.req.param('token')}`, frame.lang, { saved: '1' }), 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      const refusal = refusalOf(error, form, frame.tr.locale, 'form', rename);
      const fields: FieldErrors = error.code === 'validation_failed' ? refusal.errors : {};
      return await renderBooking(c, await getDealRow(ctx, row.id), {
        status: statusOf(refusal),
        edit: { values: form, errors: fields, formError: error.code === 'validation_failed' ? undefined : clientRefusal(frame.tr, error) },
      });
    }
  });

  app.get('/b/:token/voucher.pdf', async (c) => {
    const ctx = ctxOf(c, deps);
    const row = await bookingOf(c);
    // The voucher is the client's once the office sent it, and never for a cancelled booking.
    if (row.voucherSentAt === null || row.cancelledAt !== null) throw new DomainError('not_found', 'No voucher for this booking yet');
    const voucher = await voucherOf(ctx, row.id);
    privatePage(c);
    const pdf = await renderVoucher(voucher.data, makeTr(chosenLang(c) ?? voucher.locale, voucher.zone, deps.agency.country));
    return attachment(c, `${voucher.data.reference}.pdf`, 'application/pdf', pdf);
  });

  app.get('/b/:token/trip.ics', async (c) => {
    const ctx = ctxOf(c, deps);
    const row = await bookingOf(c);
    if (row.cancelledAt !== null) throw new DomainError('not_found', 'A cancelled booking has no trip to add');
    const booking = await clientBooking(ctx, row);
    const departure = await getDeparture(ctx, row.departureId);
    const page = booking.manageUrl.startsWith('/') ? new URL(booking.manageUrl, c.req.url).toString() : booking.manageUrl;
    privatePage(c);
    const ics = bookingTripIcs({
      // The entry the booking's mails attach has this id: adding both keeps one entry.
      uid: `trip-${row.departureId}-${row.id}@${await installationId(ctx.sqlite)}`,
      sequence: departure.scheduleVersion,
      title: booking.trip.title,
      start: booking.pickup.at,
      end: booking.trip.returnsAt,
      place: booking.pickup.place,
      description: [booking.reference, page, deps.agency.name, deps.agency.contacts].filter(Boolean).join('\n'),
      url: page,
      agency: deps.agency.name,
    });
    return attachment(c, `${booking.trip.title}.ics`, 'text/calendar; charset=utf-8', ics);
  });

  return app;
}
