/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Locale } from '../src/domain/context.js';
import type { ClientBooking } from '../src/domain/online/index.js';
import { Field, type PageFrame } from './layout.js';
import { makeTr, type Tr } from './tr.js';
import { categoryName, ClientLayout, LooseErrors, tripTr, withLang, type AgencyView, type FormState } from './trips.js';
import { PriceLine, TakenExtras } from './extras.js';

export interface BookingPageProps extends PageFrame {
  agency: AgencyView;
  lang: Locale | null;
  token: string;
  booking: ClientBooking;
  /** Why it was cancelled, when the client may be told (`unpaid_online`); else null. */
  cancelReason: string | null;
  /** Card payments are taken here (a provider answers this desk). */
  payOnline: boolean;
  banner: { text: string; tone: 'ok' | 'warn' } | null;
  /** A payment that could not start (no provider, the provider down, nothing due). */
  payError?: string | undefined;
  /** The travellers' form as it came back refused. */
  edit?: FormState | undefined;
}

/** The client's state in their words: what they still have to do, not the office's stage. */
export function clientState(booking: ClientBooking): 'cancelled' | 'paid' | 'deposit' | 'booked' {
  if (booking.cancelled) return 'cancelled';
  if (booking.money.next === null) return 'paid';
  return booking.money.next.purpose === 'balance' ? 'deposit' : 'booked';
}

/** A calendar date ("1980-05-17") in the reader's words; its day never moves with a zone. */
const birthDay = (tr: Tr, date: string | null) => (date ? makeTr(tr.locale, 'UTC').date(Date.parse(`${date}T00:00:00Z`)) : '');

/** The booking as its client opens it from the link: the trip, their stop, travellers, money, and what they can do. */
export function BookingPage(props: BookingPageProps) {
  const { booking } = props;
  const tr = tripTr(props.tr, booking.trip.timeZone, props.agency.country);
  const state = clientState(booking);
  const base = `/b/${props.token}`;
  return (
    <ClientLayout {...props} tr={tr} title={tr.t('bookingPage.title', { reference: booking.reference })} switchPath={base}>
      {props.banner && (
        <p class={props.banner.tone === 'warn' ? 'flash warn' : 'flash'} role="status">
          {props.banner.text}
        </p>
      )}
      {/* On a phone what is due comes right after the trip, before the travellers' details. */}
      <div class="client-cols booking-cols">
        <div class="booking-trip">
          <section class="card">
            <p class="muted small">
              {tr.t('bookingPage.reference')} <strong class="client-ref">{booking.reference}</strong>
            </p>
            <h1>{booking.trip.title}</h1>
            <p>
              <span class={state === 'cancelled' ? 'badge bad' : state === 'paid' ? 'badge ok' : 'badge today'}>{tr.t('bookingPage.state', { state })}</span>
            </p>
            {booking.cancelled && (
              <p class="alert" role="alert">
                {tr.t(props.cancelReason === 'unpaid_online' ? 'bookingPage.cancelledUnpaid' : 'bookingPage.cancelled')}
              </p>
            )}
            <dl class="client-dl">
              <dt>{tr.t('bookingPage.pickup')}</dt>
              <dd>
                <time datetime={new Date(booking.pickup.at).toISOString()}>{tr.dateTime(booking.pickup.at)}</time>
                <br />
                {booking.pickup.place}
              </dd>
              {booking.trip.returnsAt !== null && (
                <>
                  <dt>{tr.t('bookingPage.return')}</dt>
                  <dd>{tr.dateTime(booking.trip.returnsAt)}</dd>
                </>
              )}
            </dl>
            {booking.trip.timeZone !== props.agency.timeZone && <p class="small muted">{tr.t('clientPage.zone', { zone: tr.zoneName(booking.trip.timeZone, booking.pickup.at) })}</p>}
            {!booking.cancelled && (
              <p class="client-links">
                {booking.voucher && (
                  <a class="button secondary" href={withLang(`${base}/voucher.pdf`, props.lang)}>
                    {tr.t('bookingPage.voucher')}
                  </a>
                )}
                <a class="button secondary" href={`${base}/trip.ics`}>
                  {tr.t('bookingPage.calendar')}
                </a>
              </p>
            )}
          </section>
        </div>
        <div class="booking-money">
          <Money {...props} tr={tr} />
        </div>
        <div class="booking-travellers">
          <Travellers {...props} tr={tr} />
        </div>
      </div>
    </ClientLayout>
  );
}

