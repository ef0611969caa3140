/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { AssignedView, BankImportResult, BookingFacts, Suggestion, StatementListEntry, StatementView, WaitingEntryView } from '../src/domain/bank-statements/index.js';
import { CsrfField, Layout, type PageFrame } from './layout.js';
import type { Tr } from './tr.js';

/** How many entries each list of a check or a statement shows; the counts say the rest. */
export const SHOWN_ENTRIES = 200;




/** A refused assignment: which entry, what is wrong, what was chosen or typed. */
export interface AssignRefusal {
  entryId: number;
  error: string;
  values: { dealId?: string | undefined; booking?: string | undefined };
}




/** The file carried from the check to the import: its bytes as base64url and its name. */
export interface CarriedFile {
  file: string;
  name: string;
}

/** An ISO date as the reader writes dates. */
const isoDate = (tr: Tr, iso: string | null) => (iso ? tr.date(Date.parse(`${iso}T12:00:00Z`)) : tr.t('bank.noDate'));

const formatName = (tr: Tr, format: string) => tr.t('bank.format', { format: format === 'camt.053' ? 'camt' : format === '1c' ? 'onec' : format });

/** Why a credit cannot be recorded as it stands, in words. */
export function refusalWords(tr: Tr, entry: { refusal: string | null; currency: string; expectedCurrency: string | null }): string | null {
  if (entry.refusal !== 'currency') return entry.refusal;
  return entry.expectedCurrency ? tr.t('bank.refusal.currency', { currency: entry.currency, expected: entry.expectedCurrency }) : tr.t('bank.refusal.noTrip', { currency: entry.currency });
}

/** The credit itself: amount, date, payer, and the transfer's text. */
function Credit(props: { tr: Tr; amountMinor: number; currency: string; /** undefined: not known here (nothing shown). */ bookedOn?: string | null; payerName?: string | null; text: string }) {
  const { tr } = props;
  return (
    <>
      <span class="bank-head">
        <strong class="nobr">{tr.money(props.amountMinor, props.currency)}</strong>
        {props.bookedOn !== undefined && <span class="small muted nobr">{isoDate(tr, props.bookedOn)}</span>}
        {props.payerName !== undefined && <span class={props.payerName ? 'bank-payer' : 'bank-payer muted'}>{props.payerName ?? tr.t('bank.noPayer')}</span>}
      </span>
      <span class="bank-text small">{props.text ? `«${props.text}»` : <span class="muted">{tr.t('bank.noText')}</span>}</span>
    </>
  );
}

/** A booking's reference linked to its page, with the client and the trip. */
function BookingLine(props: { tr: Tr; booking: BookingFacts }) {
  const { tr, booking } = props;
  return (
    <span class="bank-booking">
      → <a href={`/deals/${booking.dealId}`} class="nobr">{booking.reference}</a> <span class="small">{booking.clientName}</span>{' '}
      <span class="small muted">
        · {booking.title}, {tr.date(booking.departsAt)}
      </span>
    </span>
  );
}

/** A list cut at SHOWN_ENTRIES with "and 40 more" under it; nothing for no entries. */
function shown<T>(tr: Tr, items: T[], entry: (item: T) => Child) {
  if (items.length === 0) return null;
  return (
    <>
      <ul class="rows">{items.slice(0, SHOWN_ENTRIES).map(entry)}</ul>
      {items.length > SHOWN_ENTRIES && <p class="small muted">{tr.t('bank.more', { count: items.length - SHOWN_ENTRIES })}</p>}
    </>
  );
}

function becauseWords(tr: Tr, because: Suggestion['because']): string {
  if (because.includes('name') && because.includes('amount')) return tr.t('bank.because.both');
  return tr.t(because.includes('name') ? 'bank.because.name' : 'bank.because.amount');
}

/** The bookings a credit may be for, as words (the check) or as choices (the form). */
function SuggestionText(props: { tr: Tr; s: Suggestion & { reference: string } }) {
  const { tr, s } = props;
  return (
    <>
      <strong>{s.contactName}</strong> <span class="nobr">{s.reference}</span>
      <br />
      <span class="small">
        {s.departureTitle}, {tr.date(s.departsAt)} · {tr.t('bank.owes', { amount: tr.money(s.balanceMinor, s.currency) })}
      </span>
      <br />
      <span class="small muted">{becauseWords(tr, s.because)}</span>
    </>
  );
}

