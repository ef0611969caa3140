import type { MessageKey } from '../i18n/index.js';
import type { DealLine, DepartureFigures, MoneyTotals } from '../domain/reports/departures-report.js';
import type { funnelReport } from '../domain/reports/funnel.js';
import type { Tr } from '../../templates/tr.js';
import { csvDocument } from './csv.js';

/** Amounts as numbers a spreadsheet in the reader's language reads: 1234,50 or 1234.50, no symbol. */
const amount = (tr: Tr, minor: number) =>
  new Intl.NumberFormat(tr.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(minor / 100);
const share = (tr: Tr, value: number | null) =>
  value === null ? '' : new Intl.NumberFormat(tr.locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);

const MONEY_HEADER: MessageKey[] = ['report.seats', 'report.booked', 'report.travellers', 'report.contracted', 'report.collected', 'report.outstanding', 'report.refundDue', 'report.currency'];

const moneyCells = (tr: Tr, row: Omit<MoneyTotals, 'departures'>) => [
  String(row.seats),
  String(row.seatsBooked),
  String(row.travellers),
  amount(tr, row.contractedMinor),
  amount(tr, row.collectedMinor),
  amount(tr, row.outstandingMinor),
  amount(tr, row.refundDueMinor),
  row.currency,
];

/** Per departure, then a total line per currency. */
export function departuresReportCsv(report: { items: DepartureFigures[]; totals: MoneyTotals[] }, tr: Tr): string {
  const header = [tr.t('report.departure'), tr.t('report.departsAt'), ...MONEY_HEADER.map((k) => tr.t(k)), tr.t('report.dealsByStatus')];
  const statuses = (byStatus: Record<string, number>) =>
    Object.entries(byStatus)
      .map(([status, n]) => `${tr.label('status', status)}: ${n}`)
      .join('; ');
  return csvDocument([
    header,
    ...report.items.map((row) => [row.title, tr.dateTime(row.departsAt), ...moneyCells(tr, row), statuses(row.dealsByStatus)]),
    ...report.totals.map((total) => [tr.t('report.total', { n: total.departures }), '', ...moneyCells(tr, total), '']),
  ]);
}

/** One departure: a line per deal, then the money by payment method. */
export function departureReportCsv(report: DepartureFigures & { deals: DealLine[]; paymentsByMethod: { method: string; inMinor: number; outMinor: number; netMinor: number }[] }, tr: Tr): string {
  return csvDocument([
    [report.title, tr.dateTime(report.departsAt), ...moneyCells(tr, report)],
    [],
    ['#', tr.t('report.client'), tr.t('report.manager'), tr.t('report.seats'), tr.t('report.status'), tr.t('report.price'), tr.t('report.paid'), tr.t('report.balance')],
    ...report.deals.map((d) => [
      String(d.dealId),
      d.client,
      d.manager ?? '',
      String(d.seats),
      tr.label('status', d.status),
      amount(tr, d.priceMinor),
      amount(tr, d.paidMinor),
      amount(tr, d.balanceMinor),
    ]),
    [],
    [tr.t('report.method'), tr.t('report.received'), tr.t('report.refunded'), tr.t('report.net')],
    ...report.paymentsByMethod.map((m) => [tr.label('method', m.method), amount(tr, m.inMinor), amount(tr, m.outMinor), amount(tr, m.netMinor)]),
  ]);
}

/** The funnel: statuses, reasons with shares, conversion, first-offer speed, per manager. */
export function funnelReportCsv(report: ReturnType<typeof funnelReport>, tr: Tr): string {
  const figures = (f: Omit<typeof report, 'refusalReasons' | 'blacklistReasons' | 'reactivations' | 'byManager'>) => [
    String(f.inquiries),
    String(f.offered),
    String(f.booked),
    share(tr, f.offerRate),
    share(tr, f.offerToBookedRate),
    share(tr, f.conversionRate),
    f.medianHoursToFirstOffer === null ? '' : String(f.medianHoursToFirstOffer),
    share(tr, f.firstOfferOnTimeShare),
  ];
  const header = ['', ...(['funnel.inquiries', 'funnel.offered', 'funnel.booked', 'funnel.offerRate', 'funnel.offerToBooked', 'funnel.conversion', 'funnel.medianHours', 'funnel.onTime'] as const).map((k) => tr.t(k))];
  return csvDocument([
    header,
    [tr.t('funnel.newClients'), ...figures(report)],
    [tr.t('funnel.reactivations'), ...figures(report.reactivations)],
    ...report.byManager.map((m) => [m.manager ?? tr.t('funnel.noManager'), ...figures(m)]),
    [],
    [tr.t('funnel.status'), tr.t('funnel.count')],
    ...Object.entries(report.byStatus).map(([status, n]) => [tr.label('inquiryStatus', status), String(n)]),
    [],
    [tr.t('funnel.reason'), tr.t('funnel.count'), tr.t('funnel.share')],
    ...[...report.refusalReasons, ...report.blacklistReasons].map((r) => [tr.label('inquiryReason', r.reason), String(r.count), share(tr, r.share)]),
  ]);
}
