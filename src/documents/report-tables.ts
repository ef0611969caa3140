import type { MessageKey } from '../i18n/index.js';
import type { CategorySplit, DealLine, DepartureFigures, MoneyTotals } from '../domain/reports/departures-report.js';
import type { funnelReport } from '../domain/reports/funnel.js';
import type { ExtraRevenue, ExtrasSplit } from '../domain/reports/extras-revenue.js';
import type { Tr } from '../../templates/tr.js';
import { instant, money, number, share, text, type Cell, type Table } from './table.js';

const MONEY_HEADER: MessageKey[] = ['report.seats', 'report.booked', 'report.travellers', 'report.contracted', 'report.collected', 'report.outstanding', 'report.fees', 'report.refundDue', 'report.costs', 'report.margin', 'report.currency'];

const moneyCells = (row: Omit<MoneyTotals, 'departures'>): Cell[] => [
  number(row.seats),
  number(row.seatsBooked),
  number(row.travellers),
  money(row.contractedMinor, row.currency),
  money(row.collectedMinor, row.currency),
  money(row.outstandingMinor, row.currency),
  money(row.feesMinor, row.currency),
  money(row.refundDueMinor, row.currency),
  money(row.costsMinor, row.currency),
  money(row.marginMinor, row.currency),
  text(row.currency),
];

const headers = (tr: Tr, keys: MessageKey[]) => keys.map((key) => ({ header: tr.t(key) }));

const categoryWord = (tr: Tr, c: { category: string; label: string | null }) => c.label || tr.label('category', c.category);

/** Seats and revenue per price category, for the trips that sell more than one. */
function categoryTable(tr: Tr, splits: Pick<CategorySplit, 'title' | 'departsAt' | 'currency' | 'split'>[]): Table {
  return {
    title: tr.t('reports.byCategory'),
    columns: headers(tr, ['report.departure', 'report.departsAt', 'deal.category', 'report.booked', 'report.contracted', 'report.currency']),
    rows: splits.flatMap((d) => d.split.map((c) => [text(d.title), instant(d.departsAt), text(categoryWord(tr, c)), number(c.seats), money(c.revenueMinor, d.currency), text(d.currency)])),
  };
}

/** How many take each extra and its revenue (a code no longer sold: its code, price 0), per trip that sells or sold any. */
function extrasTable(tr: Tr, splits: Pick<ExtrasSplit, 'title' | 'departsAt' | 'currency' | 'extras'>[]): Table {
  return {
    title: tr.t('extras.report'),
    columns: headers(tr, ['report.departure', 'report.departsAt', 'extras.code', 'extras.extra', 'extras.per', 'extras.unit', 'extras.count', 'extras.revenue', 'report.currency']),
    rows: splits.flatMap((d) =>
      d.extras.map((e) => [
        text(d.title),
        instant(d.departsAt),
        text(e.code),
        text(e.sold ? e.label : `${e.label} (${tr.t('extras.notSold')})`),
        text(tr.t(e.per === 'booking' ? 'extras.perBooking' : 'extras.perTraveller')),
        money(e.priceMinor, d.currency),
        number(e.count),
        money(e.revenueMinor, d.currency),
        text(d.currency),
      ]),
    ),
  };
}

/** Per departure, then a total line per currency; then the revenue by price category, when any trip sells several, and per extra, when any sells extras. */
export function departuresReportTables(report: { items: DepartureFigures[]; totals: MoneyTotals[] }, tr: Tr, categories: CategorySplit[] = [], extras: ExtrasSplit[] = []): Table[] {
  const statuses = (byStatus: Record<string, number>) =>
    Object.entries(byStatus)
      .map(([status, n]) => `${tr.label('status', status)}: ${n}`)
      .join('; ');
  return [
    {
      title: tr.t('reports.departures'),
      columns: headers(tr, ['report.departure', 'report.departsAt', ...MONEY_HEADER, 'report.dealsByStatus', 'report.rating', 'report.ratingCount']),
      rows: [
        ...report.items.map((row) => [
          text(row.title),
          instant(row.departsAt),
          ...moneyCells(row),
          text(statuses(row.dealsByStatus)),
          row.rating.average === null ? null : number(row.rating.average),
          number(row.rating.count),
        ]),
        ...report.totals.map((total) => [text(tr.t('report.total', { n: total.departures })), null, ...moneyCells(total), null, null, null]),
      ],
    },
    ...(categories.length ? [categoryTable(tr, categories)] : []),
    ...(extras.length ? [extrasTable(tr, extras)] : []),
  ];
}

