/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FieldErrors } from '../src/domain/errors.js';
import { WaitingFor, type WaitingEntry } from './waitlist.js';
import type { TimelineEntry } from '../src/domain/contacts/timeline.js';
import type { Tr } from './tr.js';
import { CsrfField, Field, Layout, PhoneLink, type PageFrame } from './layout.js';
import { FeedbackSection } from './feedback.js';
import { LinkedTasks } from './tasks.js';
import type { FeedbackEntry } from '../src/domain/aftercare/index.js';
import type { TaskAnswer } from '../src/domain/tasks/index.js';
import { STAGES } from '../src/domain/contacts/facts.js';
import { DEFAULT_CHANNELS } from '../src/domain/notifications/channels.js';

export function ContactsPage(
  props: PageFrame & {
    q: string;
    stage?: string | undefined;
    contacts: { id: number; name: string; phone: string | null; email: string | null; nextContactAt: number | null }[];
    nextCursor: string | null;
    form?: { values: Record<string, string>; errors: FieldErrors; existingId?: number } | undefined;
    /** Which channels the agency has besides e-mail. */
    agencyChannels: string[];
  },
) {
  const { tr } = props;
  return (
    <Layout {...props} title={tr.t('contacts.title')} current="contacts">
      <h1>{tr.t('contacts.title')}</h1>
      {props.actor && props.actor.role !== 'operator' && (
        <p class="actions">
          <a class="button small secondary" href="/imports">
            {tr.t('contacts.import')}
          </a>
        </p>
      )}
      <form method="get" action="/contacts" class="inline card">
        <label class="sr" for="q">{tr.t('roster.searchClient')}</label>
        <input id="q" name="q" value={props.q} placeholder={tr.t('roster.searchClient')} size={34} />
        <label for="stage">{tr.t('stage.label')}</label>
        <select id="stage" name="stage">
          <option value="">{tr.t('stage.any')}</option>
          {STAGES.map((stage) => (
            <option value={stage} selected={props.stage === stage}>
              {tr.label('stage', stage)}
            </option>
          ))}
        </select>
        <button class="secondary">{tr.t('roster.search')}</button>
      </form>
      {props.contacts.length === 0 ? (
        <p class="card muted">{tr.t('contacts.empty')}</p>
      ) : (
        <div class="table-wrap" tabindex={0} role="region" aria-label={tr.t('common.scrollTable')}>
        <table>
          <thead>
            <tr>
              <th>{tr.t('contacts.name')}</th>
              <th>{tr.t('contacts.phone')}</th>
              <th>{tr.t('contacts.email')}</th>
              <th>{tr.t('contacts.nextContact')}</th>
            </tr>
          </thead>
          <tbody>
            {props.contacts.map((c) => (
              <tr>
                <td>
                  <a href={`/contacts/${c.id}`}>{c.name}</a>
                </td>
                <td>
                  <PhoneLink tr={tr} phone={c.phone} />
                </td>
                <td>{c.email ?? ''}</td>
                <td>{c.nextContactAt ? tr.dateTime(c.nextContactAt) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {props.nextCursor && (
        <p>
          <a href={`/contacts?q=${encodeURIComponent(props.q)}${props.stage ? `&stage=${props.stage}` : ''}&cursor=${props.nextCursor}`}>→</a>
        </p>
      )}
      <section class="card">
        <h2>{tr.t('contacts.new')}</h2>
        {props.form?.existingId && (
          <p class="alert">
            <a href={`/contacts/${props.form.existingId}`}>{tr.t('contacts.exists')}</a>
          </p>
        )}
        <form method="post" action="/contacts" class="fields">
          <CsrfField csrf={props.csrf} />
          <Field name="name" label={tr.t('contacts.name')} value={props.form?.values.name} error={props.form?.errors.name} required />
          <Field name="phone" type="tel" label={tr.t('contacts.phone')} value={props.form?.values.phone} error={props.form?.errors.phone} inputmode="tel" />
          <Field name="email" type="email" label={tr.t('contacts.email')} value={props.form?.values.email} error={props.form?.errors.email} />
          <ClientLanguageField tr={tr} id="new-locale" value={props.form?.values.locale} />
          <Field name="birthDate" type="date" label={tr.t('card.birthDate')} value={props.form?.values.birthDate} error={props.form?.errors.birthDate} />
          <ConsentField tr={tr} id="new-consent" checked={props.form?.values.marketingOptIn === 'on'} />
          <ChannelChoice
            tr={tr}
            idPrefix="new-channel"
            chosen={props.form ? [props.form.values.channel1 ?? '', props.form.values.channel2 ?? '', props.form.values.channel3 ?? ''] : DEFAULT_CHANNELS}
            available={['email', ...props.agencyChannels]}
            error={props.form?.errors.channels}
          />
          <div class="field">
            <button>{tr.t('contacts.create')}</button>
          </div>
        </form>
      </section>
    </Layout>
  );
}

/** The client's word that the agency may send offers and greetings: off until they say so. */
export function ConsentField(props: { tr: Tr; id: string; checked: boolean }) {
  return (
    <div class="field check">
      <label for={props.id}>
        <input id={props.id} type="checkbox" name="marketingOptIn" checked={props.checked} /> {props.tr.t('card.marketingOptIn')}
      </label>
    </div>
  );
}

/** A new client's language: the one chosen, or (left empty) the one of their phone's country. */
export function ClientLanguageField(props: { tr: Tr; id: string; value: string | undefined }) {
  return (
    <div class="field">
      <label for={props.id}>{props.tr.t('card.locale')}</label>
      <select id={props.id} name="locale">
        <option value="">{props.tr.t('contacts.localeFromPhone')}</option>
        {(['bg', 'ru', 'en'] as const).map((l) => (
          <option value={l} selected={props.value === l}>
            {{ en: 'English', ru: 'Русский', bg: 'Български' }[l]}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface CardProps extends PageFrame {
  /** Trips the client waits for seats on. */
  waiting: WaitingEntry[];
  card: {
    id: number;
    name: string;
    phone: string | null;
    email: string | null;
    tags: string[];
    managerName: string | null;
    nextContactAt: number | null;
    notes: string | null;
    communications: { channel: string; summary: string; at: number; nextContactAt: number | null }[];
    deals: { id: number; departureTitle: string; departsAt: number; status: string; paidMinor: number; priceMinor: number; currency: string }[];
    inquiries: { id: number; status: string; source: string | null; createdAt: number; reactivation: boolean }[];
    managerId: number | null;
    locale: string | null;
    givenTags: string[];
    timeline: TimelineEntry[];
    stage: string;
    birthDate: string | null;
    marketingOptIn: boolean;
    unsubscribedAt: number | null;
    channels: string[];
    telegramLinked: boolean;
    telegramLink: string | null;
  };
  /** Which channels the agency has besides e-mail. */
  agencyChannels: string[];
  feedback: FeedbackEntry[];
  /** Open tasks about the client. */
  tasks: TaskAnswer[];
  now: number;
  managers: { id: number; name: string }[];
  form?: CardFormState | undefined;
}

/** A card form refused: which one, what was typed, what is wrong. */
export interface CardFormState {
  which: 'communication' | 'details' | 'transfer';
  values: Record<string, string>;
  errors: FieldErrors;
}

const CHANNELS = ['call', 'email', 'meeting', 'messenger', 'sms', 'note'] as const;

/**
 * How the client wants to be told, in order: three choices (none picked: told by phone).
 * Only the channels the agency has are offered; a stored one it no longer has is kept, named.
 */
function ChannelChoice(props: { tr: Tr; chosen: string[]; available: string[]; error?: string | undefined; idPrefix?: string }) {
  const { tr } = props;
  const offered = [...new Set([...props.available, ...props.chosen.filter(Boolean)])];
  return (
    <fieldset class="segment">
      <legend>{tr.t('card.channels')}</legend>
      {[0, 1, 2].map((i) => (
        <div class="field">
          <label for={`${props.idPrefix ?? 'f-channel'}${i + 1}`}>{tr.t(i === 0 ? 'card.channelFirst' : i === 1 ? 'card.channelSecond' : 'card.channelThird')}</label>
          <select id={`${props.idPrefix ?? 'f-channel'}${i + 1}`} name={`channel${i + 1}`}>
            <option value="">—</option>
            {offered.map((channel) => (
              <option value={channel} selected={props.chosen[i] === channel}>
                {tr.label('messageChannel', channel)}
              </option>
            ))}
          </select>
        </div>
      ))}
      <span class="small muted">{tr.t('card.channelsHint')}</span>
      {props.error && <span class="error">{props.error}</span>}
    </fieldset>
  );
}

export function ContactCardPage(props: CardProps) {
  const { tr, card } = props;
  const comm = props.form?.which === 'communication' ? props.form : undefined;
  const details = props.form?.which === 'details' ? props.form : undefined;
  const transfer = props.form?.which === 'transfer' ? props.form : undefined;
  return (
    <Layout {...props} title={card.name} current="contacts">
      <h1>{card.name}</h1>
      <p class="muted">
        <PhoneLink tr={tr} phone={card.phone} />
        {card.phone && (card.email || card.managerName) ? ' · ' : ''}
        {[card.email, card.managerName ? `${tr.t('common.manager')}: ${card.managerName}` : null].filter(Boolean).join(' · ')}
      </p>
      <p class="counts">
        <span class="badge ok" data-stage={card.stage}>
          {tr.t('stage.label')}: {tr.label('stage', card.stage)}
        </span>
        {card.tags.map((tag) => (
          <span class="badge">{tr.label('tag', tag)}</span>
        ))}
      </p>
      <p class="small muted">
        {card.birthDate ? `${tr.t('card.birthDate')}: ${tr.date(Date.parse(`${card.birthDate}T12:00:00Z`))} · ` : ''}
        {card.unsubscribedAt !== null
          ? tr.t('card.unsubscribed', { date: tr.date(card.unsubscribedAt) })
          : card.marketingOptIn
            ? tr.t('card.consents')
            : tr.t('card.noConsent')}
      </p>
      <p class="small" data-channels={card.channels.join(',')}>
        {tr.t('card.toldBy')}: {card.channels.length ? card.channels.map((c) => tr.label('messageChannel', c)).join(' → ') : tr.t('card.toldByPhone')}
        {card.telegramLinked && <> · {tr.t('card.telegramLinked')}</>}
      </p>
      {card.telegramLink && !card.telegramLinked && (
        <p class="small wrap" data-telegram-link="">
          {tr.t('card.telegramInvite')} <a href={card.telegramLink}>{card.telegramLink}</a>
        </p>
      )}
      {card.nextContactAt && (
        <p>
          {tr.t('contacts.nextContact')}: <strong>{tr.dateTime(card.nextContactAt)}</strong>
        </p>
      )}
      <div class="actions">
        <form method="post" action={`/contacts/${card.id}/transfer`} class="inline">
          <CsrfField csrf={props.csrf} />
          <label for="transfer-manager">{tr.t('card.transferTo')}</label>
          <select id="transfer-manager" name="managerId">
            {props.managers.map((m) => (
              <option value={String(m.id)} selected={m.id === card.managerId}>
                {m.name}
              </option>
            ))}
          </select>
          <button class="small secondary">{tr.t('card.transfer')}</button>
          {transfer && <span class="error">{Object.values(transfer.errors).join('; ')}</span>}
        </form>
      </div>
      <details class="card" open={!!details}>
        <summary>{tr.t('card.edit')}</summary>
        <form method="post" action={`/contacts/${card.id}`} class="fields">
          <CsrfField csrf={props.csrf} />
          <Field name="name" label={tr.t('contacts.name')} value={details?.values.name ?? card.name} error={details?.errors.name} required />
          <Field name="phone" label={tr.t('contacts.phone')} value={details?.values.phone ?? card.phone} error={details?.errors.phone} inputmode="tel" />
          <Field name="email" label={tr.t('contacts.email')} value={details?.values.email ?? card.email} error={details?.errors.email} inputmode="email" />
          <div class="field">
            <label for="f-locale">{tr.t('card.locale')}</label>
            <select id="f-locale" name="locale">
              <option value="">—</option>
              {(['bg', 'ru', 'en'] as const).map((l) => (
                <option value={l} selected={(details?.values.locale ?? card.locale) === l}>
                  {{ en: 'English', ru: 'Русский', bg: 'Български' }[l]}
                </option>
              ))}
            </select>
          </div>
          <Field name="tags" label={tr.t('card.tags')} value={details?.values.tags ?? card.givenTags.join(', ')} error={details?.errors.tags} />
          <Field name="notes" label={tr.t('card.notes')} value={details?.values.notes ?? card.notes} error={details?.errors.notes} />
          <Field name="birthDate" type="date" label={tr.t('card.birthDate')} value={details?.values.birthDate ?? card.birthDate} error={details?.errors.birthDate} />
          <ConsentField tr={tr} id="f-consent" checked={details ? details.values.marketingOptIn === 'on' : card.marketingOptIn} />
          <ChannelChoice tr={tr} chosen={details ? [details.values.channel1 ?? '', details.values.channel2 ?? '', details.values.channel3 ?? ''] : card.channels} available={['email', ...props.agencyChannels]} error={details?.errors.channels} />
          <div class="field">
            <button type="submit">{tr.t('action.save')}</button>
          </div>
          {details?.errors.form && <p class="error">{details.errors.form}</p>}
        </form>
      </details>
      <div class="cols">
        <section class="card">
          <h2>{tr.t('card.communications')}</h2>
          <form method="post" action={`/contacts/${card.id}/communications`} class="fields">
            <CsrfField csrf={props.csrf} />
            <div class="field">
              <label for="channel">{tr.t('card.channel')}</label>
              <select id="channel" name="channel">
                {CHANNELS.map((ch) => (
                  <option value={ch} selected={comm?.values.channel === ch}>
                    {tr.label('channel', ch)}
                  </option>
                ))}
              </select>
            </div>
            <Field name="summary" label={tr.t('card.summary')} value={comm?.values.summary} error={comm?.errors.summary} required />
            <Field name="nextContactAt" type="datetime-local" label={tr.t('card.nextContactAt')} value={comm?.values.nextContactAt} error={comm?.errors.nextContactAt} />
            <div class="field">
              <button>{tr.t('card.record')}</button>
            </div>
          </form>
          {card.communications.length === 0 ? (
            <p class="muted">{tr.t('card.noCommunications')}</p>
          ) : (
            <ul class="timeline">
              {card.communications.map((m) => (
                <li class="done">
                  <span>
                    <strong>{tr.label('channel', m.channel)}</strong> · {m.summary}
                  </span>
                  <span class="small muted">{tr.dateTime(m.at)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section class="card">
          <h2>{tr.t('card.deals')}</h2>
          {card.deals.length === 0 ? (
            <p class="muted">{tr.t('roster.empty')}</p>
          ) : (
            <ul class="work">
              {card.deals.map((d) => (
                <li>
                  <a class="title" href={`/deals/${d.id}`}>
                    {d.departureTitle}
                  </a>{' '}
                  <span class="muted small">{tr.dateTime(d.departsAt)}</span>
                  <div>
                    <span class="badge">{tr.label('status', d.status)}</span> {tr.money(d.paidMinor, d.currency)} / {tr.money(d.priceMinor, d.currency)}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <WaitingFor tr={tr} waiting={props.waiting} />
          {card.notes && <p class="muted">{card.notes}</p>}
          <h2>{tr.t('card.inquiries')}</h2>
          {card.inquiries.length === 0 ? (
            <p class="muted">{tr.t('card.noInquiries')}</p>
          ) : (
            <ul class="work">
              {card.inquiries.map((q) => (
                <li>
                  <a class="title" href={`/inquiries/${q.id}`}>
                    {tr.t('inquiry.title', { id: q.id })}
                  </a>{' '}
                  <span class="badge">{tr.label('inquiryStatus', q.status)}</span>{' '}
                  <span class="muted small">
                    {tr.dateTime(q.createdAt)}
                    {q.reactivation ? ` · ${tr.t('inquiries.reactivation')}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <LinkedTasks tr={tr} csrf={props.csrf} tasks={props.tasks} now={props.now} back={`/contacts/${card.id}#tasks`} newTask={`/tasks?contactId=${card.id}#new-task`} />
      <FeedbackSection tr={tr} entries={props.feedback} by="trip" />
      <section class="card">
        <h2>{tr.t('card.timeline')}</h2>
        <ul class="timeline">
          {card.timeline.map((entry) => (
            <li class="done" data-type={entry.type}>
              <span>{timelineText(tr, entry)}</span>
              <span class="small muted">
                {tr.dateTime(entry.at)}
                {entry.by ? ` · ${entry.by}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

/** One line of the client's timeline in the reader's words. */
function timelineText(tr: Tr, e: TimelineEntry): string {
  switch (e.type) {
    case 'communication':
      return `${tr.label('channel', e.what)} · ${e.detail ?? ''}`;
    case 'inquiry': {
      const [kind, status] = e.what.split(':');
      const move = kind === 'message' ? tr.t('inquiry.event.message') : tr.label('inquiryStatus', status);
      const detail = tr.label('inquiryReason', e.detail);
      return `${tr.t('inquiry.title', { id: e.id })}: ${move}${detail ? ` · ${detail}` : ''}`;
    }
    case 'deal':
      return `${tr.t('card.booking', { id: e.id })}: ${tr.label('status', e.what)} · ${e.detail ?? ''}`;
    case 'payment':
      return `${tr.label('kind', e.what)} ${tr.money(Math.abs(e.amountMinor ?? 0), e.currency ?? 'EUR')} · ${tr.label('method', e.detail)}`;
    case 'notice': {
      const [kind, status] = e.what.split(':');
      return `${tr.label('notification', kind)} · ${tr.label('notificationStatus', status)}${e.detail ? ` · ${e.detail}` : ''}`;
    }
  }
}
