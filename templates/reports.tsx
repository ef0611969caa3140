/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { CategorySplit, DepartureFigures, MoneyTotals } from '../src/domain/reports/departures-report.js';
import type { funnelReport } from '../src/domain/reports/funnel.js';
import type { ExtrasSplit } from '../src/domain/reports/extras-revenue.js';
import { Layout, type PageFrame } from './layout.js';
import type { Tr } from './tr.js';

type Funnel = Awaited<ReturnType<typeof funnelReport>>;

export interface ReportsPageProps extends PageFrame {
  from: string;
  to: string;
  departures: DepartureFigures[];
  totals: MoneyTotals[];
  funnel: Funnel;
  /** Trips that sell more than one price category: their revenue split by category. */
  categories: CategorySplit[];
  /** Trips that sell extras (or whose bookings took some): how many take each and its revenue. */
  extras?: ExtrasSplit[] | undefined;
}

const pct = (tr: Tr, value: number | null) =>
  value === null ? '—' : new Intl.NumberFormat(tr.locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);

/**
 * Horizontal bars drawn on the server: one row per label, the bar's share of `of` (a whole
 * the rows are parts of, such as all refusals) or, without it, of the longest row.
 */
type BarTone = 'ok' | 'warn' | 'bad' | 'brand';
type BarRow = { label: string; value: number; parts?: { value: number; tone: BarTone }[]; text: string };

function Bars(props: { rows: BarRow[]; title: string; of?: number }) {
  const rowHeight = 22;
  const labelWidth = 250;
  const barWidth = 340;
  const textWidth = 250;
  const max = Math.max(1, props.of ?? Math.max(...props.rows.map((r) => r.value)));
  const height = props.rows.length * rowHeight + 4;
  const fill: Record<BarTone, string> = { ok: '#1e7d4f', warn: '#d08a1a', bad: '#b3261e', brand: '#1f5fbf' };
  return (
    <>
    <svg class="chart" viewBox={`0 0 ${labelWidth + barWidth + textWidth} ${height}`} role="img" aria-label={props.title}>
      <title>{props.title}</title>
      {props.rows.map((row, i) => {
        const y = i * rowHeight + 2;
        let x = labelWidth;
        const parts = row.parts ?? [{ value: row.value, tone: 'brand' as const }];
        return (
          <g>
            <text x={labelWidth - 8} y={y + 15} text-anchor="end" font-size="11" fill="#1d2330">
              {row.label.length > 34 ? `${row.label.slice(0, 33)}…` : row.label}
            </text>
            <rect x={labelWidth} y={y + 2} width={barWidth} height={rowHeight - 6} fill="#eef1f6" />
            {parts.map((part) => {
              const w = (part.value / max) * barWidth;
              const rect = <rect x={x} y={y + 2} width={Math.max(0, w)} height={rowHeight - 6} fill={fill[part.tone]} />;
              x += w;
              return rect;
            })}
            <text x={labelWidth + barWidth + 8} y={y + 15} font-size="12" fill="#5d6677">
              {row.text}
            </text>
          </g>
        );
      })}
    </svg>
    <NarrowBars rows={props.rows} title={props.title} max={max} fill={fill} />
    </>
  );
}

/**
 * The same bars for a phone (shown below 760 px, where the wide drawing's words would be a few
 * pixels high): each row its label and figure in text that wraps, over a bar the width of the
 * screen. The bar is SVG, as the page's policy allows no inline styles.
 */