type OneDeparture = DepartureFigures & {
  deals: DealLine[];
  paymentsByMethod: { method: string; inMinor: number; outMinor: number; netMinor: number }[];
  revenueByCategory: CategorySplit['split'];
  extras: ExtraRevenue[];
};

/** One departure: its figures, a line per deal, then the money by payment method (and by category, and per extra). */
export function departureReportTables(report: OneDeparture, tr: Tr): Table[] {
  const m = (minor: number) => money(minor, report.currency);
  return [
    {
      title: report.title,
      columns: headers(tr, ['report.departure', 'report.departsAt', ...MONEY_HEADER]),
      rows: [[text(report.title), instant(report.departsAt), ...moneyCells(report)]],
    },
    {
      title: tr.t('report.client'),
      columns: [{ header: '#' }, ...headers(tr, ['report.client', 'report.manager', 'report.seats', 'report.status', 'report.price', 'report.paid', 'report.balance'])],
      rows: report.deals.map((d) => [number(d.dealId), text(d.client), text(d.manager), number(d.seats), text(tr.label('status', d.status)), m(d.priceMinor), m(d.paidMinor), m(d.balanceMinor)]),
    },
    {
      title: tr.t('report.method'),
      columns: headers(tr, ['report.method', 'report.received', 'report.refunded', 'report.net']),
      rows: report.paymentsByMethod.map((p) => [text(tr.label('method', p.method)), m(p.inMinor), m(p.outMinor), m(p.netMinor)]),
    },
    ...(report.revenueByCategory.length > 1 ? [categoryTable(tr, [{ ...report, split: report.revenueByCategory }])] : []),
    ...(report.extras.length ? [extrasTable(tr, [report])] : []),
  ];
}

/** The funnel: figures for new clients, reactivations and each manager; statuses; reasons with shares. */
export function funnelReportTables(report: Awaited<ReturnType<typeof funnelReport>>, tr: Tr): Table[] {
  const figures = (f: Omit<typeof report, 'refusalReasons' | 'blacklistReasons' | 'reactivations' | 'byManager'>): Cell[] => [
    number(f.inquiries),
    number(f.offered),
    number(f.booked),
    share(f.offerRate),
    share(f.offerToBookedRate),
    share(f.conversionRate),
    number(f.medianHoursToFirstOffer),
    share(f.firstOfferOnTimeShare),
  ];
  return [
    {
      title: tr.t('reports.funnel'),
      columns: [{ header: '' }, ...headers(tr, ['funnel.inquiries', 'funnel.offered', 'funnel.booked', 'funnel.offerRate', 'funnel.offerToBooked', 'funnel.conversion', 'funnel.medianHours', 'funnel.onTime'])],
      rows: [
        [text(tr.t('funnel.newClients')), ...figures(report)],
        [text(tr.t('funnel.reactivations')), ...figures(report.reactivations)],
        ...report.byManager.map((m) => [text(m.manager ?? tr.t('funnel.noManager')), ...figures(m)]),
      ],
    },
    {
      title: tr.t('funnel.status'),
      columns: headers(tr, ['funnel.status', 'funnel.count']),
      rows: Object.entries(report.byStatus).map(([status, n]) => [text(tr.label('inquiryStatus', status)), number(n)]),
    },
    {
      title: tr.t('funnel.reason'),
      columns: headers(tr, ['funnel.reason', 'funnel.count', 'funnel.share']),
      rows: [...report.refusalReasons, ...report.blacklistReasons].map((r) => [text(tr.label('inquiryReason', r.reason)), number(r.count), share(r.share)]),
    },
  ];
}
