/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { DateTime } from 'luxon';
import type { Child } from 'hono/jsx';
import { LOCALES, type Locale } from '../src/domain/context.js';
import { MAX_ONLINE_SEATS, type PublicDeparture } from '../src/domain/online/index.js';
import { INTL_LOCALE, isMessageKey } from '../src/i18n/index.js';
import { currencyDigits } from '../src/domain/money.js';
import { ExtraBoxes } from './extras.js';
import { Field, Layout, type PageFrame } from './layout.js';
import { makeTr, type Tr } from './tr.js';

/** The agency as the client's pages name it. */
export interface AgencyView {
  name: string;
  contacts: string;
  timeZone: string;
  country: string;
}

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский', bg: 'Български' };

/** A link of the client's pages: the language they chose stays chosen (it lives only in the address). */
export function withLang(path: string, lang: Locale | null, params: Record<string, string> = {}): string {
  const url = new URL(path, 'http://local');
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  if (lang) url.searchParams.set('lang', lang);
  return url.pathname + url.search + url.hash;
}

/** Times of a trip are its own zone's, whatever the agency's is. */
export const tripTr = (tr: Tr, zone: string, country: string): Tr => (tr.zone === zone ? tr : makeTr(tr.locale, zone, country));

/** A category in the reader's words: the agency's own label, else the catalogue's (adult, child...), else its code as given. */
export function categoryName(tr: Tr, price: { category: string; label?: string | null }): string {
  if (price.label) return price.label;
  if (!isMessageKey(`category.${price.category}`)) return price.category;
  const word = tr.label('category', price.category);
  return word.charAt(0).toLocaleUpperCase(tr.locale) + word.slice(1);
}

export const lowestPrice = (trip: Pick<PublicDeparture, 'prices'>) => Math.min(...trip.prices.map((p) => p.priceMinor));

/** Calendar days a trip spans in its own zone: 1 for a day trip. */
function daysOf(tr: Tr, departsAt: number, returnsAt: number): number {
  const start = DateTime.fromMillis(departsAt, { zone: tr.zone }).startOf('day');
  const end = DateTime.fromMillis(returnsAt, { zone: tr.zone }).startOf('day');
  return Math.round(end.diff(start, 'days').days) + 1;
}

/** "Day trip, back at 22:00" or "3 days, back 31 Oct 2027, 20:00"; nothing when the return is not known. */
export function durationText(tr: Tr, departsAt: number, returnsAt: number | null): string | null {
  if (returnsAt === null) return null;
  const days = daysOf(tr, departsAt, returnsAt);
  return days <= 1 ? tr.t('trips.dayTrip', { time: tr.time(returnsAt) }) : tr.t('trips.days', { days, date: tr.dateTime(returnsAt) });
}

