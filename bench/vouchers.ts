/**
 * Vouchers per second for 1,000 deals of 2 travellers: the product path (read the deal,
 * lay out, render) next to bare pdfkit drawing the same strings with the same font file in
 * this process; then 1,000 voucher mails into a local smtp-server, pooled and unpooled.
 *
 *   npm run bench:vouchers [-- --deals 1000]
 */
import { atomically } from '../src/db/transaction.js';
import { mapInOrder } from '../src/domain/in-order.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { SMTPServer } from 'smtp-server';
import { openDb } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createContact } from '../src/domain/contacts/index.js';
import type { ActingCtx } from '../src/domain/context.js';
import { createDeal } from '../src/domain/deals/index.js';
import { recordPayment } from '../src/domain/deals/payments.js';
import { voucherOf } from '../src/domain/deals/voucher.js';
import { createDeparture } from '../src/domain/departures/departures.js';
import { queueVoucher } from '../src/domain/notifications/index.js';
import { documentFonts } from '../src/documents/fonts.js';
import { renderVoucher } from '../src/documents/voucher-pdf.js';
import { composeMail } from '../src/notifier/compose.js';
import { createMailer, type MailMessage } from '../src/mail/mailer.js';
import { makeTr } from '../templates/tr.js';
import { BENCH_AGENCY } from './agency.js';
import { recordFigures } from './results.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DEALS = arg('deals', 1000);
const require = createRequire(import.meta.url);
const FONT = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));

async function agencyWithDeals() {
  const database = openDb(':memory:');
  migrate(database.sqlite);
  await database.sqlite.prepare(`insert into users (email, name, role, password_hash, created_at, updated_at) values ('o@b.test', 'Operator', 'operator', 'x', 0, 0)`).run();
  const ctx: ActingCtx = { ...database, now: Date.now(), actor: { id: 1, email: 'o@b.test', name: 'Operator', role: 'operator', locale: null }, agency: BENCH_AGENCY };
  const ids: number[] = [];
  for (let d = 0; d < Math.ceil(DEALS / 500); d++) {
    const departure = await createDeparture(ctx, { title: `Охрид ${d + 1}`, destination: 'Охрид', departsAt: '2030-10-29T06:30', meetingPoint: 'София, НДК, паркинг', seats: 1000, priceMinor: 15000, depositMinor: 5000 });
    for (let i = 0; i < Math.min(500, DEALS - d * 500); i++) {
      const n = d * 500 + i;
      const contact = await createContact(ctx, { name: `Иван Петров ${n}`, email: `ivan${n}@bench.test`, locale: 'bg' });
      const id = await createDeal(ctx, { departureId: departure.id, contactId: contact.id, seats: 2, travellers: [{ name: `Иван Петров ${n}`, birthDate: '1980-02-03', documentNumber: `38${n}567` }, { name: `Мария Петрова ${n}` }] });
      await recordPayment(ctx, id, { amountMinor: 30000, kind: 'payment', method: 'cash' });
      ids.push(id);
    }
  }
  return { ctx, ids };
}

/**
 * Bare pdfkit: the voucher's strings and QR drawn directly. `font` is the file's bytes (what
 * pdfkit parses per document) or the font tourdesk parsed once.
 */
function bareVoucher(lines: string[], reference: string, travellers: string[], font: Buffer | object = FONT): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 48 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('body', font as Buffer);
  doc.font('body').fontSize(11);
  for (const line of lines) doc.text(line);
  for (const name of travellers) doc.text(name);
  const qr = QRCode.create(reference, { errorCorrectionLevel: 'M' });
  for (let r = 0; r < qr.modules.size; r++) for (let c = 0; c < qr.modules.size; c++) if (qr.modules.get(r, c)) doc.rect(400 + c * 3, 48 + r * 3, 3, 3);
  doc.fill('#000');
  doc.end();
  return done;
}

async function timed<T>(count: number, run: (i: number) => Promise<T>) {
  const started = performance.now();
  for (let i = 0; i < count; i++) await run(i);
  return count / ((performance.now() - started) / 1000);
}

async function main() {
  const { ctx, ids } = await agencyWithDeals();
  let bytes = 0;
  await renderVoucher((await voucherOf(ctx, ids[0]!)).data, makeTr('bg', 'Europe/Sofia')); // warm: font parse, JIT
  const product = await timed(ids.length, async (i) => {
    const voucher = await voucherOf(ctx, ids[i]!);
    const pdf = await renderVoucher(voucher.data, makeTr(voucher.locale, voucher.zone));
    bytes += pdf.length;
  });
  const samples = await mapInOrder(ids, async (id) => await voucherOf(ctx, id));
  const tr = makeTr('bg', 'Europe/Sofia');
  let bareBytes = 0;
  const bare = await timed(samples.length, async (i) => {
    const v = samples[i]!.data;
    const lines = [v.agency.name, v.agency.contacts, 'ВАУЧЕР', v.reference, v.trip.title, tr.dateTime(v.trip.departsAt), v.trip.meetingPoint, tr.money(v.priceMinor, v.currency), tr.money(v.paidMinor, v.currency), tr.money(v.balanceMinor, v.currency)];
    bareBytes += (await bareVoucher(lines, v.reference, v.travellers.map((t) => t.name))).length;
  });
  const parsed = documentFonts().regular;
  const bareParsed = await timed(samples.length, async (i) => {
    const v = samples[i]!.data;
    const lines = [v.agency.name, v.agency.contacts, 'ВАУЧЕР', v.reference, v.trip.title, tr.dateTime(v.trip.departsAt), v.trip.meetingPoint, tr.money(v.priceMinor, v.currency), tr.money(v.paidMinor, v.currency), tr.money(v.balanceMinor, v.currency)];
    await bareVoucher(lines, v.reference, v.travellers.map((t) => t.name), parsed);
  });
  console.log(`vouchers: ${ids.length} deals of 2 travellers`);
  console.log(`tourdesk (read deal + render) : ${product.toFixed(0)} vouchers/s, average ${(bytes / ids.length / 1024).toFixed(1)} KiB`);
  console.log(`bare pdfkit, same content     : ${bare.toFixed(0)} vouchers/s, average ${(bareBytes / ids.length / 1024).toFixed(1)} KiB`);
  console.log(`bare pdfkit, font parsed once : ${bareParsed.toFixed(0)} vouchers/s`);
  console.log(`ratio to bare pdfkit          : ${(product / bare).toFixed(2)}x (font per document), ${(product / bareParsed).toFixed(2)}x (font parsed once)`);
  recordFigures([{ bench: 'vouchers', figure: 'voucher PDFs (font parsed once)', ours: product, bare: bareParsed, unit: '/s', ratio: product / bareParsed, target: null }]);

  // Mail: the same 1,000 voucher mails into a local SMTP server, pooled and not.
  const messages: MailMessage[] = [];
  for (const id of ids) messages.push(await composeMail(ctx, await atomically(ctx, (ctx) => queueVoucher(ctx, id))));
  const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], onData(stream, _s, callback) { stream.on('data', () => {}); stream.on('end', () => callback()); } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  for (const pool of [true, false]) {
    const mailer = createMailer({ smtpUrl: url, from: 'bench <bench@localhost>', outboxDir: '/unused', pool });
    const perSecond = await timed(messages.length, (i) => mailer.send(messages[i]!));
    console.log(`SMTP ${pool ? 'pooled  ' : 'unpooled'}: ${perSecond.toFixed(0)} mails/s (${messages.length} voucher mails, one at a time)`);
    mailer.close();
  }
  server.close();
}

void main();