function NarrowBars(props: { rows: BarRow[]; title: string; max: number; fill: Record<BarTone, string> }) {
  const width = 1000;
  return (
    <div class="chart-rows" role="group" aria-label={props.title}>
      {props.rows.map((row) => {
        let x = 0;
        const parts = row.parts ?? [{ value: row.value, tone: 'brand' as const }];
        return (
          <div class="chart-row">
            <span class="chart-label">{row.label}</span>
            <span class="chart-value">{row.text}</span>
            <svg class="chart-bar" viewBox={`0 0 ${width} 10`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
              <rect x="0" y="0" width={width} height="10" fill="#eef1f6" />
              {parts.map((part) => {
                const w = Math.max(0, (part.value / props.max) * width);
                const rect = <rect x={x} y="0" width={w} height="10" fill={props.fill[part.tone]} />;
                x += w;
                return rect;
              })}
            </svg>
          </div>
        );
      })}
    </div>
  );
}

/** A figure of a trip card: its words over its amount. */
function Figure(props: { label: string; value: string; tone?: string | undefined; data?: Record<string, string> }) {
  return (
    <div class={props.tone} {...(props.data ?? {})}>
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}

/**
 * The departures table for a phone (shown below 760 px instead of the table): a card per trip
 * with what the director looks for first (collected, owed, margin), then the rest; the totals
 * per currency last.
 */
function TripCards(props: { tr: Tr; departures: DepartureFigures[]; totals: MoneyTotals[] }) {
  const { tr } = props;
  const money = (minor: number, currency: string) => tr.money(minor, currency);
  const key = (f: { collectedMinor: number; outstandingMinor: number; marginMinor: number; currency: string }) => (
    <dl class="trip-key">
      <Figure label={tr.t('report.collected')} value={money(f.collectedMinor, f.currency)} />
      <Figure label={tr.t('report.outstanding')} value={money(f.outstandingMinor, f.currency)} tone={f.outstandingMinor > 0 ? 'owed' : undefined} />
      <Figure label={tr.t('report.margin')} value={money(f.marginMinor, f.currency)} tone={f.marginMinor < 0 ? 'loss' : undefined} data={{ 'data-margin': String(f.marginMinor) }} />
    </dl>
  );
  const rest = (f: DepartureFigures | MoneyTotals) => (
    <dl class="trip-rest">
      <Figure label={tr.t('report.booked')} value={`${f.seatsBooked} / ${f.seats}`} />
      <Figure label={tr.t('report.travellers')} value={String(f.travellers)} />
      <Figure label={tr.t('report.contracted')} value={money(f.contractedMinor, f.currency)} />
      {f.feesMinor ? <Figure label={tr.t('report.fees')} value={money(f.feesMinor, f.currency)} /> : null}
      {f.refundDueMinor ? <Figure label={tr.t('report.refundDue')} value={money(f.refundDueMinor, f.currency)} /> : null}
      {f.costsMinor ? <Figure label={tr.t('report.costs')} value={money(f.costsMinor, f.currency)} /> : null}
    </dl>
  );
  return (
    <ul class="trip-cards">
      {props.departures.map((d) => (
        <li class="trip-card" data-trip-card={String(d.departureId)}>
          <h3>
            <a href={`/departures/${d.departureId}`}>{d.title}</a>
          </h3>
          <p class="small muted">
            {tr.dateTime(d.departsAt)}
            {d.rating.average !== null && <> · {tr.t('report.rating')}: {tr.t('report.ratingValue', { average: d.rating.average, count: d.rating.count })}</>}
          </p>
          {key(d)}
          {rest(d)}
        </li>
      ))}
      {props.totals.map((t) => (
        <li class="trip-card total" data-total-card={t.currency}>
          <h3>{tr.t('report.total', { n: t.departures })}</h3>
          {key(t)}
          {rest(t)}
        </li>
      ))}
    </ul>
  );
}

export function ReportsPage(props: ReportsPageProps) {
  const { tr, funnel } = props;
  const query = `from=${encodeURIComponent(props.from)}&to=${encodeURIComponent(props.to)}`;
  const money = (minor: number, currency: string) => tr.money(minor, currency);
  return (
    <Layout {...props} title={tr.t('reports.title')} current="reports">
      <h1>{tr.t('reports.title')}</h1>
      <form method="get" action="/reports" class="inline card no-print">
        <label for="from">{tr.t('reports.from')}</label>
        <input id="from" name="from" type="date" value={props.from} />
        <label for="to">{tr.t('reports.to')}</label>
        <input id="to" name="to" type="date" value={props.to} />
        <button class="secondary">{tr.t('reports.show')}</button>
        <a class="button small secondary" href={`/reports/export/departures?${query}&format=xlsx`}>
          {tr.t('reports.departuresXlsx')}
        </a>
        <a class="button small secondary" href={`/reports/export/departures?${query}&format=csv`}>
          {tr.t('reports.departuresCsv')}
        </a>
        <a class="button small secondary" href={`/reports/export/funnel?${query}&format=xlsx`}>
          {tr.t('reports.funnelXlsx')}
        </a>
        <a class="button small secondary" href={`/reports/export/funnel?${query}&format=csv`}>
          {tr.t('reports.funnelCsv')}
        </a>
        <a class="button small secondary" href="/reports/cashbook">
          {tr.t('cashbook.sheet')}
        </a>
      </form>

      <section class="card">
        <h2>{tr.t('reports.departures')}</h2>
        {props.departures.length === 0 ? (
          <p class="muted">{tr.t('reports.none')}</p>
        ) : (
          <>
            <div class="table-wrap trips-table" tabindex={0} role="region" aria-label={tr.t('common.scrollTable')}>
              <table class="report">
                <thead>
                  <tr>
                    <th>{tr.t('report.departure')}</th>
                    <th class="num">{tr.t('report.booked')}</th>
                    <th class="num">{tr.t('report.travellers')}</th>
                    <th class="num">{tr.t('report.contracted')}</th>
                    <th class="num">{tr.t('report.collected')}</th>
                    <th class="num">{tr.t('report.outstanding')}</th>
                    <th class="num">{tr.t('report.fees')}</th>
                    <th class="num">{tr.t('report.refundDue')}</th>
                    <th class="num">{tr.t('report.costs')}</th>
                    <th class="num">{tr.t('report.margin')}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.departures.map((d) => (
                    <tr data-departure={String(d.departureId)}>
                      <td>
                        <a href={`/departures/${d.departureId}`}>{d.title}</a>
                        <div class="small muted">{tr.dateTime(d.departsAt)}</div>
                        {d.rating.average !== null && (
                          <div class="small" data-rating={String(d.rating.average)}>
                            {tr.t('report.rating')}: {tr.t('report.ratingValue', { average: d.rating.average, count: d.rating.count })}
                          </div>
                        )}
                      </td>
                      <td class="num">
                        {d.seatsBooked} / {d.seats}
                      </td>
                      <td class="num">{d.travellers}</td>
                      <td class="num">{money(d.contractedMinor, d.currency)}</td>
                      <td class="num">{money(d.collectedMinor, d.currency)}</td>
                      <td class="num">{money(d.outstandingMinor, d.currency)}</td>
                      <td class="num">{d.feesMinor ? money(d.feesMinor, d.currency) : ''}</td>
                      <td class="num">{d.refundDueMinor ? money(d.refundDueMinor, d.currency) : ''}</td>
                      <td class="num">{d.costsMinor ? money(d.costsMinor, d.currency) : ''}</td>
                      <td class={d.marginMinor < 0 ? 'num error' : 'num'} data-margin={String(d.marginMinor)}>
                        {money(d.marginMinor, d.currency)}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  {props.totals.map((t) => (
                    <tr data-total={t.currency}>
                      <th>{tr.t('report.total', { n: t.departures })}</th>
                      <td class="num">
                        {t.seatsBooked} / {t.seats}
                      </td>
                      <td class="num">{t.travellers}</td>
                      <td class="num">{money(t.contractedMinor, t.currency)}</td>
                      <td class="num">{money(t.collectedMinor, t.currency)}</td>
                      <td class="num">{money(t.outstandingMinor, t.currency)}</td>
                      <td class="num">{t.feesMinor ? money(t.feesMinor, t.currency) : ''}</td>
                      <td class="num">{t.refundDueMinor ? money(t.refundDueMinor, t.currency) : ''}</td>
                      <td class="num">{t.costsMinor ? money(t.costsMinor, t.currency) : ''}</td>
                      <td class={t.marginMinor < 0 ? 'num error' : 'num'}>{money(t.marginMinor, t.currency)}</td>
                    </tr>
                  ))}
                </tfoot>
              </table>
            </div>
            <TripCards tr={tr} departures={props.departures} totals={props.totals} />
            <h3>{tr.t('reports.fill')}</h3>
            <Bars
              title={tr.t('reports.fill')}
              rows={props.departures.map((d) => ({
                label: `${d.title} · ${tr.date(d.departsAt)}`,
                value: d.seats,
                parts: [{ value: d.seatsBooked, tone: 'brand' }],
                text: `${d.seatsBooked} / ${d.seats}`,
              }))}
            />
            <h3>{tr.t('reports.money')}</h3>
            <p class="small muted legend">
              <span class="swatch ok" /> {tr.t('report.collected')} <span class="swatch warn" /> {tr.t('report.outstanding')}
            </p>
            <Bars
              title={tr.t('reports.money')}
              rows={props.departures.map((d) => ({
                label: `${d.title} · ${tr.date(d.departsAt)}`,
                value: Math.max(0, d.collectedMinor) + d.outstandingMinor,
                parts: [
                  { value: Math.max(0, d.collectedMinor), tone: 'ok' },
                  { value: d.outstandingMinor, tone: 'warn' },
                ],
                text: `${money(d.collectedMinor, d.currency)} + ${money(d.outstandingMinor, d.currency)}`,
              }))}
            />
            <h3>{tr.t('reports.marginBars')}</h3>
            <p class="small muted legend">
              <span class="swatch bad" /> {tr.t('report.costs')} <span class="swatch ok" /> {tr.t('report.margin')}
            </p>
            <Bars
              title={tr.t('reports.marginBars')}
              rows={props.departures.map((d) => ({
                label: `${d.title} · ${tr.date(d.departsAt)}`,
                value: Math.max(d.contractedMinor, d.costsMinor),
                parts: [
                  { value: Math.min(d.costsMinor, Math.max(d.contractedMinor, d.costsMinor)), tone: 'bad' },
                  { value: Math.max(0, d.marginMinor), tone: 'ok' },
                ],
                text: tr.t(d.marginMinor < 0 ? 'reports.marginLoss' : 'reports.marginText', { margin: money(Math.abs(d.marginMinor), d.currency), costs: money(d.costsMinor, d.currency) }),
              }))}
            />
            {props.categories.length > 0 && (
              <>
                <h3>{tr.t('reports.byCategory')}</h3>
                <div class="table-wrap" tabindex={0} role="region" aria-label={tr.t('common.scrollTable')}>
                  <table class="report">
                    <thead>
                      <tr>
                        <th>{tr.t('report.departure')}</th>
                        <th>{tr.t('deal.category')}</th>
                        <th class="num">{tr.t('report.booked')}</th>
                        <th class="num">{tr.t('report.contracted')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {props.categories.flatMap((d) =>
                        d.split.map((c, i) => (
                          <tr>
                            <td>{i === 0 ? `${d.title} · ${tr.date(d.departsAt)}` : ''}</td>
                            <td>{c.label || tr.label('category', c.category)}</td>
                            <td class="num">{c.seats}</td>
                            <td class="num">{money(c.revenueMinor, d.currency)}</td>
                          </tr>
                        )),
                      )}
                    </tbody>
                  </table>
                </div>
              </>
            )}
            {props.extras && props.extras.length > 0 && (
              <>
                <h3>{tr.t('extras.report')}</h3>
                <div class="table-wrap" tabindex={0} role="region" aria-label={tr.t('common.scrollTable')}>
                  <table class="report" data-extras-report>
                    <thead>
                      <tr>
                        <th>{tr.t('report.departure')}</th>
                        <th>{tr.t('extras.extra')}</th>
                        <th class="num">{tr.t('extras.unit')}</th>
                        <th class="num">{tr.t('extras.count')}</th>
                        <th class="num">{tr.t('extras.revenue')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {props.extras.flatMap((d) =>
                        d.extras.map((e, i) => (
                          <tr data-extra={e.code}>
                            <td>{i === 0 ? `${d.title} · ${tr.date(d.departsAt)}` : ''}</td>
                            <td class={e.sold ? undefined : 'muted'}>
                              {e.label}
                              <span class="small muted"> · {e.sold ? tr.t(e.per === 'booking' ? 'extras.perBooking' : 'extras.perTraveller') : tr.t('extras.notSold')}</span>
                            </td>
                            <td class="num">{money(e.priceMinor, d.currency)}</td>
                            <td class="num">{e.count}</td>
                            <td class="num">{money(e.revenueMinor, d.currency)}</td>
                          </tr>
                        )),
                      )}
                    </tbody>
                  </table>
                </div>
                {props.extras.some((d) => d.extras.some((e) => !e.sold)) && <p class="small muted">{tr.t('extras.notSoldHint')}</p>}
              </>
            )}
          </>
        )}
      </section>

      <section class="card">
        <h2>{tr.t('reports.funnel')}</h2>
        <p class="muted">
          {tr.t('reports.funnelSummary', {
            inquiries: funnel.inquiries,
            offer: pct(tr, funnel.offerRate),
            booked: pct(tr, funnel.conversionRate),
            hours: funnel.medianHoursToFirstOffer ?? '—',
            onTime: pct(tr, funnel.firstOfferOnTimeShare),
          })}
        </p>
        <Bars
          title={tr.t('reports.funnel')}
          rows={[
            { label: tr.t('funnel.inquiries'), value: funnel.inquiries, text: String(funnel.inquiries) },
            { label: tr.t('funnel.offered'), value: funnel.offered, text: `${funnel.offered} (${pct(tr, funnel.offerRate)})` },
            { label: tr.t('funnel.booked'), value: funnel.booked, parts: [{ value: funnel.booked, tone: 'ok' }], text: `${funnel.booked} (${pct(tr, funnel.conversionRate)})` },
          ]}
        />
        <h3>{tr.t('reports.reasons')}</h3>
        {funnel.refusalReasons.length + funnel.blacklistReasons.length === 0 ? (
          <p class="muted">{tr.t('reports.noReasons')}</p>
        ) : (
          <Bars
            title={tr.t('reports.reasons')}
            of={[...funnel.refusalReasons, ...funnel.blacklistReasons].reduce((sum, r) => sum + r.count, 0)}
            rows={[...funnel.refusalReasons, ...funnel.blacklistReasons].map((r) => ({
              label: tr.label('inquiryReason', r.reason),
              value: r.count,
              parts: [{ value: r.count, tone: 'bad' }],
              text: `${r.count} (${pct(tr, r.share)})`,
            }))}
          />
        )}
        <div class="table-wrap" tabindex={0} role="region" aria-label={tr.t('common.scrollTable')}>
          <table class="report">
            <thead>
              <tr>
                <th>{tr.t('report.manager')}</th>
                <th class="num">{tr.t('funnel.inquiries')}</th>
                <th class="num">{tr.t('funnel.offerRate')}</th>
                <th class="num">{tr.t('funnel.conversion')}</th>
                <th class="num">{tr.t('funnel.medianHours')}</th>
                <th class="num">{tr.t('funnel.onTime')}</th>
              </tr>
            </thead>
            <tbody>
              {[...funnel.byManager, { ...funnel.reactivations, manager: tr.t('funnel.reactivations'), managerId: -1 }].map((m) => (
                <tr>
                  <td>{m.manager ?? tr.t('funnel.noManager')}</td>
                  <td class="num">{m.inquiries}</td>
                  <td class="num">{pct(tr, m.offerRate)}</td>
                  <td class="num">{pct(tr, m.conversionRate)}</td>
                  <td class="num">{m.medianHoursToFirstOffer ?? '—'}</td>
                  <td class="num">{pct(tr, m.firstOfferOnTimeShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
}
