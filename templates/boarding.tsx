/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { BoardingState, BoardingTraveller, CashReceipt, CashTaken } from '../src/domain/boarding/index.js';
import { currencyDigits } from '../src/domain/money.js';
import { genderOfName, type NameGender } from '../src/i18n/name-gender.js';
import { amountText } from './amount-text.js';
import { CsrfField, Layout, PhoneLink, type PageFrame } from './layout.js';
import type { Tr } from './tr.js';
import { INTL_LOCALE, type MessageKey } from '../src/i18n/index.js';
import { busName } from '../src/i18n/bus-words.js';

export interface BoardingStop {
  stop: { id: number; name: string; departsAt: number };
  travellers: BoardingTraveller[];
  total: number;
  boarded: number;
  noShow: number;
}

export interface BoardingTotals {
  total: number;
  boarded: number;
  noShow: number;
  expected: number;
  cash: CashTaken[];
}

/** A bus of the departure, for the links between their lists. */
export interface BoardingBus {
  id: number;
  label: string;
  seats: number;
  seatsBooked: number;
}

export interface BoardingPageProps extends PageFrame {
  departure: { id: number; title: string; departsAt: number; currency: string };
  /** The bus this page lists, and the departure's buses in order (links at the top when several). */
  vehicleId: number;
  vehicles: BoardingBus[];
  stops: BoardingStop[];
  totals: BoardingTotals;
  cashReceipts: CashReceipt[];
  /** When the list was read (ISO): a phone that kept a newer one offline shows its own. */
  at: string;
  q: string;
}

const STATES: BoardingState[] = ['boarded', 'no_show', 'expected'];

/** A catalogue text whose placeholders stay as `{name}` for the page's script to fill. */
const template = (tr: Tr, key: MessageKey, names: string[]) => tr.t(key, Object.fromEntries(names.map((n) => [n, `{${n}}`])));

/**
 * A count's wording for each plural form of the reader's language ("1 change", "3 changes"):
 * the script picks one with Intl.PluralRules and puts the number in for `#`.
 */
function pluralTemplates(tr: Tr, key: MessageKey): Record<string, string> {
  const rules = new Intl.PluralRules(tr.locale);
  const forms: Record<string, string> = {};
  for (let n = 0; n < 200 && Object.keys(forms).length < rules.resolvedOptions().pluralCategories.length; n++) {
    const form = rules.select(n);
    if (!(form in forms)) forms[form] = tr.t(key, { n }).replace(String(n), '#');
  }
  return forms;
}

/** The words the script shows, in the reader's language. */
function doorWords(tr: Tr, currency: string) {
  return {
    currency,
    locale: tr.locale,
    intl: INTL_LOCALE[tr.locale],
    zone: tr.zone,
    waiting: pluralTemplates(tr, 'door.waiting'),
    allSent: tr.t('door.allSent'),
    sending: tr.t('door.sending'),
    offline: tr.t('door.offline'),
    signIn: tr.t('door.signIn'),
    failed: tr.t('door.failed'),
    pending: tr.t('door.pending'),
    marked: template(tr, 'door.marked', ['state', 'time', 'who']),
    cashLine: template(tr, 'door.cashLine', ['amount', 'time', 'who']),
    cashConfirm: template(tr, 'door.cashConfirm', ['amount', 'client']),
    receipt: template(tr, 'ledger.receiptLink', ['number']),
    boardAll: template(tr, 'door.boardAll', ['n']),
    conflictMark: template(tr, 'door.conflictMark', ['name', 'state', 'who', 'time', 'mine']),
    conflictCash: template(tr, 'door.conflictCash', ['client', 'amount', 'why']),
    keepTheirs: tr.t('door.keepTheirs'),
    useMine: tr.t('door.useMine'),
    dismiss: tr.t('door.dismiss'),
    nobodyHere: tr.t('door.nobodyHere'),
    cash: template(tr, 'door.cashTotal', ['amount']),
    otherBus: template(tr, 'busLists.otherBus', ['ref', 'bus']),
    openBus: template(tr, 'busLists.openBus', ['bus']),
    scan: {
      camera: tr.t('scan.camera'),
      noCamera: tr.t('scan.noCamera'),
      noCode: tr.t('scan.noCode'),
      notHere: template(tr, 'scan.notHere', ['ref']),
      elsewhere: template(tr, 'scan.elsewhere', ['ref', 'title', 'when']),
      found: template(tr, 'scan.found', ['name']),
    },
    signOutPending: tr.t('door.signOutPending'),
  };
}

