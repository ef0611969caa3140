import { Hono, type MiddlewareHandler } from 'hono';
import { ledgerForSheet, LedgerQuery, listLedger } from '../../domain/ledger/index.js';
import { readerLocale } from '../../i18n/index.js';
import { ledgerTables } from '../../documents/ledger-tables.js';
import { makeTr } from '../../../templates/tr.js';
import { requireSignIn } from '../auth.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { readQuery } from '../validate.js';
import { spreadsheet } from './documents.js';

/** The money ledger: JSON pages with the filter's totals, or the whole period as CSV / XLSX in the reader's language. */
export function ledgerRoutes(deps: AppDeps, signIn: MiddlewareHandler<AppEnv> = requireSignIn(deps)) {
  const app = new Hono<AppEnv>();
  app.use('*', signIn);

  app.get('/', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const query = readQuery(c, LedgerQuery);
    if (query.format === 'csv' || query.format === 'xlsx') {
      const tr = makeTr(readerLocale(c, ctx.actor.locale, ctx.agency.locale), ctx.agency.timeZone);
      return spreadsheet(c, `payments-${query.from ?? 'all'}-${query.to ?? 'all'}`, ledgerTables(await ledgerForSheet(ctx, query), tr), tr, query.format);
    }
    return c.json(await listLedger(ctx, query));
  });

  return app;
}
