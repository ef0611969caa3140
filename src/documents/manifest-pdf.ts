import type { ManifestRow } from '../domain/departures/manifest.js';
import type { MessageKey } from '../i18n/index.js';
import { busName } from '../i18n/bus-words.js';
import type { Tr } from '../../templates/tr.js';
import { newPdf, numberPages, type Pdf } from './pdf.js';

/** A row to print: the bus and the extras may be left out (a roster of one bus selling nothing). */
export type ManifestPrintRow = Omit<ManifestRow, 'vehicleId' | 'vehicleLabel' | 'extras' | 'bookingExtras'> &
  Partial<Pick<ManifestRow, 'vehicleId' | 'vehicleLabel' | 'extras' | 'bookingExtras'>>;

/** A bus printed in its own section: its rows start a page under its name and its own seat count. */
export interface ManifestBus {
  id: number;
  label: string;
  seats: number;
  seatsBooked: number;
}

const ROW = 24;
const LEFT = 40;
type Columns = { key: MessageKey; width: number }[];
const COLUMNS: Columns = [
  { key: 'manifest.seat', width: 36 },
  { key: 'manifest.traveller', width: 185 },
  { key: 'manifest.client', width: 170 },
  { key: 'manifest.phone', width: 100 },
  { key: 'manifest.status', width: 125 },
  { key: 'manifest.balance', width: 85 },
  { key: 'manifest.checkIn', width: 60 },
];
/** Once boarding has begun the last column says each traveller's state: the names give it room. */
const BOARDING_COLUMNS: Columns = [
  { key: 'manifest.seat', width: 36 },
  { key: 'manifest.traveller', width: 165 },
  { key: 'manifest.client', width: 150 },
  { key: 'manifest.phone', width: 100 },
  { key: 'manifest.status', width: 125 },
  { key: 'manifest.balance', width: 85 },
  { key: 'manifest.boarding', width: 100 },
];
const TABLE_WIDTH = COLUMNS.reduce((sum, column) => sum + column.width, 0);

function header(doc: Pdf, tr: Tr, columns: Columns, title: string, subtitle: string, y: number): number {
  doc.font('body').fontSize(15).fillColor('#1d2330').text(title, LEFT, y, { width: TABLE_WIDTH });
  doc.font('body').fontSize(9).fillColor('#5d6677').text(subtitle, LEFT, doc.y + 2, { width: TABLE_WIDTH });
  let x = LEFT;
  const top = doc.y + 10;
  doc.font('body').fontSize(8).fillColor('#5d6677');
  for (const column of columns) {
    doc.text(tr.t(column.key), x, top, { width: column.width - 4, lineBreak: false, ellipsis: true });
    x += column.width;
  }
  doc.moveTo(LEFT, top + 13).lineTo(x, top + 13).strokeColor('#b9c1ce').lineWidth(0.8).stroke();
  return top + 18;
}

/** Space a row's text keeps from its lines, and the least a row is tall (room for the tick box). */
const PAD = 6;
const TOTAL_HEIGHT = 30;

/** A stop's heading: room above it, its text at the width of the table (a long name wraps), room below. */
const STOP_ABOVE = 8;
const STOP_BELOW = 5;
const stopFont = (doc: Pdf) => doc.font('body').fontSize(11).fillColor('#1d2330');
const stopHeight = (doc: Pdf, line: string) => STOP_ABOVE + stopFont(doc).heightOfString(line, { width: TABLE_WIDTH }) + STOP_BELOW;
function drawStop(doc: Pdf, line: string, y: number): number {
  const height = stopHeight(doc, line);
  stopFont(doc).text(line, LEFT, y + STOP_ABOVE, { width: TABLE_WIDTH });
  return y + height;
}

const BOX = 14;
const stateFont = (doc: Pdf) => doc.font('body').fontSize(8).fillColor('#1d2330');
/** What the last column says once boarding has begun: the state, and when it was marked. */
function stateText(row: ManifestPrintRow, tr: Tr): string {
  if (row.boarding === null) return '';
  const word = tr.label('boarding', row.boarding);
  return row.boarding !== 'expected' && row.boardingAt !== null ? `${word} ${tr.time(row.boardingAt)}` : word;
}

