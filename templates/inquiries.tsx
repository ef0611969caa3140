/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { BoardColumn } from '../src/domain/inquiries/board.js';
import type { Wishes } from '../src/domain/inquiries/index.js';
import { WishesForm, wishesText } from './wishes.js';
import { WaitingFor, type WaitingEntry } from './waitlist.js';
import type { FieldErrors } from '../src/domain/errors.js';
import { CsrfField, Field, Layout, PhoneLink, type PageFrame } from './layout.js';
import type { Tr } from './tr.js';

export const INTAKE_SOURCES = ['phone', 'office', 'site', 'messenger', 'ad', 'other'] as const;
const REFUSALS = ['not_going', 'changed_mind', 'bought_elsewhere', 'not_relevant', 'price_shopping', 'no_suitable_offer', 'other'] as const;
const BLACKLIST = ['rude', 'lost_contact', 'deceased', 'moved', 'other'] as const;

export interface IntakeFormState {
  values: Record<string, string>;
  errors?: FieldErrors;
  /** The same person already has an open inquiry: saving adds the message to it. */
  duplicate?: { inquiryId: number; contactId: number; contactName: string };
}

/** Quick new inquiry: name, phone or e-mail, what they want, where they came from. */
function IntakeForm(props: { tr: Tr; csrf: string; state?: IntakeFormState | undefined }) {
  const { tr, state } = props;
  const v = state?.values ?? {};
  return (
    <details class="card" open={!!state}>
      <summary>{tr.t('inquiries.new')}</summary>
      {state?.duplicate && (
        <p class="flash warn" role="alert">
          {tr.t('inquiries.duplicate', { name: state.duplicate.contactName, id: state.duplicate.inquiryId })}{' '}
          <a href={`/inquiries/${state.duplicate.inquiryId}`}>#{state.duplicate.inquiryId}</a>
        </p>
      )}
      <form method="post" action="/inquiries" class="fields">
        <CsrfField csrf={props.csrf} />
        {state?.duplicate && <input type="hidden" name="confirmed" value="1" />}
        <Field name="name" label={tr.t('contacts.name')} value={v.name} error={state?.errors?.name} required />
        <Field name="phone" label={tr.t('contacts.phone')} value={v.phone} error={state?.errors?.phone} inputmode="tel" />
        <Field name="email" label={tr.t('contacts.email')} value={v.email} error={state?.errors?.email} inputmode="email" />
        <Field name="message" label={tr.t('inquiries.message')} value={v.message} error={state?.errors?.message} />
        <div class="field">
          <label for="f-source">{tr.t('inquiries.source')}</label>
          <select id="f-source" name="source">
            {INTAKE_SOURCES.map((s) => (
              <option value={s} selected={v.source === s}>
                {tr.label('source', s)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <button type="submit">{state?.duplicate ? tr.t('inquiries.addToOpen') : tr.t('inquiries.save')}</button>
        </div>
      </form>
    </details>
  );
}

export function InquiriesBoardPage(props: PageFrame & { columns: BoardColumn[]; currency: string; intake?: IntakeFormState | undefined }) {
  const { tr } = props;
  return (
    <Layout {...props} title={tr.t('inquiries.title')} current="inquiries">
      <h1>{tr.t('inquiries.title')}</h1>
      <IntakeForm tr={tr} csrf={props.csrf} state={props.intake} />
      <div class="board">
        {props.columns.map((column) => (
          <section class="card column" data-status={column.status}>
            <h2>
              {tr.label('inquiryStatus', column.status)} <span class="badge">{column.count}</span>
            </h2>
            <ul class="cards">
              {column.cards.map((card) => (
                <li class={card.overdue ? 'overdue' : undefined}>
                  <a href={`/inquiries/${card.id}`}>
                    <strong>{card.contactName}</strong>
                  </a>
                  {card.contactPhone && (
                    <div class="card-phone">
                      <a class="tel" href={`tel:${card.contactPhone}`} aria-label={tr.t('deskDetails.call', { name: `${card.contactName} ${tr.phone(card.contactPhone)}` })}>
                        {tr.phone(card.contactPhone)}
                      </a>
                    </div>
                  )}
                  <div class="small muted">
                    #{card.id} · {card.source ? tr.label('source', card.source) : '—'} · {tr.dateTime(card.createdAt)}
                  </div>
                  {wishesText(tr, card.wishes, props.currency) && <div class="small wishes">{wishesText(tr, card.wishes, props.currency)}</div>}
                  <div class="tags">
                    {card.overdue && <span class="badge today">{tr.t('inquiries.overdue')}</span>}
                    {!card.overdue && card.dueAt && <span class="badge">{tr.t('inquiries.dueBy', { when: tr.dateTime(card.dueAt) })}</span>}
                    {card.reactivation && <span class="badge">{tr.t('inquiries.reactivation')}</span>}
                    {card.newMessage && <span class="badge">{tr.t('inquiries.newMessage')}</span>}
                    {card.flagged && <span class="badge bad">{tr.t('inquiries.flagged')}</span>}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </Layout>
  );
}

export interface InquiryPageProps extends PageFrame {
  inquiry: {
    id: number;
    status: string;
    source: string | null;
    reason: string | null;
    reactivation: boolean;
    flagged: boolean;
    firstOfferDueAt: number;
    offerExpiresAt: number | null;
    dealId: number | null;
    /** The trip the client asked about, if any: the booking form starts on it. */
    departureId: number | null;
    allowedMoves: readonly string[];
    contactsSinceOffer: number;
    wishes: Wishes;
    contact: { id: number; name: string; phone: string | null; email: string | null };
    history: { kind: string; from: string | null; to: string | null; reason: string | null; note: string | null; message: string | null; at: number; byName: string | null }[];
  };
  departures: { id: number; title: string; departsAt: number; seatsLeft: number }[];
  /** Seats the booking form proposes: the people the client's messages speak of. */
  people: number;
  failed?: { action: 'move' | 'book' | 'wishes'; errors: FieldErrors; values: Record<string, string> } | undefined;
  /** The trip that answers the wishes best: chosen in the booking form. */
  preselected: number | null;
  currency: string;
  digits: number;
  /** Where the client waits for seats now. */
  waiting: WaitingEntry[];
}

const OPEN = ['new', 'no_offer', 'selecting', 'offer_made'];

export function InquiryPage(props: InquiryPageProps) {
  const { tr, inquiry: q } = props;
  const moves = q.allowedMoves;
  const moveForm = (status: string, label: string, extra?: Record<string, string>, cls = 'small secondary') => (
    <form method="post" action={`/inquiries/${q.id}/status`} class="inline">
      <CsrfField csrf={props.csrf} />
      <input type="hidden" name="status" value={status} />
      {Object.entries(extra ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button class={cls}>{label}</button>
    </form>
  );
  const failed = props.failed;
  return (
    <Layout {...props} title={`#${q.id} ${q.contact.name}`} current="inquiries">
      <h1>
        {tr.t('inquiry.title', { id: q.id })} · <a href={`/contacts/${q.contact.id}`}>{q.contact.name}</a>
      </h1>
      <p class="muted">
        <span class="badge">{tr.label('inquiryStatus', q.status)}</span> <PhoneLink tr={tr} phone={q.contact.phone} /> {q.contact.email ?? ''}
        {q.source ? ` · ${tr.label('source', q.source)}` : ''}
        {q.reactivation ? ` · ${tr.t('inquiries.reactivation')}` : ''}
        {q.reason ? ` · ${tr.label('inquiryReason', q.reason)}` : ''}
      </p>
      {q.flagged && <p class="flash warn">{tr.t('inquiries.flaggedLong')}</p>}
      {failed?.errors.form && <p class="flash warn" role="alert">{failed.errors.form}</p>}
      <div class="cols">
        <section class="card">
          <h2>{tr.t('inquiry.next')}</h2>
          {OPEN.includes(q.status) && (
            <p class="small">
              {q.status === 'offer_made' && q.offerExpiresAt
                ? tr.t('inquiry.offerUntil', { when: tr.dateTime(q.offerExpiresAt), contacts: q.contactsSinceOffer })
                : tr.t('inquiry.firstOfferBy', { when: tr.dateTime(q.firstOfferDueAt) })}
            </p>
          )}
          <div class="actions">
            {moves.includes('selecting') && moveForm('selecting', tr.t(q.status === 'offer_made' ? 'inquiry.move.backToSelecting' : 'inquiry.move.selecting'))}
            {moves.includes('no_offer') && moveForm('no_offer', tr.t('inquiry.move.no_offer'))}
          </div>
          {moves.includes('offer_made') && (
            <form method="post" action={`/inquiries/${q.id}/status`} class="fields">
              <CsrfField csrf={props.csrf} />
              <input type="hidden" name="status" value="offer_made" />
              <Field
                name="decisionDate"
                type="date"
                label={tr.t('inquiry.decisionDate')}
                value={failed?.values.decisionDate}
                error={failed?.errors.decisionDate}
              />
              <div class="field">
                <button type="submit">{tr.t('inquiry.move.offer_made')}</button>
              </div>
            </form>
          )}
          {moves.includes('refused') && (
            <details>
              <summary>{tr.t('inquiry.move.refused')}</summary>
              <div class="actions">{REFUSALS.map((reason) => moveForm('refused', tr.label('inquiryReason', reason), { reason }))}</div>
            </details>
          )}
          {moves.includes('blacklisted') && props.actor?.role === 'director' && (
            <details>
              <summary>{tr.t('inquiry.move.blacklisted')}</summary>
              <div class="actions">{BLACKLIST.map((reason) => moveForm('blacklisted', tr.label('inquiryReason', reason), { reason }, 'small danger'))}</div>
            </details>
          )}
          {q.dealId && (
            <p>
              <a href={`/deals/${q.dealId}`}>{tr.t('inquiry.booking', { id: q.dealId })}</a>
            </p>
          )}
        </section>

        {OPEN.includes(q.status) && (
          <section class="card">
            <h2>{tr.t('inquiry.book')}</h2>
            <form method="post" action={`/inquiries/${q.id}/book`} class="fields">
              <CsrfField csrf={props.csrf} />
              <div class={failed?.errors.departureId ? 'field invalid' : 'field'}>
                <label for="f-departureId">{tr.t('inquiry.departure')}</label>
                <select id="f-departureId" name="departureId" required>
                  {props.departures.map((d) => (
                    <option value={String(d.id)} selected={(failed?.values.departureId ?? String(q.departureId ?? props.preselected ?? '')) === String(d.id)}>
                      {d.title} · {tr.dateTime(d.departsAt)} · {tr.t('inquiry.seatsLeft', { n: d.seatsLeft })}
                    </option>
                  ))}
                </select>
                {failed?.errors.departureId && <span class="error">{failed.errors.departureId}</span>}
              </div>
              <Field name="seats" label={tr.t('roster.seats')} value={failed?.values.seats ?? String(props.people)} error={failed?.errors.seats} inputmode="numeric" required />
              <div class="field">
                <button type="submit">{tr.t('inquiry.book')}</button>
                {props.departures.some((d) => d.seatsLeft < props.people) && (
                  <button type="submit" class="secondary" formaction={`/inquiries/${q.id}/waitlist`}>
                    {tr.t('waitlist.join')}
                  </button>
                )}
              </div>
            </form>
            <WaitingFor tr={tr} waiting={props.waiting} />
          </section>
        )}
      </div>

      <WishesForm tr={tr} csrf={props.csrf} inquiryId={q.id} wishes={q.wishes} currency={props.currency} digits={props.digits} failed={failed?.action === 'wishes' ? failed : undefined} />

      <section class="card">
        <h2>{tr.t('deal.history')}</h2>
        <ul class="timeline">
          {q.history.map((h) => (
            <li class="done">
              <span>
                {h.kind === 'message' || h.kind === 'created'
                  ? `${tr.label('inquiryEvent', h.kind)}${h.message ? `: ${h.message}` : ''}`
                  : `${h.from ? `${tr.label('inquiryStatus', h.from)} → ` : ''}${tr.label('inquiryStatus', h.to)}${
                      h.reason ? ` (${tr.label('inquiryReason', h.reason)})` : ''
                    }${h.note ? `: ${h.note}` : ''}`}
              </span>
              <span class="small muted">
                {tr.dateTime(h.at)}
                {h.byName ? ` · ${h.byName}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
