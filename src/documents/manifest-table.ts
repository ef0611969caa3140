import type { ManifestRow } from '../domain/departures/manifest.js';
import type { MessageKey } from '../i18n/index.js';
import type { Tr } from '../../templates/tr.js';
import { date, money, number, phone, text, type Table } from './table.js';

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

/**
 * The bus roster as a table: a row per seat, the balance on each booking's first seat, a
 * column to tick, which says each traveller's boarding state once the guide has marked anyone.
 */
export function manifestTable(title: string, rows: ManifestRow[], tr: Tr): Table {
  const boardingBegun = rows.some((row) => row.boarding === 'boarded' || row.boarding === 'no_show');
  return {
    title,
    columns: HEADER.map((key) => ({ header: tr.t(key) })),
    rows: rows.map((row) => [
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
    ]),
  };
}