function Travellers(props: BookingPageProps) {
  const { tr, booking } = props;
  const unnamed = Math.max(0, booking.seats - booking.travellers.length);
  const showCategory = booking.travellers.some((t) => t.category !== 'adult');
  const categoryOf = (t: ClientBooking['travellers'][number]) => (showCategory ? categoryName(tr, { category: t.category, label: t.categoryLabel }) : null);
  return (
    <section class="card" id="travellers">
      <h2>
        {tr.t('bookingPage.travellers')} <span class="muted small">{tr.t('bookingPage.seats', { n: booking.seats })}</span>
      </h2>
      {booking.editable ? (
        <TravellersForm {...props} unnamed={unnamed} categoryOf={categoryOf} />
      ) : (
        <>
          <ul class="plain client-people">
            {booking.travellers.map((t) => (
              <li>
                {t.seat !== null && <span class="seat-no">{t.seat}</span>}
                <strong>{t.name}</strong>
                {categoryOf(t) && <span class="muted"> · {categoryOf(t)}</span>}
                {t.birthDate && <span class="muted"> · {birthDay(tr, t.birthDate)}</span>}
                {t.documentNumber && <span class="muted"> · {t.documentNumber}</span>}
                {t.extras.length > 0 && (
                  <>
                    <br />
                    <TakenExtras tr={tr} extras={t.extras} />
                  </>
                )}
              </li>
            ))}
            {Array.from({ length: unnamed }, () => (
              <li class="muted">{tr.t('bookingPage.unnamed')}</li>
            ))}
          </ul>
          {!booking.cancelled && <p class="small">{tr.t('bookingPage.editClosed')}</p>}
        </>
      )}
    </section>
  );
}

function TravellersForm(props: BookingPageProps & { unnamed: number; categoryOf: (t: ClientBooking['travellers'][number]) => string | null }) {
  const { tr, booking } = props;
  const edit = props.edit;
  const value = (name: string, stored: string | null) => (edit ? edit.values[name] : (stored ?? ''));
  const error = (name: string) => edit?.errors[name];
  const known = booking.travellers.length;
  const shown = new Set(
    Array.from({ length: known + props.unnamed }, (_, i) => [`travellers.${i}.name`, `travellers.${i}.birthDate`, `travellers.${i}.documentNumber`]).flat(),
  );
  return (
    <form method="post" action={withLang(`/b/${props.token}/travellers`, props.lang)}>
      {edit && <LooseErrors tr={tr} state={edit} shown={shown} />}
      <p class="small muted">{tr.t('bookingPage.editUntil', { date: tr.date(booking.editableUntil) })}</p>
      {booking.travellers.map((t, i) => (
        <fieldset class="client-traveller">
          <legend>
            {t.seat !== null && <span class="seat-no">{t.seat}</span>}
            {t.name}
            {props.categoryOf(t) && <span class="muted small"> · {props.categoryOf(t)}</span>}
          </legend>
          {t.extras.length > 0 && (
            <p class="small">
              <TakenExtras tr={tr} extras={t.extras} />
            </p>
          )}
          <input type="hidden" name={`travellers.${i}.id`} value={String(t.id)} />
          <TravellerFields tr={tr} index={i} value={value} error={error} stored={t} />
        </fieldset>
      ))}
      {Array.from({ length: props.unnamed }, (_, j) => known + j).map((i) => (
        <fieldset class="client-traveller">
          <legend class="muted">{tr.t('bookingPage.unnamed')}</legend>
          <TravellerFields tr={tr} index={i} value={value} error={error} stored={null} />
        </fieldset>
      ))}
      <button class="tap">{tr.t('bookingPage.save')}</button>
    </form>
  );
}

