/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { DealView } from '../src/domain/deals/index.js';
import type { ActionState } from './deal-actions.js';
import { CsrfField, Field } from './layout.js';
import type { Tr } from './tr.js';
import type { MessageKey } from '../src/i18n/index.js';
import { bookingExtraField, ExtraBoxes, travellerExtraField, type ExtraChoice } from './extras.js';

/** A refused action of the deal page, to show beside its form with what was typed. */
export interface DealFailure {
  action: 'payment' | 'travellers' | 'due';
  state: ActionState;
}

/** A mail or notice of the booking as the page lists it. */
export interface DealMail {
  kind: string;
  to: string | null;
  channel: string;
  status: string;
  toldDepartsAt: number | null;
  toldMeetingPoint: string | null;
  sentAt: number | null;
  createdAt: number;
  error: string | null;
  /** A payment reminder: the due date it speaks of. */
  dueAt?: number | null;
  reminderStage?: string | null;
}

/** A price category the departure sells, for the travellers' choice. */
export interface CategoryChoice {
  category: string;
  label: string;
  priceMinor: number;
}

/** When the deposit and the balance are due, in words, with the form that moves them. */
export interface DueLine {
  kind: 'deposit' | 'balance';
  dueAt: number;
  /** The due day in the trip's zone, YYYY-MM-DD, for the date field. */
  day: string;
  text: string;
  overdue: boolean;
  paid: boolean;
}

export function DueDates(props: { tr: Tr; csrf: string; dealId: number; due: DueLine[]; active: boolean; failed: DealFailure | undefined }) {
  const { tr } = props;
  const failed = props.failed?.action === 'due' ? props.failed.state : undefined;
  return (
    <div class="due-dates">
      <ul class="plain">
        {props.due.map((line) => (
          <li class={line.overdue ? 'error' : line.paid ? 'muted small' : 'small'} data-due={line.kind}>
            {line.text}
            {line.paid ? ` · ${tr.t('deal.due.paid')}` : ''}
          </li>
        ))}
      </ul>
      {props.active && (
        <details open={!!failed}>
          <summary>{tr.t('deal.due.move')}</summary>
          <form method="post" action={`/deals/${props.dealId}/due`} class="fields">
            <CsrfField csrf={props.csrf} />
            {props.due.map((line) => {
              const name = line.kind === 'deposit' ? 'depositDueAt' : 'balanceDueAt';
              return (
                <Field
                  id={`f-${name}`}
                  name={name}
                  type="date"
                  label={tr.t(line.kind === 'deposit' ? 'deal.due.depositField' : 'deal.due.balanceField')}
                  value={failed?.values?.[name] ?? line.day}
                  error={failed?.errors?.[name]}
                />
              );
            })}
            <div class="field">
              <button class="small secondary">{tr.t('deal.due.save')}</button>
            </div>
          </form>
        </details>
      )}
    </div>
  );
}

