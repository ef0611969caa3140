import QRCode from 'qrcode';
import type { Tr } from '../../templates/tr.js';
import { newPdf, numberPages, type Pdf } from './pdf.js';

export interface VoucherData {
  dealId: number;
  agency: { name: string; contacts: string };
  trip: { title: string; destination: string | null; departsAt: number; returnsAt: number | null; meetingPoint: string; foreignZone?: string | null };
  client: { name: string; phone: string | null; email: string | null };
  /** `category`: the price category to name beside the traveller (null: the trip sells one); `categoryLabel` the agency's own word for it. */
  /** How to pay a balance (AGENCY_PAYMENT_INSTRUCTIONS); printed only while one is owed. */
  paymentInstructions?: string;
  /** `extras`: the labels of the extras the traveller takes (lunch, tickets), printed under the name. */
  travellers: { name: string; birthDate: string | null; documentNumber: string | null; seat?: number | null; category?: string | null; categoryLabel?: string | null; extras?: string[] }[];
  /** The labels of the extras the whole booking takes, printed under the travellers. */
  extras?: string[];
  seats: number;
  priceMinor: number;
  paidMinor: number;
  balanceMinor: number;
  currency: string;
  /** The voucher's reference, also in its QR code. */
  reference: string;
  /** What the QR code holds: the link to the booking's boarding. */
  qr: string;
  /** The agency's Telegram bot for this client (a second QR code), when they have not linked it yet. */
  telegramLink?: string | null;
}

/** Only the last three characters of a passport number appear on paper that travels. */
export function maskDocument(value: string | null): string {
  if (!value) return '';
  const visible = value.slice(-3);
  return `${'*'.repeat(Math.max(3, value.length - 3))}${visible}`;
}

const ROW = 22;
const INK = '#1d2330';
const MUTED = '#5d6677';
const LINE = '#d5dae3';

function drawQr(doc: Pdf, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = size / count;
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + col * cell, y + row * cell, cell, cell);
    }
  }
  doc.fillColor('#000').fill();
}

function travellerHeader(doc: Pdf, tr: Tr, y: number, x: number, width: number): number {
  doc.font('body').fontSize(9).fillColor(MUTED);
  doc.text(tr.t('manifest.seat'), x, y, { width: 40 });
  doc.text(tr.t('manifest.traveller'), x + 44, y, { width: 205 });
  doc.text(tr.t('manifest.birthDate'), x + 260, y, { width: 100 });
  doc.text(tr.t('manifest.document'), x + 370, y, { width: width - 370 });
  doc.moveTo(x, y + 14).lineTo(x + width, y + 14).strokeColor(LINE).lineWidth(0.8).stroke();
  return y + 20;
}

