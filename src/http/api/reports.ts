import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { departureReportCsv, departuresReportCsv, funnelReportCsv } from '../../documents/report-csv.js';
import { departureReport, departuresReport, PeriodQuery } from '../../domain/reports/departures-report.js';
import { funnelReport } from '../../domain/reports/funnel.js';
import { requireRole } from '../../domain/users/users.js';
import { pickLocale } from '../../i18n/index.js';
import { makeTr } from '../../../templates/tr.js';
import { requireSignIn } from '../auth.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, readQuery } from '../validate.js';
import { attachment } from './documents.js';

const ReportQuery = PeriodQuery.extend({ format: z.enum(['json', 'csv']).optional() });

/** Directors' reports, as JSON or (`?format=csv`) as a spreadsheet in the reader's language. */
export function reportRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireSignIn(deps));

  const directorCtx = (c: Context<AppEnv>) => {
    const ctx = actingCtxOf(c, deps);
    requireRole(ctx, 'director');
    const query = readQuery(c, ReportQuery);
    const tr = makeTr(pickLocale(ctx.actor.locale, c.req.header('Accept-Language'), ctx.agency.locale), ctx.agency.timeZone);
    return { ctx, query, tr, csv: query.format === 'csv' };
  };

  app.get('/departures', (c) => {
    const { ctx, query, tr, csv } = directorCtx(c);
    const report = departuresReport(ctx, query);
    if (csv) return attachment(c, `departures-${query.from ?? 'all'}-${query.to ?? 'all'}.csv`, 'text/csv; charset=utf-8', departuresReportCsv(report, tr));
    return c.json({ items: report.items.map(isoDeparture), totals: report.totals, nextCursor: null });
  });

  app.get('/departures/:id', (c) => {
    const { ctx, tr, csv } = directorCtx(c);
    const report = departureReport(ctx, idParam(c, 'id', 'departure'));
    if (csv) return attachment(c, `${report.title}.csv`, 'text/csv; charset=utf-8', departureReportCsv(report, tr));
    return c.json(isoDeparture(report));
  });

  app.get('/funnel', (c) => {
    const { ctx, query, tr, csv } = directorCtx(c);
    const report = funnelReport(ctx, query);
    if (csv) return attachment(c, `funnel-${query.from ?? 'all'}-${query.to ?? 'all'}.csv`, 'text/csv; charset=utf-8', funnelReportCsv(report, tr));
    return c.json(report);
  });

  return app;
}

const isoDeparture = <T extends { departsAt: number }>(row: T) => ({ ...row, departsAt: new Date(row.departsAt).toISOString() });