/** What the script starts from: every traveller's mark and every booking's money, as read. */
function doorState(props: BoardingPageProps) {
  const rows = props.stops.flatMap((s) => s.travellers);
  const travellers: Record<string, { dealId: number; boarding: BoardingState; boardingAt: string | null; boardingBy: string | null }> = {};
  const deals: Record<string, { balanceMinor: number; currency: string; client: string }> = {};
  for (const t of rows) {
    if (t.travellerId !== null) travellers[t.travellerId] = { dealId: t.dealId, boarding: t.boarding, boardingAt: t.boardingAt, boardingBy: t.boardingBy };
    const deal = deals[t.dealId] ?? { balanceMinor: 0, currency: t.currency, client: t.client };
    deal.balanceMinor += t.balanceMinor;
    deals[t.dealId] = deal;
  }
  return { at: props.at, travellers, deals, totals: props.totals, cashReceipts: props.cashReceipts };
}

/** JSON inside a script element: nothing in it can close the element. */
const scriptJson = (value: unknown) => ({ __html: JSON.stringify(value).replace(/</g, '\\u003c') });

/**
 * The bus door on a phone: each stop's travellers with their phone and what to collect, one
 * tap to mark them, the whole bus's counts always in view. Every button is a form (works
 * without JavaScript); with it, boarding.js keeps marks and cash on the phone while there
 * is no signal and sends them when it returns, and the camera reads vouchers.
 * A departure of several buses: the page is one bus's (its name in the title, its counts,
 * its cash), with links to the others at the top; one bus keeps the one address it always had.
 */
