import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { departureReportTables, departuresReportTables, funnelReportTables } from '../../documents/report-tables.js';
import { departureReport, departuresReport, PeriodQuery, revenueByCategoryOfMany } from '../../domain/reports/departures-report.js';
import { funnelReport } from '../../domain/reports/funnel.js';
import { extrasRevenueOfMany } from '../../domain/reports/extras-revenue.js';
import { cashbook } from '../../domain/ledger/index.js';
import { cashbookTables } from '../../documents/ledger-tables.js';
import { requireRole } from '../../domain/users/users.js';
import { readerLocale } from '../../i18n/index.js';
import { makeTr } from '../../../templates/tr.js';
import { requireSignIn } from '../auth.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, readQuery } from '../validate.js';
import { spreadsheet } from './documents.js';

export const ReportQuery = PeriodQuery.extend({ format: z.enum(['json', 'csv', 'xlsx']).optional() });

/** Directors' reports, as JSON or (`?format=csv|xlsx`) as a spreadsheet in the reader's language. */
export function reportRoutes(deps: AppDeps, signIn: MiddlewareHandler<AppEnv> = requireSignIn(deps)) {
  const app = new Hono<AppEnv>();
  // The API signs in by bearer token; the desk mounts the same routes behind its cookie session.
  app.use('*', signIn);

  const directorCtx = (c: Context<AppEnv>) => {
    const ctx = actingCtxOf(c, deps);
    requireRole(ctx, 'director');
    const query = readQuery(c, ReportQuery);
    const tr = makeTr(readerLocale(c, ctx.actor.locale, ctx.agency.locale), ctx.agency.timeZone);
    const sheet = query.format === 'csv' || query.format === 'xlsx' ? query.format : null;
    return { ctx, query, tr, sheet };
  };

  // The period's CSV stays one table, one line per departure and the totals, as importers read it;
  // the workbook adds the revenue by price category and per extra as sheets of their own.
  app.get('/departures', async (c) => {
    const { ctx, query, tr, sheet } = directorCtx(c);
    const report = await departuresReport(ctx, query);
    if (sheet) {
      const xlsx = sheet === 'xlsx';
      const tables = departuresReportTables(report, tr, xlsx ? await revenueByCategoryOfMany(ctx, report.items) : [], xlsx ? await extrasRevenueOfMany(ctx, report.items) : []);
      return spreadsheet(c, `departures-${query.from ?? 'all'}-${query.to ?? 'all'}`, tables, tr, sheet);
    }
    return c.json({ items: report.items, totals: report.totals, nextCursor: null });
  });

  app.get('/departures/:id', async (c) => {
    const { ctx, tr, sheet } = directorCtx(c);
    const report = await departureReport(ctx, idParam(c, 'id', 'departure'));
    if (sheet) return spreadsheet(c, report.title, departureReportTables(report, tr), tr, sheet);
    return c.json(report);
  });

  app.get('/funnel', async (c) => {
    const { ctx, query, tr, sheet } = directorCtx(c);
    const report = await funnelReport(ctx, query);
    if (sheet) return spreadsheet(c, `funnel-${query.from ?? 'all'}-${query.to ?? 'all'}`, funnelReportTables(report, tr), tr, sheet);
    return c.json(report);
  });

  // Per day and method in the agency's zone: what the till and the bank account should show.
  app.get('/cashbook', async (c) => {
    const { ctx, query, tr, sheet } = directorCtx(c);
    const book = await cashbook(ctx, query);
    if (sheet) return spreadsheet(c, `cashbook-${query.from ?? 'all'}-${query.to ?? 'all'}`, cashbookTables(book, tr), tr, sheet);
    return c.json(book);
  });

  return app;
}