function TravellerFields(props: {
  tr: Tr;
  index: number;
  stored: { name: string; birthDate: string | null; documentNumber: string | null } | null;
  value: (name: string, stored: string | null) => string | undefined;
  error: (name: string) => string | undefined;
}) {
  const { tr, index: i, stored } = props;
  const name = (field: string) => `travellers.${i}.${field}`;
  return (
    <div class="fields">
      <Field name={name('name')} label={tr.t('bookingPage.name')} value={props.value(name('name'), stored?.name ?? null)} error={props.error(name('name'))} autocomplete="off" />
      <Field name={name('birthDate')} type="date" label={tr.t('bookingPage.birthDate')} value={props.value(name('birthDate'), stored?.birthDate ?? null)} error={props.error(name('birthDate'))} />
      <Field name={name('documentNumber')} label={tr.t('bookingPage.documentNumber')} value={props.value(name('documentNumber'), stored?.documentNumber ?? null)} error={props.error(name('documentNumber'))} autocomplete="off" />
    </div>
  );
}

function Money(props: BookingPageProps) {
  const { tr, booking } = props;
  const { money } = booking;
  const amount = (minor: number) => tr.money(minor, money.currency);
  const next = money.next;
  const pay = `/b/${props.token}/pay`;
  return (
    <section class="card client-money">
      <h2>{tr.t('bookingPage.money')}</h2>
      <dl class="figures">
        <dt>{tr.t('bookingPage.price')}</dt>
        <dd>{amount(money.priceMinor)}</dd>
        <dt>{tr.t('bookingPage.paid')}</dt>
        <dd>{amount(money.paidMinor)}</dd>
        {!booking.cancelled && (
          <>
            <dt>{tr.t('bookingPage.balance')}</dt>
            <dd>
              <strong>{amount(money.balanceMinor)}</strong>
            </dd>
          </>
        )}
      </dl>
      {booking.extras.length > 0 && (
        <p>
          <TakenExtras tr={tr} extras={booking.extras} booking />
        </p>
      )}
      {/* How the extras make up the price; a booking without extras keeps its one figure. */}
      {booking.priceLines.extras.length > 0 && <PriceLine tr={tr} breakdown={booking.priceLines} currency={money.currency} priceMinor={money.priceMinor} />}
      {booking.cancelled && money.refundDueMinor > 0 && <p>{tr.t('bookingPage.refundDue', { amount: amount(money.refundDueMinor) })}</p>}
      {!booking.cancelled && next === null && <p class="client-ok">{tr.t('bookingPage.paidInFull')}</p>}
      {next && (
        <p class="client-due">
          <strong>{tr.t(next.purpose === 'deposit' ? 'bookingPage.depositDue' : 'bookingPage.balanceDue', { amount: amount(next.amountMinor), date: tr.dateTime(next.dueAt) })}</strong>
        </p>
      )}
      {props.payError && (
        <p class="alert" role="alert">
          {props.payError}
        </p>
      )}
      {next && props.payOnline && (
        <div class="client-pay">
          {next.purpose === 'deposit' && (
            <form method="post" action={withLang(pay, props.lang)}>
              <input type="hidden" name="purpose" value="deposit" />
              <button class="tap">{tr.t('bookingPage.payDeposit', { amount: amount(next.amountMinor) })}</button>
            </form>
          )}
          <form method="post" action={withLang(pay, props.lang)}>
            <input type="hidden" name="purpose" value="balance" />
            <button class={next.purpose === 'deposit' ? 'tap secondary' : 'tap'}>{tr.t('bookingPage.payBalance', { amount: amount(next.balanceMinor) })}</button>
          </form>
          <p class="small muted">{tr.t('bookingPage.payCardNote')}</p>
        </div>
      )}
      {next && !props.payOnline && (
        <>
          <h3>{tr.t('bookingPage.howToPay')}</h3>
          {booking.paymentInstructions && <p class="client-text">{booking.paymentInstructions}</p>}
          <p>{tr.t(booking.paymentInstructions ? 'ledger.transferReference' : 'bookingPage.quoteReference', { reference: booking.reference })}</p>
        </>
      )}
    </section>
  );
}
