/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { CampaignAnswer, SegmentInput } from '../src/domain/campaigns/index.js';
import type { Locale } from '../src/domain/context.js';
import type { NotificationRow } from '../src/domain/notifications/index.js';
import type { FieldErrors } from '../src/domain/errors.js';
import { AUTOMATIC_TAGS, STAGES } from '../src/domain/contacts/facts.js';
import { CsrfField, Field, Layout, type PageFrame } from './layout.js';
import type { MailLines } from './mail/mail-layout.js';
import type { Tr } from './tr.js';

/** The automatic tags are offered as boxes to tick; any other tag is typed. */
export const SEGMENT_TAGS = AUTOMATIC_TAGS;
const LANGUAGES = { bg: 'Български', ru: 'Русский', en: 'English' } as const;

interface Named {
  id: number;
  name: string;
  email: string;
  locale: Locale;
}

export interface CampaignFormState {
  values: Record<string, string>;
  errors: FieldErrors;
  /** "Show recipients": whom the segment reaches now, before anything is saved. */
  preview?: { recipients: number; names: Named[] } | undefined;
  /** The mail as the form's text makes it, beside "Show recipients" on the new-campaign form. */
  mail?: MailPreviewState | undefined;
}

/** The mail one recipient gets, for the page: whose it is, and its words (none until there is a subject and a text). */
export interface MailPreviewState {
  lines: MailLines | null;
  name: string;
  locale: Locale;
  /** Whose name: a client the draft reaches, the client a sent campaign went to first, or (reaching nobody) the reader's. */
  mode: 'draft' | 'sent' | 'nobody';
  /** Made from the form as typed, not from what is saved. */
  typed?: boolean;
}

/** The "Send a test to me" form: the reader's address to start with, and the last test copies. */
export interface TestSendState {
  email: string;
  error?: string | undefined;
  /** Changes when the draft is saved, so a test of the changed text is not taken for the same form sent again. */
  version: string;
  copies: Pick<NotificationRow, 'id' | 'toAddress' | 'status' | 'createdAt' | 'sentAt' | 'error'>[];
}

interface Trip {
  id: number;
  title: string;
  departsAt: number;
}

/** The form's fields from a saved campaign, so the same form edits it. */
export function campaignValues(campaign: CampaignAnswer): Record<string, string> {
  const s: SegmentInput = campaign.segment;
  const values: Record<string, string> = { name: campaign.name, subject: campaign.subject, body: campaign.body };
  for (const tag of s.tags ?? []) {
    if ((SEGMENT_TAGS as readonly string[]).includes(tag)) values[`tag_${tag}`] = 'on';
  }
  values.otherTags = (s.tags ?? []).filter((tag) => !(SEGMENT_TAGS as readonly string[]).includes(tag)).join(', ');
  for (const stage of s.stages ?? []) values[`stage_${stage}`] = 'on';
  for (const locale of s.locales ?? []) values[`locale_${locale}`] = 'on';
  for (const id of s.travelledDepartureIds ?? []) values[`trip_${id}`] = 'on';
  if (s.lastTripBefore) values.lastTripBefore = s.lastTripBefore;
  if (s.lastTripAfter) values.lastTripAfter = s.lastTripAfter;
  if (s.birthdayMonth) values.birthdayMonth = String(s.birthdayMonth);
  for (const [locale, text] of Object.entries(campaign.texts)) {
    if (text) {
      values[`subject_${locale}`] = text.subject;
      values[`body_${locale}`] = text.body;
    }
  }
  return values;
}

const Check = (props: { name: string; label: string; values: Record<string, string> }) => (
  <label>
    <input type="checkbox" name={props.name} checked={props.values[props.name] === 'on'} /> {props.label}
  </label>
);

function TextArea(props: { name: string; label: string; value: string | undefined; error?: string | undefined; rows?: number; required?: boolean }) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={`f-${props.name}`}>{props.label}</label>
      <textarea id={`f-${props.name}`} name={props.name} rows={props.rows ?? 6} required={props.required} aria-invalid={props.error ? 'true' : undefined}>
        {props.value ?? ''}
      </textarea>
      {props.error && <span class="error">{props.error}</span>}
    </div>
  );
}

