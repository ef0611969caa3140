import type { Tr } from '../../templates/tr.js';
import type { ReceiptFacts } from '../domain/ledger/index.js';
import { genderOfName } from '../i18n/name-gender.js';
import { amountInWords } from './amount-in-words.js';
import { newPdf } from './pdf.js';

/** What a receipt prints: the ledger's facts of one money row (the client's language is the caller's choice of `tr`). */
export type ReceiptData = Omit<ReceiptFacts, 'paymentId' | 'dealId' | 'locale'>;

const INK = '#1d2330';
const MUTED = '#5d6677';
const LINE = '#d5dae3';
const BOX = '#f4f6f9';
const CANCELLED = '#a12a2a';

/** Methods that come from the bank: a receipt without a staff member names the statement as its source. */
const BANK_METHODS = new Set(['bank', 'bank_transfer']);

/**
 * The numbered receipt of one money row, in the reader's language: who paid (or was paid),
 * for which trip, the amount in figures and in words, how and when, who took it, and a line
 * to sign. A reversal names the receipt it cancels. One A4 page.
 */
export async function receiptPdf(data: ReceiptData, tr: Tr): Promise<Buffer> {
  const title = tr.t(`receipt.title.${data.kind}`, { number: data.receiptNumber });
  const { doc, finished } = newPdf({ title });
  const x = 48;
  const width = doc.page.width - 96;
  const amount = tr.money(data.amountMinor, data.currency);

  // The agency, then the receipt's title, number and date.
  doc.font('body').fontSize(15).fillColor(INK).text(data.agency.name, x, 48, { width });
  if (data.agency.contacts) doc.font('body').fontSize(9).fillColor(MUTED).text(data.agency.contacts, x, doc.y + 2, { width });
  let y = doc.y + 22;
  // A long title (Bulgarian "Разписка за възстановена сума № ...") is set smaller rather than
  // breaking its number away from "№".
  doc.font('body').fontSize(20);
  const titleSize = Math.max(14, Math.min(20, Math.floor((20 * width) / doc.widthOfString(title))));
  doc.fontSize(titleSize).fillColor(INK).text(title, x, y, { width });
  doc.font('body').fontSize(11).fillColor(MUTED).text(tr.t('receipt.dated', { date: tr.date(data.issuedAt) }), x, doc.y + 2, { width });
  y = doc.y;
  if (data.kind === 'reversal' && data.reverses) {
    const cancels = tr.t(`receipt.cancels.${data.reverses.kind}`, { number: data.reverses.receiptNumber, amount });
    doc.font('body').fontSize(11).fillColor(CANCELLED).text(cancels, x, y + 8, { width });
    y = doc.y;
  }

  y += 14;
  doc.moveTo(x, y).lineTo(x + width, y).strokeColor(LINE).lineWidth(1).stroke();
  y += 12;

  const labelWidth = 160;
  const field = (label: string, value: string) => {
    doc.font('body').fontSize(9).fillColor(MUTED).text(label, x, y + 1, { width: labelWidth - 8 });
    const labelBottom = doc.y;
    doc.font('body').fontSize(11).fillColor(INK).text(value, x + labelWidth, y, { width: width - labelWidth });
    y = Math.max(doc.y, labelBottom) + 7;
  };

  // Who, and what for.
  const party = data.kind === 'payment' ? 'receipt.from' : data.kind === 'refund' ? 'receipt.to' : 'receipt.client';
  field(tr.t(party), [data.client.name, data.client.phone && tr.phone(data.client.phone)].filter(Boolean).join(' · '));
  field(tr.t('receipt.trip'), data.trip.title);
  field(tr.t('receipt.departure'), tr.dateTime(data.trip.departsAt));
  field(tr.t('receipt.booking'), data.trip.bookingReference);

  // The amount, in figures and in words, set apart.
  y += 6;
  const words = amountInWords(data.amountMinor, data.currency, tr.locale);
  const inner = width - 24;
  doc.font('body').fontSize(11);
  const wordsHeight = doc.heightOfString(words, { width: inner - labelWidth + 12 });
  const boxHeight = 12 + 24 + 8 + wordsHeight + 12;
  doc.rect(x, y, width, boxHeight).fillColor(BOX).fill();
  doc.rect(x, y, width, boxHeight).strokeColor(LINE).lineWidth(0.8).stroke();
  const amountLabel = data.kind === 'reversal' ? 'receipt.amountCancelled' : 'receipt.amount';
  doc.font('body').fontSize(9).fillColor(MUTED).text(tr.t(amountLabel), x + 12, y + 19, { width: labelWidth - 20 });
  doc.font('body').fontSize(18).fillColor(data.kind === 'reversal' ? CANCELLED : INK).text(amount, x + labelWidth, y + 12, { width: inner - labelWidth + 12 });
  const wordsTop = y + 12 + 24 + 8;
  doc.font('body').fontSize(9).fillColor(MUTED).text(tr.t('receipt.inWords'), x + 12, wordsTop + 1, { width: labelWidth - 20 });
  doc.font('body').fontSize(11).fillColor(INK).text(words, x + labelWidth, wordsTop, { width: inner - labelWidth + 12 });
  y += boxHeight + 14;

  // How, when, by whom.
  field(tr.t('receipt.method'), tr.label('method', data.method));
  field(tr.t(`receipt.at.${data.kind}`), tr.dateTime(data.receivedAt));
  if (data.reference) field(tr.t('receipt.reference'), data.reference);
  if (data.note?.trim()) field(tr.t('receipt.note'), data.note.trim());
  if (data.takenBy) {
    field(tr.t(`receipt.by.${data.kind}`, { gender: genderOfName(data.takenBy) }), data.takenBy);
  } else {
    const source = BANK_METHODS.has(data.method) ? 'receipt.source.statement' : 'receipt.source.online';
    field(tr.t('receipt.source'), tr.t(source));
  }

  // Signatures: the agency's (with room for its stamp); the client's too when money was paid out to them.
  y += 44;
  const lineWidth = 190;
  const signature = (left: number, label: string, name: string | null) => {
    doc.moveTo(left, y).lineTo(left + lineWidth, y).strokeColor(INK).lineWidth(0.6).stroke();
    const caption = name ? `${label} (${name})` : label;
    doc.font('body').fontSize(8).fillColor(MUTED).text(caption, left, y + 4, { width: lineWidth });
  };
  signature(x, tr.t('receipt.signature'), data.takenBy);
  doc.font('body').fontSize(9).fillColor(MUTED).text(tr.t('receipt.stamp'), x + lineWidth + 24, y - 10, { width: 60 });
  if (data.kind === 'refund') signature(x + width - lineWidth, tr.t('receipt.signature.client'), data.client.name);

  doc.end();
  return finished;
}
