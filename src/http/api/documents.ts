import { Hono, type Context } from 'hono';
import { BusQuery, manifestOf } from '../../domain/departures/manifest.js';
import { extrasOf } from '../../domain/departures/extras.js';
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
import { busName } from '../../i18n/bus-words.js';
import { makeTr, type Tr } from '../../../templates/tr.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, readQuery } from '../validate.js';

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

  /**
   * The roster of every bus (or of the one `?vehicleId=` names). A departure of several buses
   * names each row's bus (a Bus column, a part per bus on paper); one selling extras lists them.
   */
  const manifest = async (c: Context<AppEnv>) => {
    const ctx = actingCtxOf(c, deps);
    const { vehicleId } = readQuery(c, BusQuery);
    const { departure, vehicles, rows } = await manifestOf(ctx, idParam(c, 'id', 'departure'), vehicleId);
    const tr = makeTr(readerLocale(c, ctx.actor.locale, ctx.agency.locale), departure.timeZone);
    const buses = vehicles.length > 1 ? vehicles.filter((v) => vehicleId === undefined || v.id === vehicleId) : undefined;
    const shape = { buses: buses !== undefined, extras: extrasOf(departure).length > 0 || rows.some((row) => row.extras.length > 0 || row.bookingExtras.length > 0) };
    /** A download of one bus says which in its name. */
    const name = (base: string) => (vehicleId !== undefined && buses ? `${base} - ${busName(tr.locale, buses[0]!.label)}` : base);
    return { ctx, departure, rows, tr, buses, shape, name };
  };

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/departures/:id/manifest.${format}`, async (c) => {
      const { departure, rows, tr, shape, name } = await manifest(c);
      return spreadsheet(c, name(departure.title), [manifestTable(departure.title, rows, tr, shape)], tr, format);
    });
  }

  app.get('/departures/:id/manifest.pdf', async (c) => {
    const { ctx, departure, rows, tr, buses, name } = await manifest(c);
    return attachment(c, `${name(departure.title)}.pdf`, 'application/pdf', await renderManifest(departure, rows, tr, ctx.now, 'manifest', buses));
  });

  /** The guide's boarding list: the manifest by stop and seat, titled for the door (a bus's own with `?vehicleId=`). */
  app.get('/departures/:id/boarding.pdf', async (c) => {
    const { ctx, departure, rows, tr, buses, name } = await manifest(c);
    return attachment(c, `${name(departure.title)} - ${tr.t('doc.boardingList')}.pdf`, 'application/pdf', await renderManifest(departure, rows, tr, ctx.now, 'boarding', buses));
  });

  return app;
}