/** Whom to write to and what to say: the segment, then the text (one for all, or one per language). */
function CampaignForm(props: { tr: Tr; csrf: string; action: string; trips: Trip[]; state: CampaignFormState; submit: string }) {
  const { tr } = props;
  const v = props.state.values;
  const e = props.state.errors;
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  const monthName = (m: number) => new Intl.DateTimeFormat({ en: 'en-GB', ru: 'ru-RU', bg: 'bg-BG' }[tr.locale], { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, m - 1, 15));
  return (
    <form method="post" action={props.action} data-live-mail>
      <CsrfField csrf={props.csrf} />
      {e.form && (
        <p class="alert" role="alert">
          {e.form}
        </p>
      )}
      <Field name="name" label={tr.t('campaigns.name')} value={v.name} error={e.name} required />
      <fieldset class="segment">
        <legend>{tr.t('campaigns.segment')}</legend>
        <p class="small muted">{tr.t('campaigns.segmentHint')}</p>
        <div class="field">
          <span class="label">{tr.t('card.tags')}</span>
          <div class="checks">
            {SEGMENT_TAGS.map((tag) => (
              <Check name={`tag_${tag}`} label={tr.label('tag', tag)} values={v} />
            ))}
          </div>
        </div>
        <Field name="otherTags" label={tr.t('campaigns.otherTags')} value={v.otherTags} error={e['segment.tags']} />
        <div class="field">
          <span class="label">{tr.t('stage.label')}</span>
          <div class="checks">
            {STAGES.map((stage) => (
              <Check name={`stage_${stage}`} label={tr.label('stage', stage)} values={v} />
            ))}
          </div>
        </div>
        <div class="field">
          <span class="label">{tr.t('card.locale')}</span>
          <div class="checks">
            {(Object.keys(LANGUAGES) as (keyof typeof LANGUAGES)[]).map((locale) => (
              <Check name={`locale_${locale}`} label={LANGUAGES[locale]} values={v} />
            ))}
          </div>
        </div>
        {props.trips.length > 0 && (
          <details open={Object.keys(v).some((key) => key.startsWith('trip_')) ? true : undefined}>
            <summary>{tr.t('campaigns.travelled')}</summary>
            <div class="checks">
              {props.trips.map((trip) => (
                <Check name={`trip_${trip.id}`} label={`${trip.title} · ${tr.date(trip.departsAt)}`} values={v} />
              ))}
            </div>
          </details>
        )}
        <div class="fields">
          <Field name="lastTripAfter" type="date" label={tr.t('campaigns.lastTripAfter')} value={v.lastTripAfter} error={e['segment.lastTripAfter']} />
          <Field name="lastTripBefore" type="date" label={tr.t('campaigns.lastTripBefore')} value={v.lastTripBefore} error={e['segment.lastTripBefore']} />
          <div class="field">
            <label for="f-birthdayMonth">{tr.t('campaigns.birthdayMonth')}</label>
            <select id="f-birthdayMonth" name="birthdayMonth">
              <option value="">—</option>
              {months.map((m) => (
                <option value={String(m)} selected={v.birthdayMonth === String(m)}>
                  {monthName(m)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {/* formnovalidate: whom it reaches is shown before the name, subject and text are written. */}
        <button class="secondary" name="preview" value="1" formnovalidate>
          {tr.t('campaigns.showRecipients')}
        </button>
        <p class="small muted">{tr.t('campaignPreview.recipientsHint')}</p>
      </fieldset>
      {props.state.preview && <RecipientsPreview tr={tr} recipients={props.state.preview.recipients} names={props.state.preview.names} />}
      {props.state.mail && <MailPreview tr={tr} mail={props.state.mail} />}
      <fieldset class="segment">
        <legend>{tr.t('campaigns.text')}</legend>
        <p class="small muted">{tr.t('campaigns.textHint', { placeholder: '{name}' })}</p>
        <Field name="subject" label={tr.t('campaigns.subject')} value={v.subject} error={e.subject} required />
        <TextArea name="body" label={tr.t('campaigns.body')} value={v.body} error={e.body} required />
        {(Object.keys(LANGUAGES) as (keyof typeof LANGUAGES)[]).map((locale) => (
          <details open={v[`subject_${locale}`] || e[`texts.${locale}.subject`] || e[`texts.${locale}.body`] ? true : undefined}>
            <summary>{tr.t('campaigns.ownText', { language: LANGUAGES[locale] })}</summary>
            <Field name={`subject_${locale}`} label={tr.t('campaigns.subject')} value={v[`subject_${locale}`]} error={e[`texts.${locale}.subject`]} />
            <TextArea name={`body_${locale}`} label={tr.t('campaigns.body')} value={v[`body_${locale}`]} error={e[`texts.${locale}.body`]} rows={5} />
          </details>
        ))}
      </fieldset>
      <button>{props.submit}</button>
    </form>
  );
}

function RecipientsPreview(props: { tr: Tr; recipients: number; names: Named[] }) {
  const { tr } = props;
  return (
    <section class="card" id="recipients" aria-live="polite">
      <h2>{tr.t('campaigns.recipients', { n: props.recipients })}</h2>
      {props.names.length > 0 && (
        <ul class="recipients-preview small">
          {props.names.map((r) => (
            <li>
              <a href={`/contacts/${r.id}`}>{r.name}</a> <span class="muted">{r.email}</span>
              {r.locale && <span class="muted"> · {tr.t('campaignPreview.recipientLanguage', { language: LANGUAGES[r.locale] ?? r.locale })}</span>}
            </li>
          ))}
        </ul>
      )}
      {props.recipients > props.names.length && <p class="small muted">{tr.t('campaigns.andMore', { n: props.recipients - props.names.length })}</p>}
    </section>
  );
}

/**
 * The mail as its recipient reads it: the subject, the paragraphs, the signature and the
 * unsubscribe line (shown, not linked: here it would unsubscribe a real client).
 */
function MailPreview(props: { tr: Tr; mail: MailPreviewState }) {
  const { tr, mail } = props;
  const title = { draft: 'campaignPreview.title', sent: 'campaignPreview.titleSent', nobody: 'campaignPreview.titleNobody' } as const;
  const lines = mail.lines;
  // data-name and data-locale: campaign-preview.js redraws the words as the draft's form is typed in.
  return (
    <section class="card mail-preview" id="mail-preview" aria-live="polite" data-name={mail.name} data-locale={mail.locale}>
      <h2>{tr.t(title[mail.mode], { name: mail.name })}</h2>
      <p class="small muted typed-note" hidden={!mail.typed}>
        {tr.t('campaignPreview.typed')}
      </p>
      <p class="small muted">{tr.t('campaignPreview.language', { language: LANGUAGES[mail.locale] ?? mail.locale })}</p>
      <article class="mail-copy" lang={mail.locale} hidden={!lines}>
        <p class="mail-subject">
          <span class="muted">{tr.t('campaignPreview.subject')}:</span> <strong class="mail-subject-text">{lines?.subject ?? ''}</strong>
        </p>
        <div class="mail-copy-body">
          <div class="mail-paragraphs">
            {(lines?.body ?? []).map((paragraph) => (
              <p>{paragraph}</p>
            ))}
          </div>
          {lines && (
            <p class="muted">
              {lines.signature.map((line) => (
                <>
                  {line}
                  <br />
                </>
              ))}
            </p>
          )}
          {lines?.footer && <p class="small muted mail-footer">{lines.footer.label}</p>}
        </div>
      </article>
      <p class="muted mail-empty" hidden={!!lines}>
        {tr.t('campaignPreview.noText')}
      </p>
    </section>
  );
}

/** "Send a test to me": one copy to the address given (the reader's, to start with), and how the last ones went. */
function TestSend(props: { tr: Tr; csrf: string; campaignId: number; name: string; test: TestSendState }) {
  const { tr, test } = props;
  return (
    <section class="card test-send" id="test">
      <h2>{tr.t('campaignPreview.testTitle')}</h2>
      <p class="small muted">{tr.t('campaignPreview.testHint', { name: props.name })}</p>
      <form method="post" action={`/campaigns/${props.campaignId}/test`} class="test-send-form">
        <CsrfField csrf={props.csrf} />
        <input type="hidden" name="version" value={test.version} />
        <Field name="email" type="email" inputmode="email" autocomplete="email" label={tr.t('campaignPreview.testEmail')} value={test.email} error={test.error} required />
        <button class="secondary">{tr.t('campaignPreview.testSend')}</button>
      </form>
      {test.copies.length > 0 && (
        <>
          <h3>{tr.t('campaignPreview.testCopies')}</h3>
          <ul class="test-copies small">
            {test.copies.map((copy) => (
              <li data-status={copy.status}>
                {tr.t('campaignPreview.testCopy', { to: copy.toAddress ?? '', status: tr.label('notificationStatus', copy.status), date: tr.dateTime(copy.sentAt ?? copy.createdAt) })}
                {copy.error && copy.status !== 'sent' && <span class="muted"> · {copy.error}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Counts(props: { tr: Tr; c: CampaignAnswer }) {
  const { tr, c } = props;
  return (
    <span class="small">
      <span class="badge">{tr.label('campaignStatus', c.status)}</span> {tr.t('campaigns.counts', { recipients: c.recipients, sent: c.sent, failed: c.failed, unsubscribed: c.unsubscribed })}
    </span>
  );
}

export function CampaignsPage(props: PageFrame & { campaigns: CampaignAnswer[]; trips: Trip[]; form: CampaignFormState; greetings: boolean | null }) {
  const { tr } = props;
  return (
    <Layout {...props} title={tr.t('campaigns.title')} current="campaigns" script={props.form.mail ? '/assets/campaign-preview.js' : undefined}>
      <h1>{tr.t('campaigns.title')}</h1>
      {props.campaigns.length === 0 ? (
        <p class="card muted">{tr.t('campaigns.none')}</p>
      ) : (
        <ul class="work">
          {props.campaigns.map((c) => (
            <li data-campaign={String(c.id)}>
              <a class="title" href={`/campaigns/${c.id}`}>
                {c.name}
              </a>{' '}
              <span class="muted small">{tr.date(c.queuedAt ?? c.createdAt)}</span>
              <div>
                <Counts tr={tr} c={c} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {props.greetings !== null && (
        <section class="card" id="greetings">
          <h2>{tr.t('campaigns.birthday')}</h2>
          <p class="small">{tr.t(props.greetings ? 'campaigns.birthdayOn' : 'campaigns.birthdayOff')}</p>
          <form method="post" action="/campaigns/birthday-greetings" class="inline">
            <CsrfField csrf={props.csrf} />
            <input type="hidden" name="enabled" value={props.greetings ? 'off' : 'on'} />
            <button class={props.greetings ? 'small secondary' : 'small'}>{tr.t(props.greetings ? 'campaigns.birthdayTurnOff' : 'campaigns.birthdayTurnOn')}</button>
          </form>
        </section>
      )}
      <section class="card" id="new-campaign">
        <h2>{tr.t('campaigns.new')}</h2>
        <CampaignForm tr={tr} csrf={props.csrf} action="/campaigns" trips={props.trips} state={props.form} submit={tr.t('campaigns.saveDraft')} />
      </section>
    </Layout>
  );
}

export function CampaignPage(props: PageFrame & { campaign: CampaignAnswer; trips: Trip[]; form: CampaignFormState; maySend: boolean; mail: MailPreviewState; test: TestSendState | null }) {
  const { tr, campaign: c } = props;
  const draft = c.status === 'draft';
  return (
    <Layout {...props} title={c.name} current="campaigns" script={draft ? '/assets/campaign-preview.js' : undefined}>
      <h1>{c.name}</h1>
      <p>
        <Counts tr={tr} c={c} />
      </p>
      <MailPreview tr={tr} mail={props.mail} />
      {props.test && <TestSend tr={tr} csrf={props.csrf} campaignId={c.id} name={props.mail.name} test={props.test} />}
      {draft ? (
        <>
          <RecipientsPreview tr={tr} recipients={props.form.preview?.recipients ?? c.recipients} names={props.form.preview?.names ?? c.recipientsPreview ?? []} />
          {props.maySend && (
            <form method="post" action={`/campaigns/${c.id}/send`} class="card">
              <CsrfField csrf={props.csrf} />
              <p class="small">{tr.t('campaigns.sendHint', { n: c.recipients })}</p>
              <button disabled={c.recipients === 0}>{tr.t('campaigns.send', { n: c.recipients })}</button>
            </form>
          )}
          <section class="card">
            <h2>{tr.t('campaigns.edit')}</h2>
            <CampaignForm tr={tr} csrf={props.csrf} action={`/campaigns/${c.id}`} trips={props.trips} state={props.form} submit={tr.t('common.save')} />
          </section>
        </>
      ) : (
        <section class="card">
          <h2>{c.subject}</h2>
          <p class="small muted">{tr.t('campaigns.queuedAt', { date: tr.dateTime(c.queuedAt ?? c.updatedAt) })}</p>
          <pre class="mail-body">{c.body}</pre>
          {c.pending > 0 && <p class="small">{tr.t('campaigns.pending', { n: c.pending })}</p>}
        </section>
      )}
    </Layout>
  );
}