/** The tick box: ticked for a traveller on the bus, crossed for a no-show, empty otherwise. */
function drawBox(doc: Pdf, x: number, y: number, state: ManifestPrintRow['boarding']): void {
  doc.rect(x, y, BOX, BOX).strokeColor('#1d2330').lineWidth(0.8).stroke();
  if (state === 'boarded') {
    doc.moveTo(x + 3, y + 7.5).lineTo(x + 6, y + 10.5).lineTo(x + 11, y + 3.5).strokeColor('#1d2330').lineWidth(1.4).stroke();
  } else if (state === 'no_show') {
    doc.moveTo(x + 3.5, y + 3.5).lineTo(x + 10.5, y + 10.5).moveTo(x + 10.5, y + 3.5).lineTo(x + 3.5, y + 10.5).strokeColor('#1d2330').lineWidth(1.2).stroke();
  }
}

const stopKey = (row: ManifestPrintRow) => `${row.stopAt}|${row.stopName}`;

/** The extras under a traveller's name, smaller, in grey: the traveller's, then (on its first row) the booking's. */
const EXTRAS_GAP = 1;
const extrasFont = (doc: Pdf) => doc.font('body').fontSize(7.5).fillColor('#5d6677');
const extrasLine = (row: ManifestPrintRow, tr: Tr) =>
  [
    row.extras?.length ? tr.t('busLists.extrasLine', { list: row.extras.join(', ') }) : '',
    row.bookingExtras?.length ? tr.t('busLists.bookingExtrasLine', { list: row.bookingExtras.join(', ') }) : '',
  ]
    .filter(Boolean)
    .join('\n');

/**
 * The bus roster on paper: by stop (each with its time, its bookings' seats and what to
 * collect there), a row per seat in seat order, the balance to collect, a box to tick at
 * boarding. The same paper serves as the guide's boarding list (`kind`). Once the guide has
 * marked anyone, the last column carries each traveller's state. A stop continued on the next
 * page starts it again with its heading, marked as continued, under the table's header.
 * A traveller's extras (and the booking's, on its first row) are printed under the name.
 * `buses` (a departure of several buses): each bus named in its own part, starting on a new
 * page, with its own seats in the subtitle and its own total; rows are matched by `vehicleId`.
 */
export async function renderManifest(
  trip: { title: string; departsAt: number; meetingPoint: string; seats: number; seatsBooked: number },
  rows: ManifestPrintRow[],
  tr: Tr,
  printedAt: number,
  kind: 'manifest' | 'boarding' = 'manifest',
  buses?: ManifestBus[],
): Promise<Buffer> {
  const name = tr.t(kind === 'manifest' ? 'doc.manifest' : 'doc.boardingList');
  const only = buses?.length === 1 ? busName(tr.locale, buses[0]!.label) : null;
  const { doc, finished } = newPdf({ layout: 'landscape', title: `${name}: ${trip.title}${only ? ` — ${only}` : ''}` });
  const boardingBegun = rows.some((row) => row.boarding === 'boarded' || row.boarding === 'no_show');
  const columns = boardingBegun ? BOARDING_COLUMNS : COLUMNS;
  const parts = buses
    ? buses.map((bus) => ({ bus: busName(tr.locale, bus.label), seats: bus.seats, booked: bus.seatsBooked, rows: rows.filter((row) => row.vehicleId === bus.id) }))
    : [{ bus: null, seats: trip.seats, booked: trip.seatsBooked, rows }];
  parts.forEach((part, index) => {
    if (index > 0) doc.addPage();
    const title = part.bus ? `${name}: ${trip.title} — ${part.bus}` : `${name}: ${trip.title}`;
    const capacity = tr.t('doc.capacity', { seats: part.seats, booked: part.booked, free: Math.max(0, part.seats - part.booked) });
    const subtitle = `${tr.dateTime(trip.departsAt)} · ${capacity} · ${tr.t('doc.generated', { when: tr.dateTime(printedAt) })}`;
    drawPart(doc, tr, columns, boardingBegun, title, subtitle, part.rows);
  });
  numberPages(doc, (n, total) => tr.t('doc.page', { n, total }));
  doc.end();
  return finished;
}

