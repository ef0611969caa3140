/** The ledger and the cash book as typed tables: numbers an accountant can sum, dates as dates, in the reader's language. */
import type { Cashbook, LedgerItem, MoneyTotals } from '../domain/ledger/index.js';
import type { MessageKey } from '../i18n/index.js';
import type { Tr } from '../../templates/tr.js';
import { date, instant, money, number, text, type Table } from './table.js';

const headers = (tr: Tr, keys: MessageKey[]) => keys.map((key) => ({ header: tr.t(key) }));

const totalsTable = (tr: Tr, totals: MoneyTotals[]): Table => ({
  title: tr.t('ledger.totalsSheet'),
  columns: headers(tr, ['report.currency', 'ledger.count', 'ledger.received', 'ledger.paidOut', 'ledger.net']),
  rows: totals.map((t) => [text(t.currency), number(t.count), money(t.receivedMinor, t.currency), money(t.paidOutMinor, t.currency), money(t.netMinor, t.currency)]),
});

/** One row per money row in the order the money moved; the signed column sums to the net. */
export function ledgerTables(ledger: { items: LedgerItem[]; totals: MoneyTotals[] }, tr: Tr): Table[] {
  return [
    {
      title: tr.t('ledger.sheet'),
      columns: headers(tr, ['ledger.receiptNumber', 'ledger.receivedAt', 'ledger.kind', 'ledger.method', 'ledger.amount', 'ledger.effect', 'report.currency', 'ledger.client', 'ledger.trip', 'ledger.departsAt', 'ledger.booking', 'ledger.recordedBy', 'ledger.reference', 'ledger.reverses', 'ledger.note']),
      rows: ledger.items.map((r) => [
        text(r.receiptNumber),
        instant(r.receivedAt),
        text(tr.label('kind', r.kind)),
        text(tr.label('method', r.method)),
        money(r.amountMinor, r.currency),
        money(r.deltaMinor, r.currency),
        text(r.currency),
        text(r.contactName),
        text(r.departureTitle),
        instant(r.departsAt),
        text(r.dealReference),
        text(r.recordedBy ?? tr.t('ledger.byOnline')),
        text(r.reference),
        text(r.reversesReceiptNumber),
        text(r.note),
      ]),
    },
    totalsTable(tr, ledger.totals),
  ];
}

/** Per day and method, then per method over the period, then the totals per currency. */
export function cashbookTables(book: Cashbook, tr: Tr): Table[] {
  const moneyHeaders = headers(tr, ['report.currency', 'ledger.count', 'ledger.received', 'ledger.paidOut', 'ledger.net']);
  return [
    {
      title: tr.t('cashbook.sheet'),
      columns: [...headers(tr, ['cashbook.date', 'ledger.method']), ...moneyHeaders],
      rows: book.days.map((d) => [date(d.date), text(tr.label('method', d.method)), text(d.currency), number(d.count), money(d.receivedMinor, d.currency), money(d.paidOutMinor, d.currency), money(d.netMinor, d.currency)]),
    },
    {
      title: tr.t('cashbook.byMethodSheet'),
      columns: [...headers(tr, ['ledger.method']), ...moneyHeaders],
      rows: book.byMethod.map((m) => [text(tr.label('method', m.method)), text(m.currency), number(m.count), money(m.receivedMinor, m.currency), money(m.paidOutMinor, m.currency), money(m.netMinor, m.currency)]),
    },
    totalsTable(tr, book.totals),
  ];
}
