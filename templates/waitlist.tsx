/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { CsrfField, PhoneLink } from './layout.js';
import type { Tr } from './tr.js';

export interface WaitlistEntryView {
  id: number;
  contactId: number;
  contactName: string;
  phone: string | null;
  seats: number;
  note: string | null;
  status: string;
  holdUntil: number | null;
  dealId: number | null;
  createdAt: number;
}

/** Books the seats held for an entry: the client said yes within the hold. */
export function WaitlistBookButton(props: { tr: Tr; csrf: string; entryId: number; back: string }) {
  return (
    <form method="post" action={`/waitlist/${props.entryId}/book`} class="inline">
      <CsrfField csrf={props.csrf} />
      <input type="hidden" name="back" value={props.back} />
      <button class="small">{props.tr.t('waitlist.book')}</button>
    </form>
  );
}

/**
 * A departure's waiting list on its roster: who waits in what order, whose seats are held
 * and until when, with the actions for each. Closed entries fold away below.
 */
export function WaitlistSection(props: { tr: Tr; csrf: string; entries: WaitlistEntryView[]; seatsHeld: number; back: string }) {
  const { tr } = props;
  const open = props.entries.filter((e) => e.status === 'waiting' || e.status === 'offered');
  const closed = props.entries.filter((e) => e.status !== 'waiting' && e.status !== 'offered');
  if (props.entries.length === 0) return null;
  return (
    <section class="card" id="waitlist">
      <h2>
        {tr.t('waitlist.title')} <span class="muted small">{open.length}</span>
      </h2>
      {props.seatsHeld > 0 && <p class="small">{tr.t('waitlist.held', { n: props.seatsHeld })}</p>}
      {open.length === 0 ? <p class="muted">{tr.t('waitlist.nobody')}</p> : <EntryList {...props} entries={open} />}
      {closed.length > 0 && (
        <details>
          <summary>{tr.t('waitlist.closed', { n: closed.length })}</summary>
          <EntryList {...props} entries={closed} />
        </details>
      )}
    </section>
  );
}

function EntryList(props: { tr: Tr; csrf: string; entries: WaitlistEntryView[]; back: string }) {
  const { tr } = props;
  return (
    <ol class="work waitlist">
      {props.entries.map((entry) => (
        <li id={`entry-${entry.id}`} data-entry={String(entry.id)} class={entry.status === 'offered' ? 'today' : undefined}>
          <a class="title" href={`/contacts/${entry.contactId}`}>
            {entry.contactName}
          </a>
          {entry.phone && (
            <span>
              {' · '}
              <PhoneLink tr={tr} phone={entry.phone} />
            </span>
          )}
          <span class="muted small">
            {' · '}
            {tr.t('waitlist.seats', { n: entry.seats })} · {tr.t('waitlist.since', { date: tr.date(entry.createdAt) })}
          </span>
          <div class="small">
            <span class="badge">{tr.label('waitlist', entry.status)}</span>
            {entry.status === 'offered' && entry.holdUntil !== null && <strong> {tr.t('waitlist.heldUntil', { until: tr.dateTime(entry.holdUntil) })}</strong>}
            {entry.dealId !== null && (
              <span>
                {' · '}
                <a href={`/deals/${entry.dealId}`}>{tr.t('waitlist.booking')}</a>
              </span>
            )}
          </div>
          {entry.note && <div class="small muted">{entry.note}</div>}
          {(entry.status === 'offered' || entry.status === 'waiting') && (
            <div class="actions">
              {entry.status === 'offered' && <WaitlistBookButton tr={tr} csrf={props.csrf} entryId={entry.id} back={props.back} />}
              <form method="post" action={`/waitlist/${entry.id}/withdraw`} class="inline">
                <CsrfField csrf={props.csrf} />
                <input type="hidden" name="back" value={props.back} />
                <button class="small secondary">{tr.t('waitlist.withdraw')}</button>
              </form>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Where a client waits for seats now: one line per trip, with the hold when seats are offered. */
export interface WaitingEntry {
  departureId: number;
  title: string;
  departsAt: number;
  seats: number;
  status: string;
  holdUntil: number | null;
}

export function WaitingFor(props: { tr: Tr; waiting: WaitingEntry[] }) {
  const { tr } = props;
  if (props.waiting.length === 0) return null;
  return (
    <ul class="plain small" id="waiting">
      {props.waiting.map((w) => (
        <li>
          {tr.t('inquiry.waiting', { trip: `${w.title} · ${tr.date(w.departsAt)}`, seats: w.seats })} <span class="badge">{tr.label('waitlist', w.status)}</span>
          {w.status === 'offered' && w.holdUntil !== null && <strong> {tr.t('waitlist.heldUntil', { until: tr.dateTime(w.holdUntil) })}</strong>}{' '}
          <a href={`/departures/${w.departureId}#waitlist`}>{tr.t('waitlist.title')}</a>
        </li>
      ))}
    </ul>
  );
}