/** The named travellers of a booking, one row per seat, editable in place; on a phone each row is a card. */
export function TravellersForm(props: { tr: Tr; csrf: string; deal: DealView; failed: DealFailure | undefined; categories: CategoryChoice[]; extras?: ExtraChoice[] | undefined }) {
  const { tr, deal } = props;
  const travellerRows = Array.from({ length: deal.seats }, (_, i) => deal.travellers[i]);
  const failed = props.failed?.action === 'travellers' ? props.failed.state : undefined;
  const travellerErrors = failed?.errors;
  const choices = props.extras ?? [];
  const perTraveller = choices.filter((e) => e.per === 'traveller');
  const perBooking = choices.filter((e) => e.per === 'booking');
  // Codes taken that the trip no longer sells: shown as given, dropped when the form is saved.
  const gone = (codes: string[]) => codes.filter((code) => !choices.some((e) => e.code === code));
  const extrasColumn = perTraveller.length > 0 || deal.travellers.some((t) => gone(t.extras).length > 0);
  // A refused form keeps what was ticked; otherwise what each took.
  const ticked = (field: string, taken: boolean) => (failed ? failed.values?.[field] === 'on' : taken);
  return (
  <section class="card">
    <h2>{tr.t('roster.travellers')}</h2>
    <form method="post" action={`/deals/${deal.id}/travellers`}>
      <CsrfField csrf={props.csrf} />
      <div class="table-wrap" tabindex={0} role="region" aria-label={tr.t('common.scrollTable')}>
      <table class="travellers stack">
        <thead>
          <tr>
            <th>#</th>
            <th>{tr.t('deal.name')}</th>
            {props.categories.length > 0 && <th>{tr.t('deal.category')}</th>}
            <th>{tr.t('deal.birthDate')}</th>
            <th>{tr.t('deal.document')}</th>
            {extrasColumn && <th>{tr.t('extras.title')}</th>}
          </tr>
        </thead>
        <tbody>
          {travellerRows.map((traveller, i) => {
            const typed = failed?.values;
            const value = (field: string, fallback: string | null | undefined) => typed?.[`${field}${i}`] ?? fallback ?? '';
            return (
              <tr>
                <td class="traveller-n">{i + 1}</td>
                <td data-label={tr.t('deal.name')}>
                  <input aria-label={`${tr.t('deal.name')} ${i + 1}`} name={`name${i}`} value={value('name', traveller?.name)} />
                  {travellerErrors?.[`travellers.${i}.name`] && <div class="error">{travellerErrors[`travellers.${i}.name`]}</div>}
                </td>
                {props.categories.length > 0 && (
                  <td data-label={tr.t('deal.category')}>
                    <select aria-label={`${tr.t('deal.category')} ${i + 1}`} name={`category${i}`}>
                      {props.categories.map((choice) => (
                        <option value={choice.category} selected={value('category', traveller?.category) === choice.category}>
                          {choice.label} · {tr.money(choice.priceMinor, deal.currency)}
                        </option>
                      ))}
                    </select>
                    {travellerErrors?.[`travellers.${i}.category`] && <div class="error">{travellerErrors[`travellers.${i}.category`]}</div>}
                  </td>
                )}
                <td data-label={tr.t('deal.birthDate')}>
                  <input aria-label={`${tr.t('deal.birthDate')} ${i + 1}`} type="date" name={`birthDate${i}`} value={value('birthDate', traveller?.birthDate)} />
                  {travellerErrors?.[`travellers.${i}.birthDate`] && <div class="error">{travellerErrors[`travellers.${i}.birthDate`]}</div>}
                </td>
                <td data-label={tr.t('deal.document')}>
                  <input aria-label={`${tr.t('deal.document')} ${i + 1}`} name={`documentNumber${i}`} value={value('documentNumber', traveller?.documentNumber)} />
                </td>
                {extrasColumn && (
                  <td class="traveller-extras">
                    <ExtraBoxes
                      tr={tr}
                      legend={tr.t('extras.travellerLegend', { n: i + 1 })}
                      class="bare"
                      extras={perTraveller}
                      currency={deal.currency}
                      name={(code) => travellerExtraField(i, code)}
                      checked={(code) => ticked(travellerExtraField(i, code), traveller?.extras.includes(code) ?? false)}
                      gone={traveller ? gone(traveller.extras) : []}
                      error={travellerErrors?.[`travellers.${i}.extras`]}
                    />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      <ExtraBoxes
        tr={tr}
        legend={tr.t('extras.bookingLegend')}
        extras={perBooking}
        currency={deal.currency}
        name={bookingExtraField}
        checked={(code) => ticked(bookingExtraField(code), deal.extras.includes(code))}
        gone={gone(deal.extras)}
        error={travellerErrors?.extras}
      />
      <p>
        <button class="secondary">{tr.t('deal.saveTravellers')}</button>
      </p>
    </form>
  </section>
  );
}

/** Every mail and notice of the booking: what it told, how, and where it stands. */
export function DealMails(props: { tr: Tr; mails: DealMail[] }) {
  const { tr } = props;
  if (props.mails.length === 0) return null;
  return (
    <section class="card">
      <h2>{tr.t('deal.notifications')}</h2>
      <ul class="timeline">
        {props.mails.map((mail) => (
          <li class={mail.status === 'sent' || mail.status === 'delivered' || mail.status === 'uncertain' ? 'done' : undefined} data-channel={mail.channel}>
            <span>
              {[
                tr.label('notification', mail.kind),
                // By which way: the address for mail and SMS; a Telegram chat is its channel's name.
                mail.channel === 'telegram' ? tr.label('messageChannel', 'telegram') : mail.channel === 'sms' && mail.to ? `${tr.label('messageChannel', 'sms')} ${tr.phone(mail.to)}` : mail.to,
                mail.channel === 'phone' ? tr.t('notification.byPhone') : tr.label('notificationStatus', mail.status),
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
            {mail.dueAt && mail.kind === 'payment_reminder' && (
              <span class="small">{tr.t(mail.reminderStage === 'overdue' ? 'notification.remindsOverdue' : 'notification.remindsDue', { date: tr.date(mail.dueAt) })}</span>
            )}
            {mail.toldDepartsAt && (
              <span class="small">{tr.t('notification.tells', { when: tr.dateTime(mail.toldDepartsAt), place: mail.toldMeetingPoint ?? '' })}</span>
            )}
            <span class="small muted">
              {tr.dateTime(mail.sentAt ?? mail.createdAt)}
              {mail.error ? ` · ${mail.error}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Notes the system writes on its own, in the reader's words. */
const SYSTEM_NOTES: Record<string, MessageKey> = {
  'card payment online': 'history.cardOnline',
  'travellers complete': 'history.travellersComplete',
  unpaid_online: 'cancelReason.unpaid_online',
};

/**
 * A history note in the reader's words where it is one the system wrote: the client's changes
 * to their travellers are kept as `travellers: Name (field, field); Name (added)`.
 */
function historyNote(tr: Tr, note: string): string {
  const known = SYSTEM_NOTES[note];
  if (known) return tr.t(known);
  if (!note.startsWith('travellers: ')) return note;
  const list = note
    .slice('travellers: '.length)
    .split('; ')
    .map((item) => {
      const match = /^(.*) \(([^()]*)\)$/.exec(item);
      if (!match) return item;
      const fields = match[2]!.split(', ').map((f) => (f === 'added' ? tr.t('history.clientAdded') : tr.label('travellerField', f)));
      return `${match[1]} (${fields.join(', ')})`;
    })
    .join('; ');
  return tr.t('history.clientTravellers', { list });
}

/** Every status change and the client's own changes, who made them and why. */
export function DealHistory(props: { tr: Tr; history: DealView['history'] }) {
  const { tr } = props;
  return (
  <section class="card">
    <h2>{tr.t('deal.history')}</h2>
    <ul class="timeline">
      {props.history.map((h) => (
        <li class="done">
          <span>
            {h.from === h.to && h.note
              ? historyNote(tr, h.note)
              : `${h.from ? `${tr.label('status', h.from)} → ` : ''}${tr.label('status', h.to)}`}
          </span>
          <span class="small muted">
            {tr.dateTime(h.at)}
            {h.byName ? ` · ${h.byName}` : h.byClient ? ` · ${tr.t('history.byClient')}` : ''}
            {h.note && h.from !== h.to ? ` · ${historyNote(tr, h.note)}` : ''}
          </span>
        </li>
      ))}
    </ul>
  </section>
  );
}
