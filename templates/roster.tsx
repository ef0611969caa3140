/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { CancelLink, DocumentButtons, PaymentForm, UntoldNotice, type ActionState } from './deal-actions.js';
import { STATUS_ORDER } from './departures.js';
import { dueNow } from './payment-due.js';
import { DateTime } from 'luxon';
import { CsrfField, Field, Layout, ManagerFilter, PhoneLink, type PageFrame } from './layout.js';
import type { Tr } from './tr.js';
import type { FieldErrors } from '../src/domain/errors.js';
import { ClientLanguageField } from './contacts.js';
import { WaitlistSection, type WaitlistEntryView } from './waitlist.js';
import { PlanChecklist } from './tasks.js';
import { FeedbackSection } from './feedback.js';
import { BusesAndExtras, type BusValues, type ExtraValues } from './departure-vehicles.js';
import { DeskBookingExtras, type ExtraChoice } from './extras.js';
import { RoomingLink } from './rooming.js';
import type { TaskAnswer } from '../src/domain/tasks/index.js';
import type { FeedbackEntry, Rating } from '../src/domain/aftercare/index.js';

export interface RosterRow {
  id: number;
  /** When the money still owed falls due, in words ("deposit overdue by 3 days"); null when nothing is owed. */
  due: { text: string; overdue: boolean } | null;
  contactId: number;
  contactName: string;
  contactPhone: string | null;
  /** Names, with the price category when it is not the default ("Мария (дете)"). */
  travellers: string[];
  /** The booking's pickup stop, when the departure has more than one. */
  stopName: string | null;
  seats: number;
  status: string;
  priceMinor: number;
  depositDueMinor: number;
  paidMinor: number;
  balanceMinor: number;
  refundDueMinor: number;
  currency: string;
  managerName: string | null;
  documentsSent: boolean;
  documentsReceived: boolean;
  /** Why the travellers are not told the departure yet, when the notice is owed. */
  untold: string | null;
}

export interface RosterProps extends PageFrame {
  /** The trip's plan (its stage tasks) and what the travellers said after it. */
  plan: TaskAnswer[];
  now: number;
  feedback: FeedbackEntry[];
  rating: Rating;
  departure: { id: number; title: string; departsAt: number; returnsAt: number | null; timeZone: string; meetingPoint: string; seats: number; seatsBooked: number; seatsHeld: number; currency: string };
  /** Seats anyone may book now. */
  seatsLeft: number;
  /** Its buses with what each carries, and the extras it sells, for the line under its title. */
  fleet?: { buses: BusValues[]; extras: ExtraValues[] } | undefined;
  waitlist: WaitlistEntryView[];
  /** The prices per category, when the trip sells more than one. */
  prices: { label: string; priceMinor: number }[];
  /** Offer the waiting list beside booking: the bus is full, or a booking was just refused as sold out. */
  offerWaitlist: boolean;
  /** The change-of-schedule form refused, with what was typed. */
  schedule?: ActionState | undefined;
  counts: Record<string, number>;
  status: string | undefined;
  /** The departure's stops with their times and bookings, when it has more than one. */
  stops: { id: number; name: string; departsAt: number; bookings: number }[];
  stopId: number | undefined;
  managers: { id: number; name: string }[];
  managerId: number | undefined;
  rows: RosterRow[];
  /** A quick action that failed, to show beside its row with what was typed. */
  failed?: { dealId: number; action: 'payment'; state: ActionState } | undefined;
  search: { q: string; results: { id: number; name: string; phone: string | null; email: string | null }[] | null; seats?: string; error?: string | undefined; typed?: { contactId: number | undefined; values: Record<string, string>; errors: FieldErrors } | undefined };
  /** The new-client booking form refused: what was typed, what was wrong, the card it matched. */
  newClient?: { values: Record<string, string>; errors: FieldErrors; existingId?: number | undefined } | undefined;
  /** The extras the trip sells, offered on the booking forms, with traveller rows for those sold per traveller. */
  extras?: { choices: ExtraChoice[]; rows: number } | undefined;
}

