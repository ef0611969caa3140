/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Urgency } from '../src/domain/worklists/priority.js';
import { DocumentButtons, PaymentForm, UntoldNotice } from './deal-actions.js';
import type { DueNow } from './payment-due.js';
import { WaitlistBookButton } from './waitlist.js';
import { TaskDoneForm } from './tasks.js';
import { CsrfField, Field, Layout, ManagerFilter, PhoneLink, type PageFrame } from './layout.js';
import type { Tr } from './tr.js';
import type { BusAtTheDoor } from '../src/domain/boarding/index.js';
import { busName } from '../src/i18n/bus-words.js';

/** One reason a client is on the list, with what the action that clears it needs. */
export interface MyDayReason {
  text: string;
  code: string;
  kind: 'deal' | 'inquiry' | 'contact' | 'task';
  /** The deal, inquiry or contact the reason is about. */
  id: number;
  documentsSent: boolean;
  /** A waiting-list offer: the entry whose held seats can be booked. */
  entryId?: number | undefined;
  /** Money asked for: the payment form comes filled with it. */
  due?: DueNow | undefined;
}

export interface MyDayEntry {
  href: string;
  title: string;
  subtitle: string | null;
  contactId: number;
  phone: string | null;
  reasons: MyDayReason[];
  dueAt: number;
  /** Whole days past due; null while not yet due. */
  overdueDays: number | null;
  urgency: Urgency;
}

/** A departure of today or tomorrow, as the operator at the bus door needs it. */
export interface BusOfTheDay {
  id: number;
  title: string;
  departsAt: number;
  meetingPoint: string;
  seats: number;
  seatsBooked: number;
  /** Bookings nobody has told the time and place yet. */
  untold: number;
  /** Balances to collect at the door, and from how many bookings. */
  balanceMinor: number;
  balanceDeals: number;
  currency: string;
  /** A departure of several buses: each bus and its boarding so far (none for one bus). */
  vehicles: BusAtTheDoor[];
}

export interface MyDayProps extends PageFrame {
  entries: MyDayEntry[];
  /** All the clients waiting; more than `entries` when the page shows only the first. */
  total: number;
  /** Of those, entries that are a task about no client. */
  tasks: number;
  /** Where "Show all" leads: this same day with `all=1` (a plain link: works without JavaScript). */
  showAllHref: string;
  /** All were asked for: past the page's limit, say how many are left out instead of linking again. */
  all: boolean;
  managers: { id: number; name: string }[] | null;
  managerId: number | undefined;
  /** Operators: the buses of today and tomorrow, first. */
  buses: BusOfTheDay[] | null;
  /** What the manager filter keeps (the list or the cards asked for). */
  keep?: Record<string, string>;
  /** A director's list opened from the summary: its name (and the manager's). */
  heading?: string | null;
  /** Directors: their summary, linked from the cards. */
  summaryHref?: string | null;
}

/**
 * Where each member of staff starts: the operator with today's and tomorrow's buses, the
 * manager with clients and the actions that clear them; the director's own start is
 * templates/director-day.tsx, and this page holds the clients when asked for.
 */
