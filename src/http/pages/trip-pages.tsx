/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** The trips on sale, without signing in: the list, a trip, booking it, its waiting list, and the script for the agency's site. */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { idempotencyKeys } from '../../db/schema/index.js';
import { LOCALES, type Ctx, type Locale } from '../../domain/context.js';
import { DomainError, notFound } from '../../domain/errors.js';
import {
  bookOnline,
  DEFAULT_ONLINE_DEPOSIT_HOURS,
  MAX_ONLINE_SEATS,
  OnlineBookingInput,
  OnlineWaitlistInput,
  publicDeparture,
  publicDepartures,
  waitOnline,
  type OnlineBooking,
  type PublicDeparture,
} from '../../domain/online/index.js';
import { INTL_LOCALE, MESSAGES, type MessageKey } from '../../i18n/index.js';
import { TripPage, TripsPage, withLang, type FormState, type TripPageProps } from '../../../templates/trips.js';
import { ctxOf, type AppDeps, type AppEnv } from '../context.js';
import { parseWith } from '../validate.js';
import {
  clientRefusal,
  formLimit,
  message,
  optional,
  readPlainForm,
  received,
  refusedAsTooMany,
  robot,
  statusOf,
  visitorFrame,
  wholeNumber,
  type C,
  type ClientFrame,
  type Status,
  type Values,
} from './client-shared.js';
import { refusalOf } from './form-action.js';

/** Traveller rows a trip's form shows before "more rows". */
const DEFAULT_ROWS = 4;
/** The form's one-time key as the page renders it (a UUID); anything else is not ours and books without one. */
const FORM_KEY = /^[A-Za-z0-9_-]{16,64}$/;
/** The scope bookOnline keeps its keys in. */
const BOOKING_SCOPE = 'online-booking';

/** The script the agency pastes on its own site, with every language's few words filled in once. */
const EMBED_WORDS: MessageKey[] = ['tripsEmbed.from', 'tripsEmbed.seatsLeft', 'tripsEmbed.soldOut', 'tripsEmbed.book'];
const embedScript = (() => {
  let script: string | null = null;
  return () => {
    if (script === null) {
      const words = Object.fromEntries(
        LOCALES.map((locale) => [locale, { intl: INTL_LOCALE[locale], ...Object.fromEntries(EMBED_WORDS.map((key) => [key.split('.')[1], MESSAGES[locale][key]])) }]),
      );
      script = readFileSync(new URL('../../../templates/assets/trips-embed.js', import.meta.url), 'utf8').replace('__WORDS__', JSON.stringify(words));
    }
    return script;
  };
})();

/**
 * The booking the form asks for: the rows with a name (or a birth date, which then needs a
 * name) are the travellers; seats are what was chosen, or more when more rows are named.
 * Errors of the API's fields are renamed back to the rows they came from.
 */
function bookingInput(trip: PublicDeparture, form: Values, locale: Locale) {
  const travellers: { name: string; birthDate?: string; category?: string; extras?: string[] }[] = [];
  const rename: Record<string, string> = {};
  // An extra is a checkbox of its own, "on" when ticked: the traveller's, or the whole booking's.
  const ticked = (per: 'traveller' | 'booking', field: (code: string) => string) => trip.extras.filter((e) => e.per === per && form[field(e.code)] === 'on').map((e) => e.code);
  for (let row = 0; row < MAX_ONLINE_SEATS; row++) {
    const name = optional(form[`travellers.${row}.name`]);
    const birthDate = optional(form[`travellers.${row}.birthDate`]);
    const extras = ticked('traveller', (code) => `travellers.${row}.extras.${code}`);
    // A row with an extra ticked is a traveller too: without a name it is refused at the name.
    if (name === undefined && birthDate === undefined && extras.length === 0) continue;
    const category = optional(form[`travellers.${row}.category`]);
    for (const field of ['name', 'birthDate', 'category', 'extras']) rename[`travellers.${travellers.length}.${field}`] = `travellers.${row}.${field}`;
    travellers.push({ name: name ?? '', ...(birthDate ? { birthDate } : {}), ...(category ? { category } : {}), ...(extras.length ? { extras } : {}) });
  }
  const bookingExtras = ticked('booking', (code) => `extras.${code}`);
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
      ...(bookingExtras.length ? { extras: bookingExtras } : {}),
      ...(stopId > 0 ? { stopId } : {}),
      ...(optional(form.message) ? { message: optional(form.message) } : {}),
    },
    rename,
  };
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

const tripId = (c: C) => {
  const raw = c.req.param('id') ?? '';
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw notFound('departure', raw);
  return Number(raw);
};

/**
 * The trips the agency sells online, booking one and the waiting list of a sold-out one,
 * for anyone, without signing in. Every page works without JavaScript: plain links and forms.
 */
export function tripPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const limit = formLimit(deps);

  // Registered before /trips/:id, which it would otherwise look like.
  app.get('/trips/embed.js', (c) => {
    c.header('Content-Type', 'application/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(embedScript());
  });

  app.get('/trips', async (c) => {
    const frame = visitorFrame(c, deps);
    return c.html(<TripsPage {...frame} trips={await publicDepartures(ctxOf(c, deps))} />);
  });

  function renderTrip(
    c: C,
    frame: ClientFrame,
    trip: PublicDeparture,
    state: { book?: FormState & { key?: string | undefined }; wait?: FormState; showWaitlist?: boolean; notice?: string } = {},
    status: Status = 200,
  ) {
    const maxSeats = Math.min(trip.seatsLeft, MAX_ONLINE_SEATS);
    const book = state.book ?? { values: {}, errors: {} };
    // Rows: as many as asked for (?rows=), at least the default, and every row the refused form had filled.
    const filled = Object.keys(book.values)
      .map((name) => /^travellers\.(\d+)\.(name|birthDate|extras\..+)$/.exec(name))
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

  app.get('/trips/:id', async (c) => renderTrip(c, visitorFrame(c, deps), await publicDeparture(ctxOf(c, deps), tripId(c))));

  /**
   * What both public forms do first: the trip (404 unless on sale), the form, the address's
   * limit and the honeypot; an answer already when the post goes no further.
   */
  async function publicPost(c: C) {
    const ctx = ctxOf(c, deps);
    const trip = await publicDeparture(ctx, tripId(c));
    const frame = visitorFrame(c, deps);
    const form = await readPlainForm(c);
    const stop = (await refusedAsTooMany(c, deps, frame)) ?? (robot(form) ? received(c, frame) : null);
    return { ctx, trip, frame, form, stop };
  }

  app.post('/trips/:id/book', limit, async (c) => {
    const { ctx, trip, frame, form, stop } = await publicPost(c);
    if (stop) return stop;
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

  app.post('/trips/:id/waitlist', limit, async (c) => {
    const { ctx, trip, frame, form, stop } = await publicPost(c);
    if (stop) return stop;
    const waiting = () =>
      message(c, frame, frame.tr.t('tripPage.waitingTitle'), frame.tr.t('tripPage.waitingText', { name: (form.name ?? '').trim(), trip: trip.title }), 200, {
        href: withLang('/trips', frame.lang),
        label: frame.tr.t('clientPage.allTrips'),
      });
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

  return app;
}
