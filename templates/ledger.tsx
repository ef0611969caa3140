/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { DateTime } from 'luxon';
import { MONEY_KINDS, type Cashbook, type LedgerItem, type MoneyTotals } from '../src/domain/ledger/index.js';
import type { MessageKey } from '../src/i18n/index.js';
import { Field, Layout, type PageFrame } from './layout.js';
import type { Tr } from './tr.js';

/** The ledger's filter as the reader typed it (dates as YYYY-MM-DD, ids as digits; '' for "all"). */
export interface LedgerFilterValues {
  from: string;
  to: string;
  method: string;
  kind: string;
  departureId: string;
  managerId: string;
}

export interface LedgerPageProps extends PageFrame {
  filter: LedgerFilterValues;
  /** Field -> what is wrong with it, in the reader's words. */
  errors: Record<string, string>;
  methods: string[];
  trips: { id: number; title: string; departsAt: number | null }[];
  /** Directors choose whose bookings; null for a manager, who sees their own. */
  managers: { id: number; name: string }[] | null;
  /** Null when the filter was refused: the form comes back with its errors, no rows. */
  ledger: { items: LedgerItem[]; totals: MoneyTotals[]; nextCursor: string | null } | null;
  /** The page after the first: offers the way back. */
  paged: boolean;
  /** Rows per page when the address asks for other than the usual; kept by the page's own links. */
  limit: string;
}

export interface CashbookPageProps extends PageFrame {
  from: string;
  to: string;
  errors: Record<string, string>;
  book: Cashbook | null;
}

/** The filter in a link: the page's own links keep an emptied date (no bound), the downloads leave it out. */
function queryOf(values: Record<string, string>, keepEmpty: readonly string[] = []): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== '' || keepEmpty.includes(name)) query.set(name, value);
  return query.toString();
}

