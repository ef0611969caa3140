import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/domain/context.js';
import { receiptPdf, type ReceiptData } from '../../src/documents/receipt-pdf.js';
import { makeTr } from '../../templates/tr.js';
import { havePoppler } from '../helpers/documents.js';

const folder = mkdtempSync(join(tmpdir(), 'receipt-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const payment: ReceiptData = {
  receiptNumber: '2026-000123',
  kind: 'payment',
  issuedAt: Date.parse('2026-05-12T07:30:00Z'),
  receivedAt: Date.parse('2026-05-12T07:25:00Z'),
  amountMinor: 2_120_205,
  currency: 'EUR',
  method: 'cash',
  note: 'Single room supplement',
  reference: null,
  agency: { name: 'Балкан Тур ООД', contacts: 'София, бул. Витоша 12 · +359 2 123 4567' },
  client: { name: 'Иван Петров', phone: '+359888123456' },
  trip: { title: 'Истанбул и Одрин', departsAt: Date.parse('2026-06-05T03:30:00Z'), bookingReference: 'B-2026-0456' },
  takenBy: 'Мария Иванова',
  reverses: null,
};

/** The receipt's text as pdftotext reads it back, whitespace collapsed (a long line may wrap). */
async function textOf(data: ReceiptData, locale: Locale): Promise<{ text: string; pages: number }> {
  const pdf = await receiptPdf(data, makeTr(locale, 'Europe/Sofia'));
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const file = join(folder, `${data.receiptNumber}-${data.kind}-${locale}.pdf`);
  writeFileSync(file, pdf);
  const raw = execFileSync('pdftotext', [file, '-']).toString('utf8');
  return { text: raw.replace(/\s+/gu, ' '), pages: raw.split('\f').filter((page) => page.trim() !== '').length };
}

describe.skipIf(!havePoppler)('the receipt PDF', () => {
  it('ru: a payment in cash, its number, the amount in figures and words, the client, who took it', async () => {
    const { text, pages } = await textOf({ ...payment, currency: 'RUB' }, 'ru');
    expect(pages).toBe(1);
    expect(text).toContain('Квитанция № 2026-000123');
    expect(text).toContain('от 12 мая 2026 г.');
    expect(text).toContain('Балкан Тур ООД');
    expect(text).toContain('Принято от');
    expect(text).toContain('Иван Петров');
    expect(text).toContain('Истанбул и Одрин');
    expect(text).toContain('B-2026-0456');
    expect(text).toMatch(/21\s202,05\s₽/u);
    expect(text).toContain('Двадцать одна тысяча двести два рубля 05 копеек');
    expect(text).toContain('Наличные');
    expect(text).toContain('12 мая 2026 г., 10:25');
    expect(text).toContain('Приняла Мария Иванова');
    expect(text).toContain('Подпись');
  });

  it('bg: a refund paid to the client, with the client signing', async () => {
    const { text } = await textOf({ ...payment, kind: 'refund', method: 'bank_transfer', takenBy: 'Георги Стоянов', note: null }, 'bg');
    expect(text).toContain('Разписка за възстановена сума № 2026-000123');
    expect(text).toContain('Изплатено на');
    expect(text).toContain('Иван Петров');
    expect(text).toMatch(/21\s202,05\s€/u);
    expect(text).toContain('Двадесет и една хиляди двеста и две евро и 05 цента');
    expect(text).toContain('Банков превод');
    expect(text).toContain('Изплатил Георги Стоянов');
    expect(text).toContain('Подпис на клиента');
  });

  it('bg: a payment by card online names the source, and the checkout reference', async () => {
    const { text } = await textOf({ ...payment, method: 'card', takenBy: null, reference: 'cs_test_a1b2c3' }, 'bg');
    expect(text).toContain('Квитанция № 2026-000123');
    expect(text).toContain('Получено от');
    expect(text).toContain('Карта');
    expect(text).toContain('cs_test_a1b2c3');
    expect(text).toContain('Онлайн плащане');
  });

  it('en: a reversal names the receipt it cancels and its amount', async () => {
    const { text } = await textOf(
      { ...payment, receiptNumber: '2026-000130', kind: 'reversal', note: 'Recorded twice', reverses: { receiptNumber: '2026-000123', kind: 'payment' } },
      'en',
    );
    expect(text).toContain('Reversal receipt No 2026-000130');
    expect(text).toContain('Cancels receipt No 2026-000123 for €21,202.05');
    expect(text).toContain('Amount cancelled');
    expect(text).toContain('Twenty-one thousand two hundred two euros and 05 cents');
    expect(text).toContain('Client Иван Петров');
    expect(text).toContain('Recorded twice');
  });

  it('ru: a reversal of a refund', async () => {
    const { text } = await textOf({ ...payment, receiptNumber: '2026-000131', kind: 'reversal', reverses: { receiptNumber: '2026-000124', kind: 'refund' } }, 'ru');
    expect(text).toContain('Квитанция об аннулировании № 2026-000131');
    expect(text).toContain('Аннулирует квитанцию о возврате № 2026-000124');
    expect(text).toContain('Аннулируемая сумма');
  });

  it('en: a payment from the bank statement, the method worded; an agency\'s own method shown as given', async () => {
    const bank = await textOf({ ...payment, method: 'bank', takenBy: null, reference: 'STMT-0042', currency: 'USD', amountMinor: 100 }, 'en');
    expect(bank.text).toContain('Receipt No 2026-000123');
    expect(bank.text).toContain('Received from Иван Петров');
    expect(bank.text).toContain('Bank transfer (statement)');
    expect(bank.text).toContain('Bank statement');
    expect(bank.text).toContain('STMT-0042');
    expect(bank.text).toContain('One dollar and 00 cents');

    const own = await textOf({ ...payment, method: 'Revolut', currency: 'BGN', amountMinor: 2_201 }, 'en');
    expect(own.text).toContain('Revolut');
    expect(own.text).toContain('Twenty-two leva and 01 stotinka');
    expect(own.text).toContain('Received by Мария Иванова');
  });
});