export function RosterPage(props: RosterProps) {
  const { tr, departure: d } = props;
  const base = `/departures/${d.id}`;
  const query = (status?: string) => {
    const params = new URLSearchParams();
    if (status) params.set('status', status);
    if (props.managerId) params.set('managerId', String(props.managerId));
    if (props.stopId) params.set('stopId', String(props.stopId));
    const text = params.toString();
    return text ? `${base}?${text}` : base;
  };
  const stopQuery = (stopId: number | undefined) => {
    const params = new URLSearchParams();
    if (props.status) params.set('status', props.status);
    if (props.managerId) params.set('managerId', String(props.managerId));
    if (stopId) params.set('stopId', String(stopId));
    const text = params.toString();
    return text ? `${base}?${text}` : base;
  };
  const total = Object.entries(props.counts).reduce((sum, [status, n]) => sum + (status === 'cancelled' ? 0 : n), 0);
  return (
    <Layout {...props} title={d.title} current="departures">
      <h1>{d.title}</h1>
      <p class="muted">
        {tr.dateTime(d.departsAt)} · {tr.t('roster.meetingPoint')}: {d.meetingPoint} · {tr.t('departures.seats', { booked: d.seatsBooked, seats: d.seats })}
        {d.seatsHeld > 0 && <> · {tr.t('roster.held', { n: d.seatsHeld })}</>}
      </p>
      {props.prices.length > 1 && (
        <p class="small">
          {props.prices.map((p, i) => (
            <span>
              {i > 0 && ' · '}
              {p.label}: {tr.money(p.priceMinor, d.currency)}
            </span>
          ))}
        </p>
      )}
      <BusesAndExtras tr={tr} departureId={d.id} currency={d.currency} buses={props.fleet?.buses} extras={props.fleet?.extras} />
      <nav class="tabs" aria-label={tr.t('roster.status')}>
        <a href={query()} class={props.status ? undefined : 'active'}>
          {tr.t('roster.all')}
          <span>{total}</span>
        </a>
        {STATUS_ORDER.filter((s) => props.counts[s]).map((s) => (
          <a href={query(s)} class={props.status === s ? 'active' : undefined} data-status={s}>
            {tr.label('status', s)}
            <span>{props.counts[s]}</span>
          </a>
        ))}
      </nav>
      {props.stops.length > 0 && (
        <nav class="tabs stops" aria-label={tr.t('roster.stops')}>
          <a href={stopQuery(undefined)} class={props.stopId ? undefined : 'active'}>
            {tr.t('roster.allStops')}
          </a>
          {props.stops.map((s) => (
            <a href={stopQuery(s.id)} class={props.stopId === s.id ? 'active' : undefined} data-stop={String(s.id)}>
              {tr.time(s.departsAt)} {s.name}
              <span>{s.bookings}</span>
            </a>
          ))}
        </nav>
      )}
      <ScheduleForm tr={tr} csrf={props.csrf} departure={d} state={props.schedule} />
      <div class="actions">
        <ManagerFilter tr={tr} action={base} managers={props.managers} managerId={props.managerId} keep={{ status: props.status }} />
        <a class="button small" href={`${base}/boarding`}>
          {tr.t('roster.boarding')}
        </a>
        <a class="button small secondary" href={`${base}/seats`}>
          {tr.t('roster.seats.map')}
        </a>
        <RoomingLink tr={tr} departure={d} />
        <a class="button small secondary" href={`${base}/edit`}>
          {tr.t('action.editDeparture')}
        </a>
        <a class="button small secondary" href={`${base}/manifest.pdf`}>
          {tr.t('action.manifestPdf')}
        </a>
        <a class="button small secondary" href={`${base}/manifest.xlsx`}>
          {tr.t('action.manifestXlsx')}
        </a>
        <a class="button small secondary" href={`${base}/manifest.csv`}>
          {tr.t('action.manifestCsv')}
        </a>
        {props.counts.fully_paid ? (
          <a class="button small" href={`${base}/vouchers`}>
            {tr.t('action.sendVouchers')}
          </a>
        ) : null}
      </div>

      {props.rows.length === 0 ? (
        <p class="card muted">{tr.t('roster.empty')}</p>
      ) : (
        <table class="roster">
          <thead>
            <tr>
              <th>{tr.t('roster.client')}</th>
              <th>{tr.t('roster.travellers')}</th>
              <th>{tr.t('roster.status')}</th>
              <th class="num">{tr.t('roster.money')}</th>
              <th>{tr.t('roster.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => {
              const failed = props.failed?.dealId === row.id ? props.failed : undefined;
              const back = query(props.status);
              const active = row.status !== 'cancelled';
              return (
                <tr id={`deal-${row.id}`} data-deal={String(row.id)}>
                  <td>
                    <a href={`/deals/${row.id}`}>
                      <strong>{row.contactName}</strong>
                    </a>
                    <div class="small muted">
                      <PhoneLink tr={tr} phone={row.contactPhone} />
                    </div>
                    {row.managerName && <div class="small muted">{row.managerName}</div>}
                  </td>
                  <td>
                    {row.travellers.length ? row.travellers.join(', ') : <span class="muted">{row.seats} ×</span>}
                    {row.stopName && <div class="small muted">{row.stopName}</div>}
                  </td>
                  <td>
                    <span class="badge">{tr.label('status', row.status)}</span>
                  </td>
                  <td class="num">
                    {tr.money(row.paidMinor, row.currency)} / {tr.money(row.priceMinor, row.currency)}
                    {row.balanceMinor > 0 && <div class="small muted">{tr.t('deal.balance')}: {tr.money(row.balanceMinor, row.currency)}</div>}
                    {row.due && <div class={row.due.overdue ? 'small error' : 'small muted'}>{row.due.text}</div>}
                    {row.refundDueMinor > 0 && <div class="small error">{tr.t('deal.refundDue')}: {tr.money(row.refundDueMinor, row.currency)}</div>}
                  </td>
                  <td>
                    {active && (
                      <div class="actions">
                        {row.untold && <UntoldNotice tr={tr} csrf={props.csrf} dealId={row.id} back={back} reason={row.untold} />}
                        <DocumentButtons tr={tr} csrf={props.csrf} dealId={row.id} back={back} sent={row.documentsSent} received={row.documentsReceived} />
                        {row.balanceMinor > 0 && (
                          <details open={failed?.action === 'payment'}>
                            <summary>{tr.t('action.recordPayment')}</summary>
                            <PaymentForm tr={tr} csrf={props.csrf} dealId={row.id} back={back} due={dueNow(row)} currency={row.currency} state={failed?.action === 'payment' ? failed.state : undefined} />
                          </details>
                        )}
                        <span class="danger-gap">
                          <CancelLink tr={tr} dealId={row.id} back={back} />
                        </span>
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <WaitlistSection tr={tr} csrf={props.csrf} entries={props.waitlist} seatsHeld={d.seatsHeld} back={`${base}#waitlist`} />

      <FeedbackSection tr={tr} entries={props.feedback} rating={props.rating} by="client" />

      <section class="card">
        <h2>{tr.t('roster.addBooking')}</h2>
        {props.offerWaitlist && <p class="small">{tr.t('waitlist.full')}</p>}
        <form method="get" action={base} class="inline">
          <label class="sr" for="q">{tr.t('roster.searchClient')}</label>
          <input id="q" name="q" value={props.search.q} placeholder={tr.t('roster.searchClient')} size={34} />
          <button class="secondary">{tr.t('roster.search')}</button>
        </form>
        {props.search.error && <p class="error">{props.search.error}</p>}
        {props.search.results && props.search.results.length === 0 && <p class="muted">{tr.t('roster.noResults')}</p>}
        {props.search.results && props.search.results.length > 0 && (
          <ul class="work">
            {props.search.results.map((contact) => (
              <li>
                <form method="post" action={`${base}/bookings`} class="inline">
                  <CsrfField csrf={props.csrf} />
                  <input type="hidden" name="contactId" value={String(contact.id)} />
                  <input type="hidden" name="q" value={props.search.q} />
                  <strong>{contact.name}</strong>
                  <span class="muted small">
                    <PhoneLink tr={tr} phone={contact.phone} /> {contact.email ?? ''}
                  </span>
                  <Field id={`seats-${contact.id}`} name="seats" type="number" label={tr.t('roster.seats')} value={props.search.seats ?? '1'} inputmode="numeric" />
                  <StopChoice tr={tr} id={`stop-${contact.id}`} stops={props.stops} value={undefined} />
                  {props.offerWaitlist && <Field id={`note-${contact.id}`} name="note" label={tr.t('waitlist.note')} />}
                  {props.extras && props.seatsLeft > 0 && <DeskBookingExtras tr={tr} extras={props.extras.choices} currency={d.currency} rows={props.extras.rows} idPrefix={`x-${contact.id}`} values={props.search.typed?.contactId === contact.id ? props.search.typed.values : undefined} errors={props.search.typed?.contactId === contact.id ? props.search.typed.errors : undefined} />}
                  {props.seatsLeft > 0 && <button>{tr.t('roster.book')}</button>}
                  {props.offerWaitlist && (
                    <button class={props.seatsLeft > 0 ? 'secondary' : undefined} formaction={`${base}/waitlist`}>
                      {tr.t('waitlist.join')}
                    </button>
                  )}
                </form>
              </li>
            ))}
          </ul>
        )}
        <NewClientBooking tr={tr} csrf={props.csrf} action={`${base}/bookings/new-client`} waitAction={`${base}/waitlist/new-client`} full={props.seatsLeft === 0} offerWaitlist={props.offerWaitlist} q={props.search.q} open={!!props.newClient || props.search.results?.length === 0} state={props.newClient} stops={props.stops} extras={props.extras} currency={d.currency} />
      </section>

      <PlanChecklist tr={tr} csrf={props.csrf} tasks={props.plan} now={props.now} back={`${base}#plan`} departureId={d.id} />
    </Layout>
  );
}

/**
 * A client met for the first time: their card and the booking in one step. What was
 * searched for fills the name, or the phone or e-mail when it looks like one.
 */
/** Where the booking boards, when the departure has more than one stop (else nothing to choose). */
function StopChoice(props: { tr: Tr; id: string; stops: RosterProps['stops']; value: string | undefined }) {
  if (props.stops.length < 2) return null;
  return (
    <div class="field">
      <label for={props.id}>{props.tr.t('deal.stop')}</label>
      <select id={props.id} name="stopId">
        {props.stops.map((s) => (
          <option value={String(s.id)} selected={props.value === String(s.id)}>
            {props.tr.time(s.departsAt)} · {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * On a full bus the same form puts the new client on the waiting list (card and entry in one
 * step); a bus with too few seats for what was asked offers both.
 */
function NewClientBooking(props: { tr: Tr; csrf: string; action: string; waitAction: string; full: boolean; offerWaitlist: boolean; q: string; open: boolean; state: RosterProps['newClient']; stops: RosterProps['stops']; extras: RosterProps['extras']; currency: string }) {
  const { tr, state } = props;
  const q = props.q.trim();
  const guess = /@/.test(q) ? { email: q } : /^[+\d][\d\s()-]{5,}$/.test(q) ? { phone: q } : q ? { name: q } : {};
  const value = (name: 'name' | 'phone' | 'email') => state?.values[name] ?? guess[name as keyof typeof guess];
  return (
    <details class="new-client" open={props.open}>
      <summary>{tr.t('roster.newClient')}</summary>
      {state?.existingId && (
        <p class="alert">
          <a href={`/contacts/${state.existingId}`}>{tr.t('contacts.exists')}</a>
        </p>
      )}
      {props.full && <p class="small alert" id="nc-full">{tr.t('deskDetails.newClientFull')}</p>}
      <form method="post" action={props.full ? props.waitAction : props.action} class="fields">
        <CsrfField csrf={props.csrf} />
        <Field id="nc-name" name="name" label={tr.t('contacts.name')} value={value('name')} error={state?.errors.name} required autocomplete="off" />
        <Field id="nc-phone" name="phone" type="tel" inputmode="tel" label={tr.t('contacts.phone')} value={value('phone')} error={state?.errors.phone} />
        <Field id="nc-email" name="email" type="email" label={tr.t('contacts.email')} value={value('email')} error={state?.errors.email} />
        <ClientLanguageField tr={tr} id="nc-locale" value={state?.values.locale} />
        <Field id="nc-seats" name="seats" type="number" inputmode="numeric" label={tr.t('roster.seats')} value={state?.values.seats ?? '1'} error={state?.errors.seats} required />
        {!props.full && <StopChoice tr={tr} id="nc-stop" stops={props.stops} value={state?.values.stopId} />}
        {!props.full && props.extras && <DeskBookingExtras tr={tr} extras={props.extras.choices} currency={props.currency} rows={props.extras.rows} idPrefix="nc" values={state?.values} errors={state?.errors} />}
        {props.offerWaitlist && <Field id="nc-note" name="note" label={tr.t('waitlist.note')} value={state?.values.note} error={state?.errors.note} />}
        {state?.errors.form && <p class="error">{state.errors.form}</p>}
        <div class="field">
          {props.full ? (
            <button>{tr.t('waitlist.join')}</button>
          ) : (
            <>
              <button>{tr.t('roster.bookNewClient')}</button>
              {props.offerWaitlist && (
                <button class="secondary" formaction={props.waitAction}>
                  {tr.t('waitlist.join')}
                </button>
              )}
            </>
          )}
        </div>
      </form>
    </details>
  );
}

/** Change the departure time or meeting point; the roster says what happens to notices. */
function ScheduleForm(props: { tr: Tr; csrf: string; departure: RosterProps['departure']; state: ActionState | undefined }) {
  const { tr, departure: d, state } = props;
  const local = DateTime.fromMillis(d.departsAt, { zone: d.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm");
  return (
    <details class="card" open={!!state}>
      <summary>{tr.t('action.reschedule')}</summary>
      <form method="post" action={`/departures/${d.id}/schedule`} class="fields">
        <CsrfField csrf={props.csrf} />
        <Field
          name="departsAt"
          type="datetime-local"
          label={tr.t('field.departsAt', { zone: tr.zoneName(d.timeZone, d.departsAt) })}
          value={state?.values?.departsAt ?? local}
          error={state?.errors?.departsAt}
          required
        />
        <Field name="meetingPoint" label={tr.t('roster.meetingPoint')} value={state?.values?.meetingPoint ?? d.meetingPoint} error={state?.errors?.meetingPoint} required />
        <div class="field">
          <button type="submit">{tr.t('action.save')}</button>
        </div>
      </form>
      <p class="small muted">{tr.t('roster.rescheduleHint')}</p>
    </details>
  );
}
