import type { ManifestRow } from '../domain/departures/manifest.js';
import type { MessageKey } from '../i18n/index.js';
import type { Tr } from '../../templates/tr.js';
import { newPdf, numberPages, type Pdf } from './pdf.js';

const ROW = 24;
const COLUMNS: { key: MessageKey; width: number }[] = [
  { key: 'manifest.seat', width: 36 },
  { key: 'manifest.traveller', width: 185 },
  { key: 'manifest.client', width: 170 },
  { key: 'manifest.phone', width: 100 },
  { key: 'manifest.status', width: 125 },
  { key: 'manifest.balance', width: 85 },
  { key: 'manifest.checkIn', width: 60 },
];

function header(doc: Pdf, tr: Tr, title: string, subtitle: string, y: number): number {
  doc.font('body').fontSize(15).fillColor('#1d2330').text(title, 40, y);
  doc.font('body').fontSize(9).fillColor('#5d6677').text(subtitle, 40, doc.y + 2);
  let x = 40;
  const top = doc.y + 10;
  doc.font('body').fontSize(8).fillColor('#5d6677');
  for (const column of COLUMNS) {
    doc.text(tr.t(column.key), x, top, { width: column.width - 4, lineBreak: false, ellipsis: true });
    x += column.width;
  }
  doc.moveTo(40, top + 13).lineTo(x, top + 13).strokeColor('#b9c1ce').lineWidth(0.8).stroke();
  return top + 18;
}

/** Space a row's text keeps from its lines, and the least a row is tall (room for the tick box). */
const PAD = 6;
const TOTAL_HEIGHT = 30;

const STOP_HEIGHT = 24;
const stopKey = (row: ManifestRow) => `${row.stopAt}|${row.stopName}`;

/**
 * The bus roster on paper: by stop (each with its time, its bookings' seats and what to
 * collect there), a row per seat in seat order, the balance to collect, a box to tick at
 * boarding. The same paper serves as the guide's boarding list (`kind`).
 */
export async function renderManifest(
  trip: { title: string; departsAt: number; meetingPoint: string; seats: number; seatsBooked: number },
  rows: ManifestRow[],
  tr: Tr,
  printedAt: number,
  kind: 'manifest' | 'boarding' = 'manifest',
): Promise<Buffer> {
  const name = tr.t(kind === 'manifest' ? 'doc.manifest' : 'doc.boardingList');
  const { doc, finished } = newPdf({ layout: 'landscape', title: `${name}: ${trip.title}` });
  const title = `${name}: ${trip.title}`;
  const capacity = tr.t('doc.capacity', { seats: trip.seats, booked: trip.seatsBooked, free: Math.max(0, trip.seats - trip.seatsBooked) });
  const subtitle = `${tr.dateTime(trip.departsAt)} · ${capacity} · ${tr.t('doc.generated', { when: tr.dateTime(printedAt) })}`;
  let y = header(doc, tr, title, subtitle, 36);
  const bottom = doc.page.height - 50;
  const stops = new Map<string, { travellers: number; collect: number }>();
  for (const row of rows) {
    const stop = stops.get(stopKey(row)) ?? { travellers: 0, collect: 0 };
    stop.travellers++;
    stop.collect += row.balanceMinor ?? 0;
    stops.set(stopKey(row), stop);
  }
  let currentStop = '';
  rows.forEach((row, index) => {
    const cells = [
      row.seat === null ? '' : String(row.seat),
      row.travellerName ?? tr.t('manifest.unnamed', { n: row.travellerNumber, client: row.clientName }),
      row.clientName,
      row.phone ? tr.phone(row.phone) : '',
      tr.label('status', row.status),
      row.balanceMinor ? tr.money(row.balanceMinor, row.currency) : '',
    ];
    doc.font('body').fontSize(9).fillColor('#1d2330');
    // A row is as tall as its tallest cell: a long name wraps inside its row, never over the next.
    const height = Math.max(ROW, ...cells.map((cell, i) => doc.heightOfString(cell, { width: COLUMNS[i]!.width - 6 }) + 2 * PAD));
    // A stop's heading goes with its first row, and the total with the last: never alone on a page.
    const newStop = stopKey(row) !== currentStop;
    const needed = height + (newStop ? STOP_HEIGHT : 0) + (index === rows.length - 1 ? TOTAL_HEIGHT : 0);
    if (y + needed > bottom) {
      doc.addPage();
      y = header(doc, tr, title, subtitle, 36);
    }
    if (newStop) {
      currentStop = stopKey(row);
      const stop = stops.get(currentStop)!;
      const line = tr.t('doc.stopLine', {
        time: tr.time(row.stopAt),
        stop: row.stopName,
        n: stop.travellers,
        collect: tr.money(stop.collect, row.currency),
      });
      doc.font('body').fontSize(11).fillColor('#1d2330').text(line, 40, y + 8, { width: 760, lineBreak: false, ellipsis: true });
      y += STOP_HEIGHT;
    }
    let x = 40;
    doc.font('body').fontSize(9).fillColor('#1d2330');
    cells.forEach((cell, i) => {
      doc.text(cell, x, y + PAD, { width: COLUMNS[i]!.width - 6 });
      x += COLUMNS[i]!.width;
    });
    doc.rect(x + 4, y + 4, 14, 14).strokeColor('#1d2330').lineWidth(0.8).stroke();
    doc.moveTo(40, y + height).lineTo(x + 60, y + height).strokeColor('#e1e5ec').lineWidth(0.5).stroke();
    y += height;
  });
  const collect = rows.reduce((sum, row) => sum + (row.balanceMinor ?? 0), 0);
  doc.font('body').fontSize(10).fillColor('#1d2330').text(
    tr.t('manifest.total', { travellers: rows.length, collect: tr.money(collect, rows[0]?.currency ?? 'EUR') }),
    40,
    y + 10,
    { lineBreak: false },
  );
  numberPages(doc, (n, total) => tr.t('doc.page', { n, total }));
  doc.end();
  return finished;
}
