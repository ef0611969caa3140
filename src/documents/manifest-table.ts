import type { ManifestRow } from '../domain/departures/manifest.js';
import type { MessageKey } from '../i18n/index.js';
import { busName, extrasText } from '../i18n/bus-words.js';
import type { Tr } from '../../templates/tr.js';
import { date, money, number, phone, text, type Cell, type Column, type Table } from './table.js';

const HEADER: MessageKey[] = [
  'manifest.stop',
  'manifest.seat',
  'manifest.traveller',
  'manifest.birthDate',
  'manifest.document',
  'manifest.booking',
  'manifest.reference',
  'manifest.client',
  'manifest.phone',
  'manifest.email',
  'manifest.status',
  'manifest.balance',
  'manifest.checkIn',
];
/** Where the extras go: after the traveller's own facts, before the booking's. */
const EXTRAS_AT = HEADER.indexOf('manifest.booking');

export interface ManifestColumns {
  /** The departure runs more than one bus: a first column names each row's bus. */
  buses: boolean;
  /** The departure sells extras (or a row still names one): a column lists each row's. */
  extras: boolean;
}

/**
 * The bus roster as a table: a row per seat, the balance on each booking's first seat, a
 * column to tick, which says each traveller's boarding state once the guide has marked anyone.
 * A departure of several buses gets a Bus column first (rows come by bus, then stop, then
 * seat); one selling extras gets an Extras column (the traveller's, then on the booking's
 * first seat the booking's). A departure of one bus selling nothing has the columns it always had.
 */
export function manifestTable(title: string, rows: ManifestRow[], tr: Tr, shape: ManifestColumns = { buses: false, extras: false }): Table {
  const boardingBegun = rows.some((row) => row.boarding === 'boarded' || row.boarding === 'no_show');
  const columns: Column[] = HEADER.map((key) => ({ header: tr.t(key) }));
  if (shape.extras) columns.splice(EXTRAS_AT, 0, { header: tr.t('busLists.extras'), width: 24 });
  if (shape.buses) {
    // As wide as the longest bus name, within reason: a bus named by its plate or its company is read whole.
    const longest = Math.max(0, ...rows.map((row) => busName(tr.locale, row.vehicleLabel).length));
    columns.unshift({ header: tr.t('busLists.column'), width: Math.min(30, Math.max(8, longest + 2)) });
  }
  return {
    title,
    columns,
    rows: rows.map((row) => {
      const cells: Cell[] = [
        text(`${tr.time(row.stopAt)} ${row.stopName}`),
        row.seat === null ? null : number(row.seat),
        text(row.travellerName ?? tr.t('manifest.unnamed', { n: row.travellerNumber, client: row.clientName })),
        date(row.birthDate),
        text(row.documentNumber),
        number(row.dealId),
        text(row.reference),
        text(row.clientName),
        phone(row.phone),
        text(row.email),
        text(tr.label('status', row.status)),
        row.balanceMinor ? money(row.balanceMinor, row.currency) : null,
        boardingBegun && row.boarding ? text(tr.label('boarding', row.boarding)) : null,
      ];
      if (shape.extras) cells.splice(EXTRAS_AT, 0, text(extrasText(row)));
      if (shape.buses) cells.unshift(text(busName(tr.locale, row.vehicleLabel)));
      return cells;
    }),
  };
}