/** The voucher: one A4 page for up to 10 travellers, continuation pages beyond. */
export async function renderVoucher(data: VoucherData, tr: Tr): Promise<Buffer> {
  const reference = data.reference;
  const { doc, finished } = newPdf({ title: `${tr.t('doc.voucher')} ${reference}` });
  const x = 48;
  const width = doc.page.width - 96;

  // Agency, then the voucher's title and reference with its QR code.
  doc.font('body').fontSize(16).fillColor(INK).text(data.agency.name, x, 48, { width: width - 110 });
  if (data.agency.contacts) doc.font('body').fontSize(9).fillColor(MUTED).text(data.agency.contacts, { width: width - 110 });
  drawQr(doc, data.qr, x + width - 96, 44, 96);
  doc.font('body').fontSize(24).fillColor(INK).text(tr.t('doc.voucher').toUpperCase(), x, 104);
  doc.font('body').fontSize(11).fillColor(MUTED).text(`${tr.t('doc.reference')}: ${reference}`, x, 134);

  // The trip: what, when (local time in the trip's zone), where to be.
  let y = 168;
  doc.moveTo(x, y).lineTo(x + width, y).strokeColor(LINE).lineWidth(1).stroke();
  y += 12;
  const field = (label: string, value: string, big = false) => {
    doc.font('body').fontSize(9).fillColor(MUTED).text(label, x, y, { width: 120 });
    doc.font('body').fontSize(big ? 13 : 11).fillColor(INK).text(value, x + 125, y - (big ? 2 : 1), { width: width - 125 });
    y = Math.max(doc.y, y + 16) + 6;
  };
  field(tr.t('doc.trip'), data.trip.destination ? `${data.trip.title} — ${data.trip.destination}` : data.trip.title, true);
  const when = (ms: number) =>
    data.trip.foreignZone ? tr.t('mail.inZone', { when: tr.dateTime(ms), zone: tr.zoneName(data.trip.foreignZone, ms) }) : tr.dateTime(ms);
  field(tr.t('doc.departure'), when(data.trip.departsAt), true);
  field(tr.t('roster.meetingPoint'), data.trip.meetingPoint, true);
  if (data.trip.returnsAt) field(tr.t('doc.return'), when(data.trip.returnsAt));
  field(tr.t('manifest.client'), [data.client.name, data.client.phone && tr.phone(data.client.phone)].filter(Boolean).join(' · '));

  // Travellers, continuing on further pages when the list is long.
  y += 6;
  doc.font('body').fontSize(12).fillColor(INK).text(tr.t('roster.travellers'), x, y);
  y = travellerHeader(doc, tr, y + 20, x, width);
  const bottom = doc.page.height - 150;
  data.travellers.forEach((traveller) => {
    doc.font('body').fontSize(10).fillColor(INK);
    const name = traveller.category ? `${traveller.name} (${traveller.categoryLabel || tr.label('category', traveller.category)})` : traveller.name;
    // The extras the traveller takes, smaller, under the name.
    const extras = traveller.extras?.length ? `+ ${traveller.extras.join(', ')}` : '';
    const nameHeight = doc.heightOfString(name, { width: 210 });
    const extrasHeight = extras ? doc.font('body').fontSize(8.5).heightOfString(extras, { width: 210 }) + 2 : 0;
    doc.font('body').fontSize(10);
    // A long name wraps and its row grows with it, rather than running into the next.
    const height = Math.max(ROW, nameHeight + extrasHeight + 8);
    if (y + height > bottom) {
      doc.addPage();
      doc.font('body').fontSize(12).fillColor(INK).text(tr.t('doc.continued', { ref: reference }), x, 48);
      y = travellerHeader(doc, tr, 76, x, width);
      doc.font('body').fontSize(10).fillColor(INK);
    }
    // The seat on the plan; a dash until the bus is seated.
    doc.text(traveller.seat ? String(traveller.seat) : '—', x, y, { width: 40 });
    doc.text(name, x + 44, y, { width: 210 });
    doc.text(traveller.birthDate ? tr.date(Date.parse(`${traveller.birthDate}T12:00:00Z`)) : '', x + 260, y, { width: 100 });
    doc.text(maskDocument(traveller.documentNumber), x + 370, y, { width: width - 370 });
    if (extras) doc.font('body').fontSize(8.5).fillColor(MUTED).text(extras, x + 44, y + nameHeight + 1, { width: 210 });
    y += height;
  });
  // The extras of the whole booking (a transfer, a guide for the group), on a line of their own.
  if (data.extras?.length) {
    const line = tr.t('extras.bookingTaken', { list: data.extras.join(', ') });
    y += 4;
    doc.font('body').fontSize(10).fillColor(INK).text(line, x, y, { width });
    y += doc.heightOfString(line, { width }) + 2;
  }

  // Money, then what to bring.
  y += 10;
  const money: [string, number][] = [
    [tr.t('deal.price'), data.priceMinor],
    [tr.t('deal.paid'), data.paidMinor],
    [tr.t('deal.balance'), data.balanceMinor],
  ];
  doc.font('body').fontSize(10).fillColor(MUTED).text(`${tr.t('roster.seats')}: ${data.seats}`, x, y);
  y += 18;
  for (const [label, amount] of money) {
    doc.font('body').fontSize(10).fillColor(MUTED).text(label, x, y, { width: 120 });
    doc.font('body').fontSize(11).fillColor(INK).text(tr.money(amount, data.currency), x + 125, y - 1, { width: 160 });
    y += 18;
  }
  // A balance still to pay: how to pay it, as the agency writes it.
  if (data.balanceMinor > 0 && data.paymentInstructions?.trim()) {
    const how = `${tr.t('mail.payment.how', { how: data.paymentInstructions.trim() })}\n${tr.t('ledger.transferReference', { reference: data.reference })}`;
    doc.font('body').fontSize(10).fillColor(INK).text(how, x, y + 4, { width });
    y += doc.heightOfString(how, { width }) + 6;
  }
  doc.font('body').fontSize(9).fillColor(MUTED).text(tr.t('doc.bring'), x, y + 10, { width });
  // The second code: the agency's bot, for the trip's notices in Telegram.
  if (data.telegramLink) {
    const top = Math.min(doc.y + 14, doc.page.height - 150);
    drawQr(doc, data.telegramLink, x, top, 72);
    doc.font('body').fontSize(9).fillColor(INK).text(tr.t('doc.telegram'), x + 84, top + 8, { width: width - 84 });
  }

  numberPages(doc, (n, total) => `${reference} · ${tr.t('doc.page', { n, total })}`);
  doc.end();
  return finished;
}