export function BoardingPage(props: BoardingPageProps) {
  const { tr, departure: d } = props;
  const several = props.vehicles.length > 1;
  const bus = props.vehicles.find((v) => v.id === props.vehicleId) ?? props.vehicles[0]!;
  const list = `/departures/${d.id}/boarding`;
  const busQuery = several ? `vehicleId=${bus.id}` : '';
  const query = (...parts: string[]) => (parts.some(Boolean) ? `?${parts.filter(Boolean).join('&')}` : '');
  const here = `${list}${query(busQuery, props.q ? `q=${encodeURIComponent(props.q)}` : '')}`;
  const title = tr.t('boarding.title', { title: several ? `${d.title} — ${busName(tr.locale, bus.label)}` : d.title });
  const found = props.stops.reduce((n, s) => n + s.travellers.length, 0);
  const receiptsOf = new Map<number, CashReceipt[]>();
  for (const r of props.cashReceipts) receiptsOf.set(r.dealId, [...(receiptsOf.get(r.dealId) ?? []), r]);
  const firstOfBooking = new Set<string>();
  const rowWords = rowWordsOf(tr);
  return (
    <Layout {...props} title={title} current="departures" script="/assets/boarding.js">
      <div class="door" data-door={String(d.id)} data-vehicle={several ? String(bus.id) : undefined} data-csrf={props.csrf}>
        <h1>{title}</h1>
        {several && (
          <nav class="tabs door-buses" aria-label={tr.t('busLists.buses')}>
            {props.vehicles.map((v) => (
              <a href={`${list}?vehicleId=${v.id}`} class={v.id === bus.id ? 'active' : undefined} aria-current={v.id === bus.id ? 'page' : undefined}>
                {busName(tr.locale, v.label)}
                <span>
                  {v.seatsBooked}/{v.seats}
                </span>
              </a>
            ))}
          </nav>
        )}
        <p class="muted">
          {tr.dateTime(d.departsAt)} · <a href={`/departures/${d.id}`}>{tr.t('boarding.toRoster')}</a> ·{' '}
          <a href={`/departures/${d.id}/boarding.pdf${query(busQuery)}`}>{tr.t('action.boardingPdf')}</a>
        </p>
        <div class="door-bar">
          <p class="door-counts" aria-live="polite">
            <span class="badge ok" data-total="boarded" data-template={tr.t('boarding.boardedCount', { n: '#' })}>
              {tr.t('boarding.boardedCount', { n: props.totals.boarded })}
            </span>
            <span class="badge" data-total="expected" data-template={tr.t('door.expectedCount', { n: '#' })}>
              {tr.t('door.expectedCount', { n: props.totals.expected })}
            </span>
            <span class="badge bad" data-total="no_show" data-template={tr.t('boarding.noShowCount', { n: '#' })}>
              {tr.t('boarding.noShowCount', { n: props.totals.noShow })}
            </span>
            <span class="badge today" data-total="cash">
              {tr.t('door.cashTotal', { amount: props.totals.cash.length ? props.totals.cash.map((c) => tr.money(c.amountMinor, c.currency)).join(' + ') : tr.money(0, d.currency) })}
            </span>
          </p>
          <div class="door-tools">
            <form method="get" action={list} class="inline door-find" role="search">
              {several && <input type="hidden" name="vehicleId" value={String(bus.id)} />}
              <label class="sr" for="boarding-q">
                {tr.t('boarding.find')}
              </label>
              <input id="boarding-q" name="q" value={props.q} placeholder={tr.t('boarding.find')} autocomplete="off" />
              <button class="secondary js-hide">{tr.t('roster.search')}</button>
            </form>
            <button type="button" class="secondary js-only" data-scan hidden>
              {tr.t('scan.button')}
            </button>
          </div>
          <p class="door-sync small" data-sync-status role="status" hidden></p>
        </div>
        <section class="door-conflicts card" data-conflicts hidden aria-live="polite">
          <h2>{tr.t('door.conflicts')}</h2>
          <ul></ul>
        </section>
        <p class="muted door-nobody" data-nobody hidden={props.q === '' || found > 0}>
          {tr.t('door.nobodyHere')} {props.q !== '' && <a href={`${list}${query(busQuery)}`}>{tr.t('door.showAll')}</a>}
        </p>
        {props.stops
          .filter((entry) => props.q === '' || entry.travellers.length > 0)
          .map((entry) => (
            <section class="boarding-stop" data-stop={String(entry.stop.id)}>
              <h2>
                {tr.time(entry.stop.departsAt)} · {entry.stop.name}
              </h2>
              <p class="counts">
                <span class="badge">{tr.t('boarding.booked', { n: entry.total })}</span>
                <span class="badge ok" data-count="boarded" data-template={tr.t('boarding.boardedCount', { n: '#' })}>
                  {tr.t('boarding.boardedCount', { n: entry.boarded })}
                </span>
                <span class="badge bad" data-count="no_show" data-template={tr.t('boarding.noShowCount', { n: '#' })}>
                  {tr.t('boarding.noShowCount', { n: entry.noShow })}
                </span>
              </p>
              {entry.travellers.length === 0 ? (
                <p class="muted">{tr.t('boarding.nobody')}</p>
              ) : (
                <ul class="boarding">
                  {entry.travellers.map((t) => {
                    const first = !firstOfBooking.has(String(t.dealId));
                    firstOfBooking.add(String(t.dealId));
                    const booking = entry.travellers.filter((o) => o.dealId === t.dealId);
                    const head = first
                      ? {
                          family: booking.filter((o) => o.travellerId !== null),
                          balanceMinor: booking.reduce((n, o) => n + o.balanceMinor, 0),
                          receipts: receiptsOf.get(t.dealId) ?? [],
                        }
                      : null;
                    return <BoardingRow tr={tr} csrf={props.csrf} traveller={t} back={here} head={head} words={rowWords} />;
                  })}
                </ul>
              )}
            </section>
          ))}
        <dialog class="door-dialog" data-cash-dialog>
          <form method="dialog">
            <p data-cash-question></p>
            <div class="actions">
              <button value="yes" class="tap ok">
                {tr.t('door.cashYes')}
              </button>
              <button value="no" class="secondary">
                {tr.t('door.back')}
              </button>
            </div>
          </form>
        </dialog>
        <dialog class="door-dialog scanner" data-scanner aria-labelledby="scan-title">
          <h2 id="scan-title">{tr.t('scan.title')}</h2>
          <video data-scan-video playsinline muted></video>
          <p class="small" data-scan-message role="status"></p>
          <label class="button secondary">
            {tr.t('scan.photo')}
            <input type="file" accept="image/*" capture="environment" data-scan-photo class="sr" />
          </label>
          <button type="button" class="secondary" data-scan-close>
            {tr.t('door.back')}
          </button>
        </dialog>
        <script type="application/json" id="door-state" dangerouslySetInnerHTML={scriptJson(doorState(props))}></script>
        <script type="application/json" id="door-words" dangerouslySetInnerHTML={scriptJson(doorWords(tr, d.currency))}></script>
      </div>
    </Layout>
  );
}

