import { Hono, type Context } from 'hono';
import { manifestOf } from '../../domain/departures/manifest.js';
import { voucherOf } from '../../domain/deals/voucher.js';
import { asciiFileName } from '../../documents/file-name.js';
import { manifestTable } from '../../documents/manifest-table.js';
import type { Table } from '../../documents/table.js';
import { tablesCsv } from '../../documents/table-csv.js';
import { tablesXlsx } from '../../documents/table-xlsx.js';
import { renderManifest } from '../../documents/manifest-pdf.js';
import { renderVoucher } from '../../documents/voucher-pdf.js';
import { receiptPdf } from '../../documents/receipt-pdf.js';
import { receiptFacts } from '../../domain/ledger/index.js';
import { readerLocale } from '../../i18n/index.js';
import { makeTr, type Tr } from '../../../templates/tr.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam } from '../validate.js';

/** RFC 6266: an ASCII fallback and the real (Cyrillic) name for browsers that read it. */
export function attachment(c: Context, filename: string, type: string, body: string | Buffer) {
  c.header('Content-Type', type);
  c.header('Content-Disposition', `attachment; filename="${asciiFileName(filename)}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  return c.body(typeof body === 'string' ? body : new Uint8Array(body));
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Tables as a download: CSV (the reader's separator, BOM) or XLSX (typed cells), named `name` + extension. */
export async function spreadsheet(c: Context, name: string, tables: Table[], tr: Tr, format: 'csv' | 'xlsx') {
  if (format === 'xlsx') return attachment(c, `${name}.xlsx`, XLSX_TYPE, await tablesXlsx(tables, tr));
  return attachment(c, `${name}.csv`, 'text/csv; charset=utf-8', tablesCsv(tables, tr));
}

/** Voucher and manifest downloads, shared by the API (bearer) and the pages (cookie). */
export function documentRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/deals/:id/voucher.pdf', async (c) => {
    const voucher = await voucherOf(actingCtxOf(c, deps), idParam(c, 'id', 'deal'));
    const pdf = await renderVoucher(voucher.data, makeTr(voucher.locale, voucher.zone));
    return attachment(c, `${voucher.data.reference}.pdf`, 'application/pdf', pdf);
  });

  /** A money row's numbered receipt, in the client's language. */
  app.get('/payments/:id/receipt.pdf', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const facts = await receiptFacts(ctx, idParam(c, 'id', 'payment'));
    const pdf = await receiptPdf(facts, makeTr(facts.locale, ctx.agency.timeZone));
    return attachment(c, `${facts.receiptNumber}.pdf`, 'application/pdf', pdf);
  });

  const manifest = async (c: Context<AppEnv>) => {
    const ctx = actingCtxOf(c, deps);
    const { departure, rows } = await manifestOf(ctx, idParam(c, 'id', 'departure'));
    const tr = makeTr(readerLocale(c, ctx.actor.locale, ctx.agency.locale), departure.timeZone);
    return { ctx, departure, rows, tr };
  };

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/departures/:id/manifest.${format}`, async (c) => {
      const { departure, rows, tr } = await manifest(c);
      return spreadsheet(c, departure.title, [manifestTable(departure.title, rows, tr)], tr, format);
    });
  }

  app.get('/departures/:id/manifest.pdf', async (c) => {
    const { ctx, departure, rows, tr } = await manifest(c);
    return attachment(c, `${departure.title}.pdf`, 'application/pdf', await renderManifest(departure, rows, tr, ctx.now));
  });

  /** The guide's boarding list: the manifest by stop and seat, titled for the door. */
  app.get('/departures/:id/boarding.pdf', async (c) => {
    const { ctx, departure, rows, tr } = await manifest(c);
    return attachment(c, `${departure.title} - ${tr.t('doc.boardingList')}.pdf`, 'application/pdf', await renderManifest(departure, rows, tr, ctx.now, 'boarding'));
  });

  return app;
}