export function MyDayPage(props: MyDayProps) {
  const { tr } = props;
  const groups: Urgency[] = ['urgent', 'today', 'later'];
  const back = props.path;
  return (
    <Layout {...props} title={tr.t('myday.title')} current="my-day">
      <h1>{props.heading ?? tr.t('myday.title')}</h1>
      {props.summaryHref && (
        <p class="day-back">
          <a href={props.summaryHref}>{tr.t('director.backToSummary')}</a>
        </p>
      )}
      {props.buses && <Buses tr={tr} buses={props.buses} />}
      {props.managers && <ManagerFilter tr={tr} action="/" managers={props.managers} managerId={props.managerId} keep={props.keep} className="inline card" />}
      {props.entries.length === 0 ? (
        <p class="card muted">{tr.t('myday.empty')}</p>
      ) : (
        <p class="muted">
          {[props.total > props.tasks ? tr.t('myday.count', { count: props.total - props.tasks }) : '', props.tasks > 0 ? tr.t('myday.tasks', { n: props.tasks }) : '']
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
      {groups.map((urgency) => {
        const entries = props.entries.filter((e) => e.urgency === urgency);
        if (entries.length === 0) return null;
        return (
          <section class="group">
            <h2>
              <span class={`badge ${urgency}`}>{tr.t(`urgency.${urgency}`)}</span>
              <span class="muted small">{entries.length}</span>
            </h2>
            <ul class="work">
              {entries.map((entry) => (
                <WorkEntry tr={tr} csrf={props.csrf} entry={entry} urgency={urgency} back={back} />
              ))}
            </ul>
          </section>
        );
      })}
      {props.total > props.entries.length &&
        (props.all ? (
          <p class="muted">{tr.t('myday.mostUrgentOf', { shown: props.entries.length, total: props.total })}</p>
        ) : (
          <p class="show-all">
            <a href={props.showAllHref}>{tr.t('myday.showAll', { n: props.total })}</a>
          </p>
        ))}
    </Layout>
  );
}

function WorkEntry(props: { tr: Tr; csrf: string; entry: MyDayEntry; urgency: Urgency; back: string }) {
  const { tr, entry, back } = props;
  const when =
    entry.overdueDays === null ? tr.t('common.due', { date: tr.dateTime(entry.dueAt) }) : tr.t('myday.overdue', { n: entry.overdueDays });
  return (
    <li class={props.urgency} data-contact={String(entry.contactId)}>
      <a class="title" href={entry.href}>
        {entry.title}
      </a>
      {entry.subtitle && <span class="muted"> · {entry.subtitle}</span>}
      {entry.phone && (
        <span>
          {' · '}
          <PhoneLink tr={tr} phone={entry.phone} />
        </span>
      )}
      <span class={entry.overdueDays === null ? 'muted small' : 'small overdue'}> · {when}</span>
      <ul class="reasons">
        {entry.reasons.map((reason) => (
          <li>
            {reason.text}
            <ReasonAction tr={tr} csrf={props.csrf} reason={reason} back={back} />
          </li>
        ))}
      </ul>
      {entry.contactId > 0 && (
      <details class="log-call">
        <summary>{tr.t('myday.logCall')}</summary>
        <form method="post" action={`/contacts/${entry.contactId}/communications`} class="fields">
          <CsrfField csrf={props.csrf} />
          <input type="hidden" name="back" value={back} />
          <input type="hidden" name="channel" value="call" />
          <Field id={`call-summary-${entry.contactId}`} name="summary" label={tr.t('myday.callSummary')} required />
          <Field id={`call-next-${entry.contactId}`} name="nextContactAt" type="datetime-local" label={tr.t('contacts.nextContact')} />
          <div class="field">
            <button class="small">{tr.t('myday.saveCall')}</button>
          </div>
        </form>
      </details>
      )}
    </li>
  );
}

/** The action that clears this reason, right there: money, documents, or the phone call made. */
function ReasonAction(props: { tr: Tr; csrf: string; reason: MyDayReason; back: string }) {
  const { tr, reason, back } = props;
  if (reason.code === 'waitlist_offer' && reason.entryId) return <WaitlistBookButton tr={tr} csrf={props.csrf} entryId={reason.entryId} back={back} />;
  if (reason.kind === 'task') return <TaskDoneForm tr={tr} csrf={props.csrf} task={{ id: reason.id }} back={back} />;
  if (reason.kind !== 'deal') return null;
  if (reason.code === 'deposit_missing' || reason.code === 'balance_due') {
    return (
      <details class="inline-action">
        <summary>{tr.t('action.recordPayment')}</summary>
        <PaymentForm tr={tr} csrf={props.csrf} dealId={reason.id} back={back} due={reason.due} />
      </details>
    );
  }
  if (reason.code === 'documents_not_sent' || reason.code === 'documents_not_back') {
    return (
      <div class="actions">
        <DocumentButtons tr={tr} csrf={props.csrf} dealId={reason.id} back={back} sent={reason.documentsSent} received={false} />
      </div>
    );
  }
  if (reason.code === 'not_notified') return <UntoldNotice tr={tr} csrf={props.csrf} dealId={reason.id} back={back} reason={tr.t('myday.toldHint')} />;
  return null;
}

function Buses(props: { tr: Tr; buses: BusOfTheDay[] }) {
  const { tr } = props;
  return (
    <section class="buses">
      <h2>{tr.t('myday.buses')}</h2>
      {props.buses.length === 0 ? (
        <p class="card muted">{tr.t('myday.noBuses')}</p>
      ) : (
        <div class="trips">
          {props.buses.map((bus) => (
            <article class="card trip" data-departure={String(bus.id)}>
              <h3>
                <a href={`/departures/${bus.id}`}>{bus.title}</a>
              </h3>
              <p class="muted">
                {tr.dateTime(bus.departsAt)} · {bus.meetingPoint}
              </p>
              <p>{tr.t('departures.seats', { booked: bus.seatsBooked, seats: bus.seats })}</p>
              <p class={bus.untold ? 'warning' : 'muted'}>{tr.t('myday.untold', { n: bus.untold })}</p>
              <p>
                {bus.balanceDeals
                  ? tr.t('myday.collect', { amount: tr.money(bus.balanceMinor, bus.currency), n: bus.balanceDeals })
                  : tr.t('myday.nothingToCollect')}
              </p>
              {bus.vehicles.length > 1 && (
                <ul class="plain bus-lines" aria-label={tr.t('busLists.buses')}>
                  {bus.vehicles.map((v) => {
                    const name = busName(tr.locale, v.label);
                    return (
                      <li data-vehicle={String(v.id)}>
                        <a href={`/departures/${bus.id}/boarding?vehicleId=${v.id}`}>{name}</a>: {tr.t('busLists.busCounts', { boarded: v.boarded, booked: v.seatsBooked, expected: v.expected })}
                      </li>
                    );
                  })}
                </ul>
              )}
              <div class="actions">
                <a class="button small" href={`/departures/${bus.id}`}>
                  {tr.t('myday.roster')}
                </a>
                <a class="button small" href={`/departures/${bus.id}/boarding`}>
                  {tr.t('roster.boarding')}
                </a>
                <a class="button small secondary" href={`/departures/${bus.id}/manifest.pdf`}>
                  {tr.t('action.manifestPdf')}
                </a>
              </div>
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