function markedLine(tr: Tr, t: BoardingTraveller, word: string): string {
  if (t.boarding === 'expected' || t.boardingAt === null) return word;
  return tr.t('door.marked', { state: word, time: tr.time(Date.parse(t.boardingAt)), who: t.boardingBy ?? '' });
}

/** What the booking's first row on the list carries for the whole booking. */
interface BookingHead {
  family: BoardingTraveller[];
  balanceMinor: number;
  receipts: CashReceipt[];
}

/** A traveller's words (their state, the buttons), agreeing with them. */
interface RowWords extends Record<BoardingState, string> {
  board: string;
  noShow: string;
  undo: string;
}

/** The row words of each gender, worded once per page: a coach has fifty rows and three genders. */
function rowWordsOf(tr: Tr): (g: NameGender) => RowWords {
  const known = new Map<NameGender, RowWords>();
  return (g) => {
    let words = known.get(g);
    if (!words) {
      words = {
        ...(Object.fromEntries(STATES.map((s) => [s, tr.t(`boarding.is.${s}`, { g })])) as Record<BoardingState, string>),
        board: tr.t('boarding.board', { g }),
        noShow: tr.t('boarding.noShow', { g }),
        undo: tr.t('boarding.undo'),
      };
      known.set(g, words);
    }
    return words;
  };
}

