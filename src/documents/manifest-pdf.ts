import type { ManifestRow } from '../domain/departures/manifest.js';
import type { MessageKey } from '../i18n/index.js';
import type { Tr } from '../../templates/tr.js';
import { newPdf, numberPages, type Pdf } from './pdf.js';

const ROW = 24;
const COLUMNS = [
  { key: 'manifest.seat', width: 36 },
  { key: 'manifest.traveller', width: 185 },
  { key: 'manifest.client', width: 170 },
  { key: 'manifest.phone', width: 100 },
  { key: 'manifest.status', width: 125 },
  { key: 'manifest.balance', width: 85 },
  { key: 'manifest.checkIn', width: 60 },
] as const;

function header(doc: Pdf, tr: Tr, title: string, subtitle: string, y: number): number {
  doc.font('body').fontSize(15).fillColor('#1d2330').text(title, 40, y);
  doc.font('body').fontSize(9).fillColor('#5d6677').text(subtitle, 40, doc.y + 2);
  let x = 40;
  const top = doc.y + 10;
  doc.font('body').fontSize(8).fillColor('#5d6677');
  for (const column of COLUMNS) {
    doc.text(tr.t(column.key as MessageKey), x, top, { width: column.width - 4, lineBreak: false, ellipsis: true });
    x += column.width;
  }
  doc.moveTo(40, top + 13).lineTo(x, top + 13).strokeColor('#b9c1ce').lineWidth(0.8).stroke();
  return top + 18;
}

/** The bus roster on paper: a row per seat, the balance to collect, a box to tick at boarding. */
export async function renderManifest(
  trip: { title: string; departsAt: number; meetingPoint: string },
  rows: ManifestRow[],
  tr: Tr,
  printedAt: number,
): Promise<Buffer> {
  const { doc, finished } = newPdf({ layout: 'landscape', title: `${tr.t('doc.manifest')}: ${trip.title}` });
  const title = `${tr.t('doc.manifest')}: ${trip.title}`;
  const subtitle = `${tr.dateTime(trip.departsAt)} · ${trip.meetingPoint} · ${tr.t('doc.generated', { when: tr.dateTime(printedAt) })}`;
  let y = header(doc, tr, title, subtitle, 36);
  const bottom = doc.page.height - 50;
  for (const row of rows) {
    if (y + ROW > bottom) {
      doc.addPage();
      y = header(doc, tr, title, subtitle, 36);
    }
    const cells = [
      String(row.seat),
      row.travellerName ?? tr.t('manifest.unnamed', { n: row.travellerNumber, client: row.clientName }),
      row.clientName,
      row.phone ?? '',
      tr.label('status', row.status),
      row.balanceMinor ? tr.money(row.balanceMinor, row.currency) : '',
    ];
    let x = 40;
    doc.font('body').fontSize(9).fillColor('#1d2330');
    cells.forEach((cell, i) => {
      doc.text(cell, x, y + 6, { width: COLUMNS[i]!.width - 6, lineBreak: false, ellipsis: true });
      x += COLUMNS[i]!.width;
    });
    doc.rect(x + 4, y + 4, 14, 14).strokeColor('#1d2330').lineWidth(0.8).stroke();
    doc.moveTo(40, y + ROW).lineTo(x + 60, y + ROW).strokeColor('#e1e5ec').lineWidth(0.5).stroke();
    y += ROW;
  }
  const collect = rows.reduce((sum, row) => sum + (row.balanceMinor ?? 0), 0);
  doc.font('body').fontSize(10).fillColor('#1d2330').text(
    tr.t('manifest.total', { travellers: rows.length, collect: tr.money(collect, rows[0]?.currency ?? 'EUR') }),
    40,
    y + 10,
  );
  numberPages(doc, (n, total) => tr.t('doc.page', { n, total }));
  doc.end();
  return finished;
}
