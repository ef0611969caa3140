/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** The client's booking page from its signed link: travellers' details, paying, the voucher and the calendar entry. */
import { Hono } from 'hono';
import { getDealRow, type DealRow } from '../../domain/deals/index.js';
import { voucherOf } from '../../domain/deals/voucher.js';
import { getDeparture } from '../../domain/departures/departures.js';
import { DomainError, type FieldErrors } from '../../domain/errors.js';
import { installationId } from '../../domain/installation.js';
import { clientBooking, ClientTravellersInput, UNPAID_ONLINE, updateTravellersByClient, type ClientBooking } from '../../domain/online/index.js';
import { renderVoucher } from '../../documents/voucher-pdf.js';
import { tripIcs } from '../../documents/calendar-ics.js';
import { BookingPage } from '../../../templates/booking-page.js';
import { makeTr, type Tr } from '../../../templates/tr.js';
import { withLang, type FormState } from '../../../templates/trips.js';
import { attachment } from '../api/documents.js';
import { bookingOfToken, CheckoutInput } from '../api/online.js';
import { checkoutUrl } from '../checkout.js';
import { ctxOf, type AppDeps, type AppEnv } from '../context.js';
import { parseWith } from '../validate.js';
import { chosenLang, clientFrame, clientRefusal, formLimit, optional, privatePage, readPlainForm, statusOf, type C, type Status, type Values } from './client-shared.js';
import { refusalOf } from './form-action.js';

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

/**
 * The booking's page from its signed link, without signing in: the travellers' details,
 * paying, the voucher and the calendar entry. Every page works without JavaScript: plain
 * links and forms.
 */
export function bookingPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const limit = formLimit(deps);

  /** The booking page, with what came back from a form that could not be done. */
  async function renderBooking(c: C, row: DealRow, refused: { status: Status; payError?: string; edit?: FormState } | null = null) {
    const ctx = ctxOf(c, deps);
    const booking = await clientBooking(ctx, row);
    const frame = clientFrame(c, deps, booking.locale);
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

  app.post('/b/:token/pay', limit, async (c) => {
    const ctx = ctxOf(c, deps);
    const row = await bookingOf(c);
    const form = await readPlainForm(c);
    try {
      const { purpose } = parseWith(CheckoutInput, { purpose: form.purpose });
      return c.redirect(await checkoutUrl(deps, ctx, row, purpose), 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      const frame = clientFrame(c, deps, (await clientBooking(ctx, row)).locale);
      const status: Status = error.code === 'provider_unavailable' ? 502 : statusOf(refusalOf(error, form, frame.tr.locale));
      return await renderBooking(c, row, { status, payError: clientRefusal(frame.tr, error) });
    }
  });

  app.post('/b/:token/travellers', limit, async (c) => {
    const ctx = ctxOf(c, deps);
    const row = await bookingOf(c);
    const form = await readPlainForm(c);
    const { input, rename } = travellersInput(form);
    const booking = await clientBooking(ctx, row);
    const frame = clientFrame(c, deps, booking.locale);
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
    const ics = tripIcs({
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