/** A labelled choice with its error beside it; a value not among the options is kept as given. */
function SelectField(props: { name: string; label: string; value: string; error?: string | undefined; all: string; options: { value: string; text: string }[] }) {
  const id = `f-${props.name}`;
  const known = props.value === '' || props.options.some((o) => o.value === props.value);
  const options = known || props.error ? props.options : [...props.options, { value: props.value, text: props.value }];
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${id}-error` : undefined}>
        <option value="">{props.all}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.text}
          </option>
        ))}
      </select>
      {props.error && (
        <span class="error" id={`${id}-error`}>
          {props.error}
        </span>
      )}
    </div>
  );
}

/** The refused fields named in one place above the form, each with its label. */
function FilterErrors(props: { tr: Tr; errors: Record<string, string>; labels: Record<string, string> }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="alert filter-errors" role="alert">
      <p>{props.tr.t('error.fields')}</p>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#f-${field}`}>{props.labels[field] ?? field}</a>: {message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Received, paid out, net and rows per currency, as figures a phone shows two abreast. */
function Totals(props: { tr: Tr; totals: MoneyTotals[] }) {
  const { tr } = props;
  return (
    <>
      {props.totals.map((total) => (
        <div class="money money-totals" data-currency={total.currency}>
          {props.totals.length > 1 && <p class="small muted currency-of">{total.currency}</p>}
          <div>
            {tr.t('ledger.received')}
            <strong class={total.receivedMinor < 0 ? 'out' : 'in'}>{signed(tr, total.receivedMinor, total.currency)}</strong>
          </div>
          <div>
            {tr.t('ledger.paidOut')}
            <strong class={total.paidOutMinor > 0 ? 'out' : undefined}>{signed(tr, -total.paidOutMinor, total.currency)}</strong>
          </div>
          <div>
            {tr.t('ledger.net')}
            <strong class={total.netMinor < 0 ? 'out' : undefined}>{signed(tr, total.netMinor, total.currency)}</strong>
          </div>
          <div>
            {tr.t('ledger.count')}
            <strong>{total.count}</strong>
          </div>
        </div>
      ))}
    </>
  );
}

/** Money out with a real minus sign, money in as it is. */
const signed = (tr: Tr, minor: number, currency: string) => (minor < 0 ? `−${tr.money(-minor, currency)}` : tr.money(minor, currency));

/** Who took the money: the staff member, else where it came from (the bank's statement, or paid online). */
const takenBy = (tr: Tr, row: LedgerItem) =>
  row.recordedBy ?? tr.t(row.method === 'bank' || row.method === 'bank_transfer' ? 'receipt.source.statement' : 'receipt.source.online');

function LedgerRows(props: { tr: Tr; items: LedgerItem[] }) {
  const { tr } = props;
  const heads: [MessageKey, string?][] = [
    ['ledger.receiptNumber'],
    ['ledger.receivedAt'],
    ['ledger.kind'],
    ['ledger.method'],
    ['ledger.amount', 'num'],
    ['ledger.client'],
    ['ledger.trip'],
    ['ledger.booking'],
    ['ledger.recordedBy'],
  ];
  const label = (key: MessageKey) => tr.t(key);
  return (
    <table class="report stack ledger">
      <thead>
        <tr>
          {heads.map(([key, cls]) => (
            <th scope="col" class={cls}>
              {tr.t(key)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.items.map((row) => {
          const out = row.deltaMinor < 0;
          return (
            <tr data-payment={String(row.id)} data-kind={row.kind}>
              <td data-label={label('ledger.receiptNumber')} class="nobr">
                {row.receiptNumber ? <a href={`/payments/${row.id}/receipt.pdf`}>{row.receiptNumber}</a> : tr.t('common.none')}
              </td>
              <td data-label={label('ledger.receivedAt')}>{tr.dateTime(row.receivedAt)}</td>
              <td data-label={label('ledger.kind')}>
                {tr.label('kind', row.kind)}
                {row.reversesReceiptNumber && <div class="small muted">{tr.t('ledgerPage.cancels', { number: row.reversesReceiptNumber })}</div>}
                {row.note && <div class="small muted note">{row.note}</div>}
                {row.reference && <div class="small muted note">{tr.t('ledgerPage.reference', { reference: row.reference })}</div>}
              </td>
              <td data-label={label('ledger.method')}>{tr.label('method', row.method)}</td>
              <td data-label={label('ledger.amount')} class={out ? 'num amount out' : 'num amount in'} data-delta={String(row.deltaMinor)}>
                {signed(tr, row.deltaMinor, row.currency)}
              </td>
              <td data-label={label('ledger.client')}>
                <a href={`/contacts/${row.contactId}`}>{row.contactName}</a>
              </td>
              <td data-label={label('ledger.trip')}>
                <a href={`/departures/${row.departureId}`}>{row.departureTitle}</a>
                <div class="small muted nobr">{tr.date(row.departsAt)}</div>
              </td>
              <td data-label={label('ledger.booking')} class="nobr">
                <a href={`/deals/${row.dealId}`}>{row.dealReference}</a>
              </td>
              <td data-label={label('ledger.recordedBy')}>{takenBy(tr, row)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function LedgerPage(props: LedgerPageProps) {
  const { tr, filter, errors, ledger } = props;
  const director = props.managers !== null;
  const labels: Record<string, string> = {
    from: tr.t('ledgerPage.from'),
    to: tr.t('ledgerPage.to'),
    method: tr.t('ledger.method'),
    kind: tr.t('ledger.kind'),
    departureId: tr.t('ledger.trip'),
    managerId: tr.t('common.manager'),
  };
  const values: Record<string, string> = { ...filter };
  if (!director) delete values.managerId;
  const own = queryOf({ ...values, limit: props.limit }, ['from', 'to']);
  const download = (format: 'csv' | 'xlsx') => `/payments/export?${queryOf({ format, ...values })}`;
  return (
    <Layout {...props} title={tr.t('ledgerPage.title')} current="payments">
      <div class="page-head">
        <h1>{tr.t('ledgerPage.title')}</h1>
        {director && (
          <span class="actions">
            <a class="button small secondary" href={`/reports/cashbook?${queryOf({ from: filter.from, to: filter.to }, ['from', 'to'])}`}>
              {tr.t('cashbook.sheet')}
            </a>
            <a class="button small secondary" href="/imports/bank">
              {tr.t('bank.title')}
            </a>
          </span>
        )}
      </div>
      {!director && <p class="muted">{tr.t('ledgerPage.own')}</p>}
      <FilterErrors tr={tr} errors={errors} labels={labels} />
      <form method="get" action="/payments" class="card filter no-print" role="search" aria-label={tr.t('ledgerPage.filter')}>
        <div class="fields">
          <Field name="from" type="date" label={labels.from!} value={filter.from} error={errors.from} />
          <Field name="to" type="date" label={labels.to!} value={filter.to} error={errors.to} />
          <SelectField name="method" label={labels.method!} value={filter.method} error={errors.method} all={tr.t('ledgerPage.allMethods')} options={props.methods.map((m) => ({ value: m, text: tr.label('method', m) }))} />
          <SelectField name="kind" label={labels.kind!} value={filter.kind} error={errors.kind} all={tr.t('ledgerPage.allKinds')} options={MONEY_KINDS.map((k) => ({ value: k, text: tr.label('kind', k) }))} />
          <SelectField
            name="departureId"
            label={labels.departureId!}
            value={filter.departureId}
            error={errors.departureId}
            all={tr.t('ledgerPage.allTrips')}
            options={props.trips.map((d) => ({ value: String(d.id), text: d.departsAt === null ? d.title : `${d.title} · ${tr.date(d.departsAt)}` }))}
          />
          {director && (
            <SelectField name="managerId" label={labels.managerId!} value={filter.managerId} error={errors.managerId} all={tr.t('common.allManagers')} options={props.managers!.map((m) => ({ value: String(m.id), text: m.name }))} />
          )}
        </div>
        <div class="actions">
          <button>{tr.t('common.show')}</button>
          <a class="button secondary" href="/payments">
            {tr.t('ledgerPage.thisMonth')}
          </a>
        </div>
      </form>

      {ledger && (
        <>
          <section class="card" aria-labelledby="totals-title">
            <h2 id="totals-title">{tr.t('ledgerPage.totals')}</h2>
            {ledger.totals.length === 0 ? <p class="muted">{tr.t('ledgerPage.none')}</p> : <Totals tr={tr} totals={ledger.totals} />}
            <p class="actions downloads no-print">
              <a class="button small secondary" href={download('csv')}>
                {tr.t('ledgerPage.csv')}
              </a>
              <a class="button small secondary" href={download('xlsx')}>
                {tr.t('ledgerPage.xlsx')}
              </a>
            </p>
          </section>

          {ledger.items.length > 0 && (
            <section aria-labelledby="rows-title">
              <h2 id="rows-title">{tr.t('ledgerPage.rows')}</h2>
              <LedgerRows tr={tr} items={ledger.items} />
              {(ledger.nextCursor || props.paged) && (
                <p class="actions no-print">
                  {props.paged && (
                    <a class="button secondary" href={`/payments?${own}`}>
                      {tr.t('ledgerPage.first')}
                    </a>
                  )}
                  {ledger.nextCursor && (
                    <a class="button" href={`/payments?${own}&cursor=${encodeURIComponent(ledger.nextCursor)}`} rel="next">
                      {tr.t('ledgerPage.next')}
                    </a>
                  )}
                </p>
              )}
            </section>
          )}
        </>
      )}
    </Layout>
  );
}

function CashbookLines(props: { tr: Tr; lines: (MoneyTotals & { method: string; date?: string })[]; ledgerLink?: (line: { date: string; method: string }) => string }) {
  const { tr } = props;
  const byDay = props.lines.some((line) => line.date !== undefined);
  const label = (key: MessageKey) => tr.t(key);
  return (
    <table class="report stack cashbook">
      <thead>
        <tr>
          {byDay && <th scope="col">{tr.t('cashbook.date')}</th>}
          <th scope="col">{tr.t('ledger.method')}</th>
          <th scope="col" class="num">{tr.t('ledger.received')}</th>
          <th scope="col" class="num">{tr.t('ledger.paidOut')}</th>
          <th scope="col" class="num">{tr.t('ledger.net')}</th>
          <th scope="col" class="num">{tr.t('ledger.count')}</th>
        </tr>
      </thead>
      <tbody>
        {props.lines.map((line) => (
          <tr data-day={line.date} data-method={line.method} data-currency={line.currency}>
            {byDay && (
              <td data-label={label('cashbook.date')} class="nobr">
                {props.ledgerLink ? <a href={props.ledgerLink({ date: line.date!, method: line.method })}>{dayText(tr, line.date!)}</a> : dayText(tr, line.date!)}
              </td>
            )}
            <td data-label={label('ledger.method')}>{tr.label('method', line.method)}</td>
            <td data-label={label('ledger.received')} class={line.receivedMinor < 0 ? 'num out' : line.receivedMinor === 0 ? 'num zero' : 'num in'}>
              {signed(tr, line.receivedMinor, line.currency)}
            </td>
            <td data-label={label('ledger.paidOut')} class={line.paidOutMinor > 0 ? 'num out' : 'num zero'}>
              {signed(tr, -line.paidOutMinor, line.currency)}
            </td>
            <td data-label={label('ledger.net')} class={line.netMinor < 0 ? 'num out' : 'num'}>
              <strong>{signed(tr, line.netMinor, line.currency)}</strong>
            </td>
            <td data-label={label('ledger.count')} class="num">
              {line.count}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A day of the cash book (YYYY-MM-DD in the agency's zone) as the reader writes dates. */
const dayText = (tr: Tr, day: string) => tr.date(DateTime.fromISO(day, { zone: tr.zone }).plus({ hours: 12 }).toMillis());

export function CashbookPage(props: CashbookPageProps) {
  const { tr, book, errors } = props;
  const labels: Record<string, string> = { from: tr.t('ledgerPage.from'), to: tr.t('ledgerPage.to') };
  const period = { from: props.from, to: props.to };
  const download = (format: 'csv' | 'xlsx') => `/reports/export/cashbook?${queryOf({ format, ...period })}`;
  const dayLink = (line: { date: string; method: string }) => `/payments?${queryOf({ from: line.date, to: line.date, method: line.method })}`;
  return (
    <Layout {...props} title={tr.t('cashbook.sheet')} current="reports">
      <div class="page-head">
        <h1>{tr.t('cashbook.sheet')}</h1>
        <a class="button small secondary" href={`/payments?${queryOf(period, ['from', 'to'])}`}>
          {tr.t('ledgerPage.title')}
        </a>
      </div>
      <p class="muted">{tr.t('cashbookPage.intro', { zone: tr.zoneName(book?.timeZone ?? tr.zone) })}</p>
      <FilterErrors tr={tr} errors={errors} labels={labels} />
      <form method="get" action="/reports/cashbook" class="card filter no-print" role="search" aria-label={tr.t('ledgerPage.filter')}>
        <div class="fields">
          <Field name="from" type="date" label={labels.from!} value={props.from} error={errors.from} />
          <Field name="to" type="date" label={labels.to!} value={props.to} error={errors.to} />
        </div>
        <div class="actions">
          <button>{tr.t('common.show')}</button>
          <a class="button secondary" href="/reports/cashbook">
            {tr.t('ledgerPage.thisMonth')}
          </a>
          {book && (
            <>
              <a class="button secondary" href={download('csv')}>
                {tr.t('ledgerPage.csv')}
              </a>
              <a class="button secondary" href={download('xlsx')}>
                {tr.t('ledgerPage.xlsx')}
              </a>
            </>
          )}
        </div>
      </form>

      {book && book.days.length === 0 && <p class="card muted">{tr.t('cashbookPage.none')}</p>}
      {book && book.days.length > 0 && (
        <>
          <section aria-labelledby="days-title">
            <h2 id="days-title">{tr.t('cashbookPage.byDay')}</h2>
            <CashbookLines tr={tr} lines={book.days} ledgerLink={dayLink} />
          </section>
          <section aria-labelledby="methods-title">
            <h2 id="methods-title">{tr.t('cashbook.byMethodSheet')}</h2>
            <CashbookLines tr={tr} lines={book.byMethod} />
          </section>
          <section class="card" aria-labelledby="totals-title">
            <h2 id="totals-title">{tr.t('ledger.totalsSheet')}</h2>
            <Totals tr={tr} totals={book.totals} />
          </section>
        </>
      )}
    </Layout>
  );
}