function BoardingRow(props: { tr: Tr; csrf: string; traveller: BoardingTraveller; back: string; head: BookingHead | null; words: (g: NameGender) => RowWords }) {
  const { tr, traveller: t } = props;
  const words = props.words(genderOfName(t.name || t.client));
  // Back to this traveller after a form (a booking's unnamed seats have no place of their own).
  const back = t.travellerId === null ? props.back : `${props.back}#t${t.travellerId}`;
  const mark = (state: BoardingState, label: string, tone: string) => (
    <form method="post" action={`/deals/${t.dealId}/boarding`} class={`inline mark ${state === 'expected' ? 'undo' : ''}`} data-mark={state}>
      <CsrfField csrf={props.csrf} once={false} />
      <input type="hidden" name="back" value={back} />
      <input type="hidden" name="travellerId" value={String(t.travellerId)} />
      <input type="hidden" name="state" value={state} />
      <input type="hidden" name="ifState" value={t.boarding} />
      <button class={`tap ${tone}`} aria-pressed={state !== 'expected' ? String(t.boarding === state) : undefined}>
        {label}
      </button>
    </form>
  );
  const head = props.head;
  const waiting = head?.family.filter((o) => o.boarding === 'expected') ?? [];
  return (
    <li
      class="card boarding-row"
      id={t.travellerId === null ? undefined : `t${t.travellerId}`}
      data-boarding={t.boarding}
      data-traveller={t.travellerId === null ? undefined : String(t.travellerId)}
      data-deal={String(t.dealId)}
      data-ref={t.reference}
      data-search={`${t.name} ${t.client} ${t.phone ?? ''} ${t.reference}`}
      data-name={t.name || t.client}
      data-word-boarded={words.boarded}
      data-word-no_show={words.no_show}
      data-word-expected={words.expected}
    >
      <div class="who">
        {t.seat !== null && (
          <span class="seat-no" title={tr.t('boarding.seat')}>
            {t.seat}
          </span>
        )}
        <strong>{t.name || tr.t('boarding.unnamed', { client: t.client })}</strong>
        {t.name && t.name !== t.client && <span class="muted small"> · {t.client}</span>}
        <div class="small">
          <PhoneLink tr={tr} phone={t.phone} /> <span class="muted">{t.reference}</span>
        </div>
        {t.extras.length > 0 && <div class="small extras">{tr.t('busLists.extrasLine', { list: t.extras.join(', ') })}</div>}
        {t.bookingExtras.length > 0 && <div class="small extras">{tr.t('busLists.bookingExtrasLine', { list: t.bookingExtras.join(', ') })}</div>}
        <div class="state small" aria-live="polite">
          {markedLine(tr, t, words[t.boarding])}
        </div>
      </div>
      {t.travellerId !== null ? (
        <div class="taps">
          {mark('boarded', words.board, 'ok')}
          {mark('no_show', words.noShow, 'bad')}
          {mark('expected', words.undo, 'secondary')}
        </div>
      ) : (
        <p class="small muted">
          <a href={`/deals/${t.dealId}`}>{tr.t('boarding.nameThem')}</a>
        </p>
      )}
      {head && head.family.length > 1 && (
        <form method="post" action={`/deals/${t.dealId}/boarding`} class="inline board-all" data-board-all hidden={waiting.length < 2}>
          <CsrfField csrf={props.csrf} once={false} />
          <input type="hidden" name="back" value={back} />
          <input type="hidden" name="travellerIds" value={waiting.map((o) => o.travellerId).join(',')} />
          <input type="hidden" name="state" value="boarded" />
          <input type="hidden" name="ifState" value="expected" />
          <button class="tap ok">{tr.t('door.boardAll', { n: waiting.length })}</button>
        </form>
      )}
      {head && head.balanceMinor > 0 && (
        <form method="post" action={`/deals/${t.dealId}/payments`} class="inline collect" data-collect={String(head.balanceMinor)} data-label={template(tr, 'boarding.collect', ['amount'])}>
          <CsrfField csrf={props.csrf} />
          <input type="hidden" name="back" value={back} />
          <input type="hidden" name="amount" value={amountText(head.balanceMinor, currencyDigits(t.currency), 'en')} />
          <input type="hidden" name="method" value="cash" />
          {/* One collection per balance seen: a second tap on the same page records nothing twice. */}
          <input type="hidden" name="idempotencyKey" value={`door-${t.dealId}-${t.paidMinor}`} />
          <button class="tap">{tr.t('boarding.collect', { amount: tr.money(head.balanceMinor, t.currency) })}</button>
        </form>
      )}
      <ul class="receipts small" data-receipts={head ? String(t.dealId) : undefined}>
        {(head?.receipts ?? []).map((r) => (
          <li>
            {tr.t('door.cashLine', { amount: tr.money(r.amountMinor, r.currency), time: tr.time(Date.parse(r.receivedAt)), who: r.by ?? '' })}{' '}
            {r.receiptNumber && <a href={`/payments/${r.paymentId}/receipt.pdf`}>{tr.t('ledger.receiptLink', { number: r.receiptNumber })}</a>}
          </li>
        ))}
      </ul>
    </li>
  );
}