/** The form that sends a statement to be checked (multipart, so it works without JavaScript). */
function UploadForm(props: { tr: Tr; csrf: string; error?: string | undefined; again?: boolean }) {
  const { tr, error } = props;
  return (
    <form method="post" action="/imports/bank/check" enctype="multipart/form-data" class="card bank-form" id="upload">
      {/* A check writes nothing: no one-time token. */}
      <CsrfField csrf={props.csrf} once={false} />
      <h2>{tr.t(props.again ? 'bank.uploadAgain' : 'bank.upload')}</h2>
      <div class={error ? 'field invalid' : 'field'}>
        <label for="f-file">{tr.t('bank.file')}</label>
        <input id="f-file" name="file" type="file" required accept=".xml,.txt,text/xml,application/xml,text/plain" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'f-file-error' : undefined} />
        {error && (
          <span class="error" id="f-file-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <button>{tr.t('bank.check')}</button>
    </form>
  );
}

/** One waiting credit and its form: a suggested booking chosen, or a number typed. */
function WaitingEntry(props: { tr: Tr; csrf: string; entry: WaitingEntryView; refusal: AssignRefusal | null }) {
  const { tr, entry, refusal } = props;
  const reason = refusalWords(tr, entry);
  const id = `e${entry.id}`;
  const chosen = refusal?.values.dealId;
  const typed = refusal?.values.booking ?? '';
  return (
    <li id={`entry-${entry.id}`} data-entry={String(entry.id)} class="bank-entry">
      <Credit tr={tr} {...entry} />
      {entry.payerAccount && <span class="small muted bank-account">{entry.payerAccount}</span>}
      {reason && <p class="warning small bank-reason">{reason}</p>}
      {entry.named.length > 1 && (
        <p class="small bank-reason">
          {tr.t('bank.refusal.several')}{' '}
          {entry.named.map((b) => (
            <>
              <a href={`/deals/${b.dealId}`} class="nobr">
                {b.reference}
              </a>{' '}
            </>
          ))}
        </p>
      )}
      {entry.refusal && entry.named.length === 1 && (
        <p class="small">
          <BookingLine tr={tr} booking={entry.named[0]!} />
        </p>
      )}
      {/* The answer opens at this credit: a refusal is read beside its form. */}
      <form method="post" action={`/imports/bank/entries/${entry.id}/assign#entry-${entry.id}`} class="bank-assign">
        <CsrfField csrf={props.csrf} />
        {refusal && (
          <p class="alert" role="alert" id={`${id}-error`}>
            {refusal.error}
          </p>
        )}
        {entry.suggestions.length > 0 ? (
          <fieldset class="bank-choice">
            <legend>{tr.t('bank.whose')}</legend>
            {entry.suggestions.map((s) => (
              <div class="bank-option">
                <input type="radio" name="dealId" value={String(s.dealId)} id={`${id}-d${s.dealId}`} checked={chosen === String(s.dealId)} />
                <label for={`${id}-d${s.dealId}`}>
                  <SuggestionText tr={tr} s={s} />
                </label>
              </div>
            ))}
            <div class={refusal ? 'field invalid' : 'field'}>
              <label for={`${id}-booking`}>{tr.t('bank.bookingNumber')}</label>
              <input id={`${id}-booking`} name="booking" value={typed} placeholder={tr.t('bank.bookingPlaceholder')} autocomplete="off" aria-invalid={refusal ? 'true' : undefined} aria-describedby={refusal ? `${id}-error` : undefined} />
            </div>
          </fieldset>
        ) : (
          <div class={refusal ? 'field invalid' : 'field'}>
            <label for={`${id}-booking`}>{tr.t('bank.bookingOnly')}</label>
            <input id={`${id}-booking`} name="booking" value={typed} placeholder={tr.t('bank.bookingPlaceholder')} autocomplete="off" aria-invalid={refusal ? 'true' : undefined} aria-describedby={refusal ? `${id}-error` : undefined} />
          </div>
        )}
        <button>{tr.t('bank.assign')}</button>
      </form>
    </li>
  );
}

/** The statements imported so far: a table at a desk, one card each on a phone. */
function StatementList(props: { tr: Tr; statements: StatementListEntry[] }) {
  const { tr } = props;
  if (props.statements.length === 0) return <p class="muted">{tr.t('bank.statementsNone')}</p>;
  return (
    <table class="bank-statements">
      <thead>
        <tr>
          <th>{tr.t('bank.col.when')}</th>
          <th>{tr.t('bank.col.file')}</th>
          <th>{tr.t('bank.col.format')}</th>
          <th class="num">{tr.t('bank.col.credits')}</th>
          <th class="num">{tr.t('bank.col.recorded')}</th>
          <th>{tr.t('bank.col.who')}</th>
        </tr>
      </thead>
      <tbody>
        {props.statements.map((s) => (
          <tr data-statement={String(s.id)}>
            <td class="nobr">{tr.dateTime(s.importedAt)}</td>
            <td class="bank-file">
              <a href={`/imports/bank/statements/${s.id}`}>{s.fileName ?? tr.t('bank.noFileName')}</a>
            </td>
            <td>{formatName(tr, s.format)}</td>
            <td class="num" data-label={tr.t('bank.col.credits')}>
              {s.credits}
            </td>
            <td class="num" data-label={tr.t('bank.col.recorded')}>
              {s.recorded}
            </td>
            <td data-label={tr.t('bank.col.who')}>{s.by ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The statements page: check a file, the credits waiting for a person, the statements imported. */
export function BankStatementsPage(
  props: PageFrame & { error?: string | undefined; waiting: WaitingEntryView[]; statements: StatementListEntry[]; refusal?: AssignRefusal | null; assigned?: AssignedView | null },
) {
  const { tr, assigned } = props;
  return (
    <Layout {...props} title={tr.t('bank.title')} current="payments">
      {assigned && (
        <p class="flash" role="status" data-assigned={String(assigned.paymentId)}>
          {tr.t('bank.assigned', { client: assigned.booking.clientName, receipt: assigned.receiptNumber ?? '' })}{' '}
          <a href={`/deals/${assigned.booking.dealId}`} class="nobr">
            {assigned.booking.reference}
          </a>
          {assigned.receiptNumber && (
            <>
              {' · '}
              <a href={`/payments/${assigned.paymentId}/receipt.pdf`} class="nobr">
                {tr.t('bank.receiptPdf')}
              </a>
            </>
          )}
        </p>
      )}
      <p class="small">
        <a href="/payments">← {tr.t('ledgerPage.title')}</a>
      </p>
      <h1>{tr.t('bank.title')}</h1>
      <p class="small muted">{tr.t('bank.hint')}</p>
      <UploadForm tr={tr} csrf={props.csrf} error={props.error} />
      <section class="card" id="waiting">
        <h2>
          {tr.t('bank.waiting')} {props.waiting.length > 0 && <span class="badge today">{props.waiting.length}</span>}
        </h2>
        {props.waiting.length === 0 ? (
          <p class="muted">{tr.t('bank.waitingNone')}</p>
        ) : (
          <>
            <p class="small muted">{tr.t('bank.waitingHint')}</p>
            <ul class="rows bank-entries">
              {props.waiting.map((entry) => (
                <WaitingEntry tr={tr} csrf={props.csrf} entry={entry} refusal={props.refusal?.entryId === entry.id ? props.refusal : null} />
              ))}
            </ul>
          </>
        )}
      </section>
      <section class="card">
        <h2>{tr.t('bank.statements')}</h2>
        <StatementList tr={tr} statements={props.statements} />
      </section>
    </Layout>
  );
}

/**
 * What importing a checked statement would do: the payments it records, the credits that
 * will wait for a person, those already imported and those refused; then the button that
 * imports it, carrying the same file.
 */
export function BankPreviewPage(props: PageFrame & { fileName: string; result: BankImportResult; bookings: Map<number, BookingFacts>; carry: CarriedFile | null; newWaiting: number }) {
  const { tr, result, bookings } = props;
  const booking = (dealId: number | null) => (dealId === null ? undefined : bookings.get(dealId));
  const title = tr.t('bank.previewTitle', { file: props.fileName });
  const importable = result.matched.length + props.newWaiting + result.refused.length > 0;
  return (
    <Layout {...props} title={title} current="payments">
      <p class="small">
        <a href="/imports/bank">← {tr.t('bank.title')}</a>
      </p>
      <h1 class="wrap">{title}</h1>
      <p class="small muted">
        {formatName(tr, result.format)}
        {result.account && <> · {tr.t('bank.account', { account: result.account })}</>}
      </p>
      <p class="flash warn" role="status">
        {tr.t('bank.previewHint')}
      </p>
      <p class="counts" data-counts="">
        <span class="badge">{tr.t('bank.credits', { count: result.entries })}</span>
        <span class="badge ok" data-count="matched">
          {tr.t('bank.willRecord')}: {result.matched.length}
        </span>
        <span class={result.unmatched.length ? 'badge today' : 'badge'} data-count="unmatched">
          {tr.t('bank.noBooking')}: {result.unmatched.length}
        </span>
        <span class="badge" data-count="already">
          {tr.t('bank.alreadyImported')}: {result.alreadyImported.length}
        </span>
        <span class={result.refused.length ? 'badge bad' : 'badge'} data-count="refused">
          {tr.t('bank.refused')}: {result.refused.length}
        </span>
        {result.debits > 0 && <span class="badge">{tr.t('bank.debits', { count: result.debits })}</span>}
      </p>
      {importable && props.carry ? (
        <form method="post" action="/imports/bank/import" class="card bank-form" id="import">
          <CsrfField csrf={props.csrf} />
          <input type="hidden" name="file" value={props.carry.file} />
          <input type="hidden" name="name" value={props.carry.name} />
          <p>{tr.t('bank.importHint', { count: result.matched.length, waiting: props.newWaiting })}</p>
          <button>{tr.t('bank.import', { count: result.matched.length })}</button>
        </form>
      ) : (
        <p class="card" id="nothing">
          {tr.t('bank.nothingToDo')}
        </p>
      )}
      {result.matched.length > 0 && (
        <section class="card" id="matched">
          <h2>{tr.t('bank.willRecord')}</h2>
          {shown(tr, result.matched, (m) => {
            const b = booking(m.dealId);
            return (
              <li data-entry-id={m.entryId} data-deal={String(m.dealId)}>
                <Credit tr={tr} {...m} />
                {b && <BookingLine tr={tr} booking={b} />}
                {m.cancelled && <p class="warning small bank-reason">{tr.t('bank.cancelled')}</p>}
              </li>
            );
          })}
        </section>
      )}
      {result.unmatched.length > 0 && (
        <section class="card" id="unmatched">
          <h2>{tr.t('bank.noBooking')}</h2>
          <p class="small muted">{tr.t('bank.noBookingHint')}</p>
          {shown(tr, result.unmatched, (u) => (
            <li data-entry-id={u.entryId}>
              <Credit tr={tr} {...u} />
              {u.bankEntryId !== null && <span class="badge today">{tr.t('bank.alreadyWaiting')}</span>}
              {u.reason === 'several_bookings' && (
                <p class="small bank-reason">
                  {tr.t('bank.refusal.several')}{' '}
                  {u.dealIds.map((id) => (
                    <>
                      <a href={`/deals/${id}`} class="nobr">
                        {booking(id)?.reference ?? `#${id}`}
                      </a>{' '}
                    </>
                  ))}
                </p>
              )}
              {u.suggestions.length > 0 ? (
                <ul class="bank-suggestions">
                  {u.suggestions.map((s) => (
                    <li data-suggestion={String(s.dealId)}>
                      <SuggestionText tr={tr} s={{ ...s, reference: booking(s.dealId)?.reference ?? `#${s.dealId}` }} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="small muted bank-reason">{tr.t('bank.noSuggestion')}</p>
              )}
            </li>
          ))}
        </section>
      )}
      {result.refused.length > 0 && (
        <section class="card" id="refused">
          <h2>{tr.t('bank.refused')}</h2>
          {shown(tr, result.refused, (r) => {
            const b = booking(r.dealId);
            return (
              <li data-entry-id={r.entryId}>
                <Credit tr={tr} amountMinor={r.amountMinor} currency={r.currency} text={r.text} />
                <p class="warning small bank-reason">{refusalWords(tr, { refusal: r.reason, currency: r.currency, expectedCurrency: r.expectedCurrency })}</p>
                {b && <BookingLine tr={tr} booking={b} />}
              </li>
            );
          })}
        </section>
      )}
      {result.alreadyImported.length > 0 && (
        <section class="card" id="already">
          <h2>{tr.t('bank.alreadyImported')}</h2>
          <p class="small muted">{tr.t('bank.alreadyHint')}</p>
          {shown(tr, result.alreadyImported, (a) => {
            const b = booking(a.dealId);
            return (
              <li data-entry-id={a.entryId}>
                <Credit tr={tr} amountMinor={a.amountMinor} currency={a.currency} text={a.text} />
                {b && <BookingLine tr={tr} booking={b} />}
              </li>
            );
          })}
        </section>
      )}
      <UploadForm tr={tr} csrf={props.csrf} again />
    </Layout>
  );
}

/** An imported statement: the payments it recorded with their receipts, what was left waiting or refused. */
export function BankStatementPage(props: PageFrame & { statement: StatementView }) {
  const { tr, statement } = props;
  const recorded = statement.entries.filter((e) => e.paymentId !== null);
  const waiting = statement.entries.filter((e) => e.paymentId === null && e.refusal === null);
  const refused = statement.entries.filter((e) => e.paymentId === null && e.refusal !== null);
  const already = Math.max(0, statement.credits - statement.entries.length);
  const title = tr.t('bank.statementTitle', { file: statement.fileName ?? tr.t('bank.noFileName') });
  return (
    <Layout {...props} title={title} current="payments">
      <p class="small">
        <a href="/imports/bank">← {tr.t('bank.title')}</a>
      </p>
      <h1 class="wrap">{title}</h1>
      <p class="small muted">
        {tr.t('bank.importedBy', { date: tr.dateTime(statement.importedAt), name: statement.by ?? '' })} · {formatName(tr, statement.format)}
        {statement.account && <> · {tr.t('bank.account', { account: statement.account })}</>}
      </p>
      <section class="card" id="recorded" data-recorded={String(statement.recorded)}>
        <h2>{tr.t('bank.recordedCount', { count: statement.recorded })}</h2>
        {shown(tr, recorded, (e) => (
          <li data-payment={String(e.paymentId)}>
            <Credit tr={tr} {...e} />
            {e.booking && <BookingLine tr={tr} booking={e.booking} />}
            <span class="bank-receipt">
              {e.receiptNumber && (
                <a href={`/payments/${e.paymentId}/receipt.pdf`} class="nobr">
                  {tr.t('bank.receipt', { receipt: e.receiptNumber })}
                </a>
              )}
              {e.byHand && <span class="badge">{tr.t('bank.byHand')}</span>}
            </span>
            {e.booking?.cancelled && <p class="warning small bank-reason">{tr.t('bank.cancelled')}</p>}
          </li>
        ))}
      </section>
      {waiting.length > 0 && (
        <section class="card" id="left-waiting">
          <h2>{tr.t('bank.leftWaiting')}</h2>
          {shown(tr, waiting, (e) => (
            <li data-entry={String(e.id)}>
              <Credit tr={tr} {...e} />
              <a href={`/imports/bank#entry-${e.id}`}>{tr.t('bank.assignThere')}</a>
            </li>
          ))}
        </section>
      )}
      {refused.length > 0 && (
        <section class="card" id="refused">
          <h2>{tr.t('bank.refused')}</h2>
          {shown(tr, refused, (e) => (
            <li data-entry={String(e.id)}>
              <Credit tr={tr} {...e} />
              <p class="warning small bank-reason">{refusalWords(tr, e)}</p>
              {e.booking && <BookingLine tr={tr} booking={e.booking} />}
            </li>
          ))}
        </section>
      )}
      {already > 0 && <p class="card small muted">{tr.t('bank.alreadyCount', { count: already })}</p>}
    </Layout>
  );
}