/** A card's few lines of the description: the start, cut at a word. */
function excerpt(text: string, max = 180): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max * 0.6)).trimEnd()}…`;
}

/** The agency's name (home: its trips) and the language switch, plain links. */
export function ClientTop(props: { tr: Tr; agency: AgencyView; lang: Locale | null; path: string }) {
  const { tr } = props;
  return (
    <header class="client-top">
      <a class="client-agency" href={withLang('/trips', props.lang)}>
        {props.agency.name}
      </a>
      <nav class="client-langs" aria-label={tr.t('clientPage.language')}>
        {LOCALES.map((locale) => (
          <a href={withLang(props.path, locale)} lang={locale} hreflang={locale} aria-current={locale === tr.locale ? 'true' : undefined}>
            {LANGUAGE_NAMES[locale]}
          </a>
        ))}
      </nav>
    </header>
  );
}

export function ClientFooter(props: { tr: Tr; agency: AgencyView }) {
  return props.agency.contacts ? <p class="client-foot small muted">{props.tr.t('clientPage.contacts', { contacts: props.agency.contacts })}</p> : null;
}

/** The frame of every client page: the agency, the language switch, the page, the contacts. */
export function ClientLayout(props: PageFrame & { title: string; agency: AgencyView; lang: Locale | null; switchPath?: string | undefined; children: Child; /** A page's own script (the booking form's live total). */ script?: string | undefined }) {
  // The page itself in another language, without the one-time notes of its address (?booked=1).
  const switchPath = props.switchPath ?? new URL(props.path, 'http://local').pathname;
  return (
    <Layout {...props} title={props.title}>
      <div class="client">
        <ClientTop tr={props.tr} agency={props.agency} lang={props.lang} path={switchPath} />
        {props.children}
        <ClientFooter tr={props.tr} agency={props.agency} />
      </div>
    </Layout>
  );
}

const SeatsBadge = ({ tr, seatsLeft }: { tr: Tr; seatsLeft: number }) =>
  seatsLeft > 0 ? <span class="badge ok">{tr.t('trips.seatsLeft', { n: seatsLeft })}</span> : <span class="badge bad">{tr.t('trips.soldOut')}</span>;

/** The trips on sale: a card each, soonest first. */
export function TripsPage(props: PageFrame & { agency: AgencyView; lang: Locale | null; trips: PublicDeparture[] }) {
  const { tr } = props;
  return (
    <ClientLayout {...props} title={tr.t('trips.title')}>
      <h1>{tr.t('trips.title')}</h1>
      {props.trips.length === 0 ? (
        <p class="card">{tr.t('trips.none')}</p>
      ) : (
        <ul class="client-trips">
          {props.trips.map((trip) => (
            <li>
              <TripCard tr={tr} agency={props.agency} lang={props.lang} trip={trip} />
            </li>
          ))}
        </ul>
      )}
    </ClientLayout>
  );
}

function TripCard(props: { tr: Tr; agency: AgencyView; lang: Locale | null; trip: PublicDeparture }) {
  const { trip } = props;
  const tr = tripTr(props.tr, trip.timeZone, props.agency.country);
  const duration = durationText(tr, trip.departsAt, trip.returnsAt);
  return (
    <article class="card client-trip">
      <h2>{trip.title}</h2>
      {trip.destination && <p class="muted client-dest">{trip.destination}</p>}
      <p class="client-when">
        <time datetime={new Date(trip.departsAt).toISOString()}>{tr.dateTime(trip.departsAt)}</time>
        {duration && <span class="small muted"> · {duration}</span>}
      </p>
      {trip.timeZone !== props.agency.timeZone && <p class="small muted">{tr.t('clientPage.zone', { zone: tr.zoneName(trip.timeZone, trip.departsAt) })}</p>}
      {trip.description && <p class="client-excerpt">{excerpt(trip.description)}</p>}
      <p class="client-price-line">
        <strong class="client-from">{tr.t('trips.from', { price: tr.money(lowestPrice(trip), trip.currency) })}</strong> <SeatsBadge tr={tr} seatsLeft={trip.seatsLeft} />
      </p>
      <a class="button" href={withLang(`/trips/${trip.id}`, props.lang)}>
        {tr.t('trips.details')}
      </a>
    </article>
  );
}

/** What a booking form holds when it comes back: the values typed, the errors beside their fields. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** A refusal about no single field (sold out, a conflict). */
  formError?: string | undefined;
}

export interface TripPageProps extends PageFrame {
  agency: AgencyView;
  lang: Locale | null;
  trip: PublicDeparture;
  /** Hours a new online booking has to pay its deposit. */
  depositHours: number;
  maxSeats: number;
  book: FormState & { rows: number; key: string };
  wait: FormState;
  /** The waiting list is offered: the trip is sold out, or the seats asked for are not there. */
  showWaitlist: boolean;
  /** A line above the forms (seats free again). */
  notice?: string | undefined;
  switchPath?: string | undefined;
}

/** How many seats: 1 to `most`, as a select a thumb can use. */
function SeatsField(props: { id: string; label: string; most: number; chosen: string; error: string | undefined }) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name="seats" aria-invalid={props.error ? 'true' : undefined}>
        {Array.from({ length: Math.max(1, props.most) }, (_, i) => String(i + 1)).map((n) => (
          <option value={n} selected={n === props.chosen}>
            {n}
          </option>
        ))}
      </select>
      {props.error && <span class="error">{props.error}</span>}
    </div>
  );
}

/** The errors no field on the form shows (a list-wide one), so none is lost. */
export function LooseErrors(props: { tr: Tr; state: FormState; shown: Set<string> }) {
  const loose = Object.entries(props.state.errors).filter(([name]) => !props.shown.has(name) && name !== 'form');
  if (!props.state.formError && Object.keys(props.state.errors).length === 0) return null;
  return (
    <div class="alert" role="alert">
      <p>{props.state.formError ?? props.tr.t('clientPage.fixErrors')}</p>
      {loose.length > 0 && (
        <ul>
          {loose.map(([, message]) => (
            <li>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The robots' field: people never see it (the stylesheet moves it off screen), so anything in it was not typed by one. */
const Honeypot = ({ id }: { id: string }) => (
  <div class="client-trap" aria-hidden="true">
    <label for={id}>Website</label>
    <input id={id} name="website" type="text" value="" tabindex={-1} autocomplete="off" />
  </div>
);

/** One public trip: what it is, where it stops, what it costs, and the forms to book it or wait for a seat. */
export function TripPage(props: TripPageProps) {
  const { trip } = props;
  const tr = tripTr(props.tr, trip.timeZone, props.agency.country);
  const days = trip.returnsAt === null ? 1 : daysOf(tr, trip.departsAt, trip.returnsAt);
  const sameDay = (at: number) => tr.date(at) === tr.date(trip.departsAt);
  return (
    <ClientLayout {...props} title={trip.title} script={trip.extras.length && trip.seatsLeft > 0 ? '/assets/extras-total.js' : undefined}>
      <p class="small">
        <a href={withLang('/trips', props.lang)}>← {tr.t('clientPage.allTrips')}</a>
      </p>
      <div class="client-cols">
        <section class="card client-facts">
          <h1>{trip.title}</h1>
          {trip.destination && <p class="muted client-dest">{trip.destination}</p>}
          <dl class="client-dl">
            <dt>{tr.t('tripPage.departure')}</dt>
            <dd>
              <time datetime={new Date(trip.departsAt).toISOString()}>{tr.dateTime(trip.departsAt)}</time>
            </dd>
            {trip.returnsAt !== null && (
              <>
                <dt>{tr.t('tripPage.return')}</dt>
                <dd>
                  {tr.dateTime(trip.returnsAt)}
                  {days > 1 && <span class="small muted"> · {tr.t('tripPage.days', { days })}</span>}
                </dd>
              </>
            )}
          </dl>
          {trip.timeZone !== props.agency.timeZone && <p class="small muted">{tr.t('clientPage.zone', { zone: tr.zoneName(trip.timeZone, trip.departsAt) })}</p>}
          <p>
            <SeatsBadge tr={tr} seatsLeft={trip.seatsLeft} />
          </p>
          {trip.description && (
            <>
              <h2>{tr.t('tripPage.about')}</h2>
              <p class="client-text">{trip.description}</p>
            </>
          )}
          <h2>{tr.t('tripPage.stops')}</h2>
          <ul class="plain client-stops">
            {(trip.stops.length ? trip.stops : [{ id: 0, name: trip.meetingPoint, address: null, departsAt: trip.departsAt }]).map((stop) => (
              <li>
                <strong class="nobr">{sameDay(stop.departsAt) ? tr.time(stop.departsAt) : tr.dateTime(stop.departsAt)}</strong> {stop.name}
                {stop.address && <span class="muted">, {stop.address}</span>}
              </li>
            ))}
          </ul>
          <h2>{tr.t('tripPage.prices')}</h2>
          <ul class="plain client-prices">
            {trip.prices.map((price) => (
              <li>
                <span>{categoryName(tr, price)}</span> <strong class="nobr">{tr.money(price.priceMinor, trip.currency)}</strong>
                {price.depositMinor > 0 && price.depositMinor < price.priceMinor && <span class="small muted nobr"> ({tr.t('tripPage.deposit', { amount: tr.money(price.depositMinor, trip.currency) })})</span>}
              </li>
            ))}
          </ul>
          {trip.extras.length > 0 && (
            <>
              <h2>{tr.t('extras.title')}</h2>
              <ul class="plain client-prices">
                {trip.extras.map((extra) => (
                  <li>
                    <span>{extra.label}</span> <strong class="nobr">{tr.money(extra.priceMinor, trip.currency)}</strong>{' '}
                    <span class="small muted nobr">{tr.t(extra.per === 'booking' ? 'extras.perBooking' : 'extras.perTraveller')}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <div>
          {props.notice && (
            <p class="flash" role="status">
              {props.notice}
            </p>
          )}
          {trip.seatsLeft > 0 && <BookingForm {...props} tr={tr} />}
          {props.showWaitlist && <WaitlistForm {...props} tr={tr} />}
        </div>
      </div>
    </ClientLayout>
  );
}

function BookingForm(props: TripPageProps) {
  const { tr, trip, book } = props;
  const values = book.values;
  const manyPrices = trip.prices.length > 1;
  const rows = Array.from({ length: book.rows }, (_, i) => i);
  const shown = new Set(['name', 'phone', 'email', 'message', 'seats', 'stopId', 'extras', ...rows.flatMap((i) => [`travellers.${i}.name`, `travellers.${i}.category`, `travellers.${i}.birthDate`, `travellers.${i}.extras`])]);
  const perTraveller = trip.extras.filter((e) => e.per === 'traveller');
  const perBooking = trip.extras.filter((e) => e.per === 'booking');
  const error = (name: string) => book.errors[name];
  const pickups = trip.stops.length > 1 ? trip.stops : [];
  const chosenSeats = values.seats ?? '1';
  return (
    <section class="card client-book" id="book">
      <h2>{tr.t('tripPage.book')}</h2>
      <LooseErrors tr={tr} state={book} shown={shown} />
      <form
        method="post"
        action={withLang(`/trips/${trip.id}/book`, props.lang)}
        data-live-total={trip.extras.length ? '' : undefined}
        data-price={String(trip.prices[0]!.priceMinor)}
        data-currency={trip.currency}
        data-digits={String(currencyDigits(trip.currency))}
        data-intl={INTL_LOCALE[tr.locale]}
      >
        {/* One key per rendered form: a double tap, or Back and send again, books once. */}
        <input type="hidden" name="_once" value={book.key} />
        <SeatsField id="f-seats" label={tr.t('tripPage.seats')} most={props.maxSeats} chosen={chosenSeats} error={error('seats')} />
        <fieldset class="client-group" id="travellers">
          <legend>{tr.t('tripPage.travellers')}</legend>
          <p class="small muted">
            {tr.t('tripPage.travellersHint')}
            {manyPrices && <> {tr.t('tripPage.unnamedPrice', { price: tr.money(trip.prices[0]!.priceMinor, trip.currency) })}</>}
          </p>
          {rows.map((i) => (
            <fieldset class="client-traveller">
              <legend>{tr.t('tripPage.traveller', { n: i + 1 })}</legend>
              <div class="fields">
                <Field name={`travellers.${i}.name`} label={tr.t('tripPage.travellerName')} value={values[`travellers.${i}.name`]} error={error(`travellers.${i}.name`)} autocomplete="off" />
                {manyPrices && (
                  <div class={error(`travellers.${i}.category`) ? 'field invalid' : 'field'}>
                    <label for={`f-travellers.${i}.category`}>{tr.t('tripPage.category')}</label>
                    <select id={`f-travellers.${i}.category`} name={`travellers.${i}.category`}>
                      {trip.prices.map((price) => (
                        <option value={price.category} selected={values[`travellers.${i}.category`] === price.category} data-price={String(price.priceMinor)}>
                          {categoryName(tr, price)} — {tr.money(price.priceMinor, trip.currency)}
                        </option>
                      ))}
                    </select>
                    {error(`travellers.${i}.category`) && <span class="error">{error(`travellers.${i}.category`)}</span>}
                  </div>
                )}
                <Field name={`travellers.${i}.birthDate`} type="date" label={tr.t('tripPage.birthDate')} value={values[`travellers.${i}.birthDate`]} error={error(`travellers.${i}.birthDate`)} />
              </div>
              <ExtraBoxes
                tr={tr}
                legend={tr.t('extras.title')}
                class="bare"
                row={i}
                extras={perTraveller}
                currency={trip.currency}
                name={(code) => `travellers.${i}.extras.${code}`}
                checked={(code) => values[`travellers.${i}.extras.${code}`] === 'on'}
                error={error(`travellers.${i}.extras`)}
              />
            </fieldset>
          ))}
          {book.rows < props.maxSeats && (
            <p class="small">
              <a href={`${withLang(`/trips/${trip.id}`, props.lang, { rows: String(Math.min(props.maxSeats, book.rows + 4)) })}#travellers`}>{tr.t('tripPage.moreRows')}</a>
            </p>
          )}
        </fieldset>
        <ExtraBoxes
          tr={tr}
          legend={tr.t('extras.bookingLegend')}
          class="client-group"
          extras={perBooking}
          currency={trip.currency}
          name={(code) => `extras.${code}`}
          checked={(code) => values[`extras.${code}`] === 'on'}
          error={error('extras')}
        />
        {pickups.length > 0 && (
          <div class={error('stopId') ? 'field invalid' : 'field'}>
            <label for="f-stopId">{tr.t('tripPage.stop')}</label>
            <select id="f-stopId" name="stopId">
              {pickups.map((stop) => (
                <option value={String(stop.id)} selected={values.stopId === String(stop.id)}>
                  {tr.time(stop.departsAt)} — {stop.name}
                </option>
              ))}
            </select>
            {error('stopId') && <span class="error">{error('stopId')}</span>}
          </div>
        )}
        <fieldset class="client-group">
          <legend>{tr.t('tripPage.contact')}</legend>
          <Field name="name" label={tr.t('tripPage.name')} value={values.name} error={error('name')} required autocomplete="name" />
          <Field name="phone" type="tel" label={tr.t('tripPage.phone')} value={values.phone} error={error('phone')} required autocomplete="tel" inputmode="tel" />
          <Field name="email" type="email" label={tr.t('tripPage.email')} value={values.email} error={error('email')} required autocomplete="email" />
          <div class={error('message') ? 'field invalid' : 'field'}>
            <label for="f-message">{tr.t('tripPage.message')}</label>
            <textarea id="f-message" name="message" rows={3} maxlength={2000}>
              {values.message ?? ''}
            </textarea>
            {error('message') && <span class="error">{error('message')}</span>}
          </div>
        </fieldset>
        <Honeypot id="f-website" />
        {trip.extras.length > 0 && (
          <>
            {/* With JavaScript the total follows what is ticked; without it, the next page shows it before anything is paid. */}
            <p class="extras-total" data-total-words={tr.t('extras.liveTotal', { total: '{total}' })} hidden aria-live="polite"></p>
            <p class="small muted js-hide">{tr.t('extras.totalLater')}</p>
          </>
        )}
        <p class="small muted">{tr.t('tripPage.depositNote', { hours: props.depositHours })}</p>
        <p class="small muted">{tr.t('tripPage.consent', { agency: props.agency.name })}</p>
        <button class="tap client-submit">{tr.t('tripPage.submit')}</button>
      </form>
    </section>
  );
}