/** One bus's rows (or the whole roster's) under their title: stops, rows, the total. */
function drawPart(doc: Pdf, tr: Tr, columns: Columns, boardingBegun: boolean, title: string, subtitle: string, rows: ManifestPrintRow[]): void {
  const last = columns.length - 1;
  let y = header(doc, tr, columns, title, subtitle, 36);
  const bottom = doc.page.height - 50;
  const stops = new Map<string, { travellers: number; collect: number }>();
  for (const row of rows) {
    const stop = stops.get(stopKey(row)) ?? { travellers: 0, collect: 0 };
    stop.travellers++;
    stop.collect += row.balanceMinor ?? 0;
    stops.set(stopKey(row), stop);
  }
  const stopLine = (row: ManifestPrintRow) => {
    const stop = stops.get(stopKey(row))!;
    return tr.t('doc.stopLine', { time: tr.time(row.stopAt), stop: row.stopName, n: stop.travellers, collect: tr.money(stop.collect, row.currency) });
  };
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
    const state = boardingBegun ? stateText(row, tr) : '';
    const extras = extrasLine(row, tr);
    const nameWidth = columns[1]!.width - 6;
    const extrasHeight = extras ? EXTRAS_GAP + extrasFont(doc).heightOfString(extras, { width: nameWidth }) : 0;
    doc.font('body').fontSize(9).fillColor('#1d2330');
    // A row is as tall as its tallest cell: a long name wraps inside its row, never over the next.
    const height = Math.max(
      ROW,
      ...cells.map((cell, i) => doc.heightOfString(cell, { width: columns[i]!.width - 6 }) + (i === 1 ? extrasHeight : 0) + 2 * PAD),
      state ? stateFont(doc).heightOfString(state, { width: columns[last]!.width - BOX - 10 }) + 2 * PAD : 0,
    );
    // A stop's heading goes with its first row, and the total with the last: never alone on a page.
    const newStop = stopKey(row) !== currentStop;
    const heading = newStop ? stopLine(row) : '';
    const needed = height + (newStop ? stopHeight(doc, heading) : 0) + (index === rows.length - 1 ? TOTAL_HEIGHT : 0);
    if (y + needed > bottom) {
      doc.addPage();
      y = header(doc, tr, columns, title, subtitle, 36);
      if (!newStop) y = drawStop(doc, tr.t('doc.stopContinued', { time: tr.time(row.stopAt), stop: row.stopName }), y);
    }
    if (newStop) {
      currentStop = stopKey(row);
      y = drawStop(doc, heading, y);
    }
    let x = LEFT;
    doc.font('body').fontSize(9).fillColor('#1d2330');
    cells.forEach((cell, i) => {
      doc.font('body').fontSize(9).fillColor('#1d2330').text(cell, x, y + PAD, { width: columns[i]!.width - 6 });
      if (i === 1 && extras) extrasFont(doc).text(extras, x, doc.y + EXTRAS_GAP, { width: nameWidth });
      x += columns[i]!.width;
    });
    drawBox(doc, x + 4, y + 4, boardingBegun ? row.boarding : null);
    if (state) stateFont(doc).text(state, x + BOX + 8, y + PAD, { width: columns[last]!.width - BOX - 10 });
    doc.moveTo(LEFT, y + height).lineTo(x + columns[last]!.width, y + height).strokeColor('#e1e5ec').lineWidth(0.5).stroke();
    y += height;
  });
  const collect = rows.reduce((sum, row) => sum + (row.balanceMinor ?? 0), 0);
  doc.font('body').fontSize(10).fillColor('#1d2330').text(
    tr.t('manifest.total', { travellers: rows.length, collect: tr.money(collect, rows[0]?.currency ?? 'EUR') }),
    LEFT,
    y + 10,
    { lineBreak: false },
  );
}
