import type { Room } from '../domain/rooming/index.js';
import { birthDayText, roomTotals, roomTypeWord, stayDates } from '../i18n/rooming-words.js';
import type { Tr } from '../../templates/tr.js';
import { newPdf, numberPages, type Pdf } from './pdf.js';
import { ROOMING_COLUMNS, type RoomingTrip } from './rooming-table.js';

const LEFT = 48;
/** Room, type, name, date of birth, document: the page's width between its margins. */
const WIDTHS = [40, 122, 165, 82, 90];
const TABLE_WIDTH = WIDTHS.reduce((sum, width) => sum + width, 0);
const PAD = 5;
const INK = '#1d2330';
const MUTED = '#5d6677';

const cellFont = (doc: Pdf) => doc.font('body').fontSize(9.5).fillColor(INK);
const cellHeight = (doc: Pdf, value: string, column: number) => cellFont(doc).heightOfString(value || ' ', { width: WIDTHS[column]! - 6 }) + 2 * PAD;

function header(doc: Pdf, tr: Tr, lines: { title: string; stay: string; agency: string }, y: number): number {
  doc.font('body').fontSize(15).fillColor(INK).text(lines.title, LEFT, y, { width: TABLE_WIDTH });
  doc.font('body').fontSize(10).fillColor(INK).text(lines.stay, LEFT, doc.y + 3, { width: TABLE_WIDTH });
  doc.font('body').fontSize(8.5).fillColor(MUTED).text(lines.agency, LEFT, doc.y + 2, { width: TABLE_WIDTH });
  const top = doc.y + 12;
  let x = LEFT;
  doc.font('body').fontSize(8).fillColor(MUTED);
  ROOMING_COLUMNS.forEach((key, i) => {
    doc.text(tr.t(key), x, top, { width: WIDTHS[i]! - 4, lineBreak: false, ellipsis: true });
    x += WIDTHS[i]!;
  });
  doc.moveTo(LEFT, top + 13).lineTo(LEFT + TABLE_WIDTH, top + 13).strokeColor('#b9c1ce').lineWidth(0.8).stroke();
  return top + 14;
}

/**
 * The hotel's list on paper: the trip, its dates and the agency at the top of every page, then
 * room by room the number and type once beside its travellers (name, date of birth, document),
 * a room never cut across two pages, and the totals per type and of people at the end.
 */
export async function renderRooming(trip: RoomingTrip, rooms: Room[], agency: { name: string; contacts: string }, tr: Tr): Promise<Buffer> {
  const title = `${tr.t('rooming.doc.title')}: ${trip.title}`;
  const { doc, finished } = newPdf({ title });
  const lines = { title, stay: stayDates(tr.locale, trip), agency: [agency.name, agency.contacts].filter(Boolean).join(' · ') };
  const bottom = doc.page.height - 50;
  let y = header(doc, tr, lines, 40);
  rooms.forEach((room, i) => {
    const type = roomTypeWord(tr.locale, room.type);
    const people = room.travellers.map((traveller) => {
      const cells = [traveller.name, birthDayText(tr.locale, traveller.birthDate), traveller.documentNumber ?? ''];
      return { cells, height: Math.max(...cells.map((cell, c) => cellHeight(doc, cell, c + 2))) };
    });
    const height = Math.max(cellHeight(doc, type, 1), people.reduce((sum, p) => sum + p.height, 0));
    if (y + height > bottom) {
      doc.addPage();
      y = header(doc, tr, lines, 40);
    }
    cellFont(doc).text(String(i + 1), LEFT, y + PAD, { width: WIDTHS[0]! - 6 });
    cellFont(doc).text(type, LEFT + WIDTHS[0]!, y + PAD, { width: WIDTHS[1]! - 6 });
    let row = y;
    const personLeft = LEFT + WIDTHS[0]! + WIDTHS[1]!;
    people.forEach((person, p) => {
      let x = personLeft;
      person.cells.forEach((cell, c) => {
        cellFont(doc).text(cell, x, row + PAD, { width: WIDTHS[c + 2]! - 6 });
        x += WIDTHS[c + 2]!;
      });
      row += person.height;
      // Travellers of one room apart by a faint line; rooms apart by a line across the table.
      if (p < people.length - 1) doc.moveTo(personLeft, row).lineTo(LEFT + TABLE_WIDTH, row).strokeColor('#e1e5ec').lineWidth(0.5).stroke();
    });
    y += height;
    doc.moveTo(LEFT, y).lineTo(LEFT + TABLE_WIDTH, y).strokeColor('#9aa3b2').lineWidth(0.7).stroke();
  });
  const totals = roomTotals(tr.locale, rooms);
  const summary = [totals.total, totals.byType].filter(Boolean).join('\n');
  const summaryHeight = doc.font('body').fontSize(10).heightOfString(summary, { width: TABLE_WIDTH }) + 12;
  if (y + summaryHeight > bottom) {
    doc.addPage();
    y = header(doc, tr, lines, 40);
  }
  doc.font('body').fontSize(10).fillColor(INK).text(summary, LEFT, y + 10, { width: TABLE_WIDTH });
  numberPages(doc, (n, total) => tr.t('doc.page', { n, total }));
  doc.end();
  return finished;
}