function WaitlistForm(props: TripPageProps) {
  const { tr, trip, wait } = props;
  const values = wait.values;
  const error = (name: string) => wait.errors[name];
  const chosenSeats = values.seats ?? '1';
  return (
    <section class="card client-wait" id="waitlist">
      <h2>{tr.t('tripPage.waitlist')}</h2>
      <p>{trip.seatsLeft === 0 ? tr.t('tripPage.soldOut') : tr.t('tripPage.fewLeft', { n: trip.seatsLeft })}</p>
      <LooseErrors tr={tr} state={wait} shown={new Set(['name', 'phone', 'email', 'seats'])} />
      <form method="post" action={withLang(`/trips/${trip.id}/waitlist`, props.lang)}>
        <Field id="w-name" name="name" label={tr.t('tripPage.name')} value={values.name} error={error('name')} required autocomplete="name" />
        <Field id="w-phone" name="phone" type="tel" label={tr.t('tripPage.phone')} value={values.phone} error={error('phone')} required autocomplete="tel" inputmode="tel" />
        <Field id="w-email" name="email" type="email" label={tr.t('tripPage.email')} value={values.email} error={error('email')} required autocomplete="email" />
        <SeatsField id="w-seats" label={tr.t('tripPage.waitlistSeats')} most={MAX_ONLINE_SEATS} chosen={chosenSeats} error={error('seats')} />
        <Honeypot id="w-website" />
        <p class="small muted">{tr.t('tripPage.consent', { agency: props.agency.name })}</p>
        <button class="tap">{tr.t('tripPage.waitlistSubmit')}</button>
      </form>
    </section>
  );
}

/** A page that only says something to the client: received, on the waiting list, too many tries. */
export function ClientMessagePage(props: PageFrame & { agency: AgencyView; lang: Locale | null; title: string; text: string; link?: { href: string; label: string } | undefined; switchPath?: string | undefined }) {
  return (
    <ClientLayout {...props} title={props.title}>
      <section class="card public" role="status">
        <h1>{props.title}</h1>
        <p>{props.text}</p>
        {props.link && <a href={props.link.href}>{props.link.label}</a>}
      </section>
    </ClientLayout>
  );
}
