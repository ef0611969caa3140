import { csvDocument } from './csv.js';
import type { ManifestRow } from '../domain/departures/manifest.js';
import type { MessageKey } from '../i18n/index.js';
import type { Tr } from '../../templates/tr.js';

/** UTF-8 with BOM, so Excel opens Cyrillic intact; quoting as Excel writes it. */
export function manifestCsv(rows: ManifestRow[], tr: Tr): string {
  const header: MessageKey[] = [
    'manifest.seat',
    'manifest.traveller',
    'manifest.birthDate',
    'manifest.document',
    'manifest.booking',
    'manifest.client',
    'manifest.phone',
    'manifest.email',
    'manifest.status',
    'manifest.balance',
    'manifest.checkIn',
  ];
  const records = rows.map((row) => [
    String(row.seat),
    row.travellerName ?? tr.t('manifest.unnamed', { n: row.travellerNumber, client: row.clientName }),
    row.birthDate ?? '',
    row.documentNumber ?? '',
    String(row.dealId),
    row.clientName,
    row.phone ?? '',
    row.email ?? '',
    tr.label('status', row.status),
    row.balanceMinor ? tr.money(row.balanceMinor, row.currency) : '',
    '',
  ]);
  return csvDocument([header.map((key) => tr.t(key)), ...records]);
}
