import { Hono, type Context } from 'hono';
import { applyImport, dryRunInSlices, importManager, importReport, ImportQuery, readImportFile, requireImporter } from '../../domain/imports/index.js';
import { invalid } from '../../domain/errors.js';
import { requireSignIn } from '../auth.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { errorBody } from '../errors.js';
import { multipartFile } from '../multipart-file.js';
import { carriedNoteIn } from '../../i18n/import-words.js';
import { readQuery, idParam, readJson } from '../validate.js';
import { assignBankEntry, AssignBankEntryInput, BankImportQuery, importBankStatement, listBankStatements, waitingBankEntries } from '../../domain/bank-statements/index.js';

/** A client base exported from another system: 100,000 rows of CSV fit well within it. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/**
 * The file of an import request: the multipart field `file` (a form or curl -F), or the
 * body itself when it is sent as text/csv or as a spreadsheet.
 */
export async function uploadedFile(c: Context<AppEnv>, what = 'the CSV or XLSX file'): Promise<{ name: string; bytes: Uint8Array }> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const file = multipartFile(new Uint8Array(await c.req.arrayBuffer()), type);
    if (!file) throw invalid({ file: `is required: ${what} in the multipart field "file"` });
    return { name: file.name || 'upload', bytes: file.bytes };
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) throw invalid({ file: `is required: ${what} in the multipart field "file"` });
  return { name: 'upload', bytes };
}

/**
 * Clients from a spreadsheet: checked with dryRun=true, else imported when every row is right
 * (or, with skipInvalid=true, the rows that are, the others listed); country= reads phones.
 */
export function importRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireSignIn(deps));

  app.post('/contacts', async (c) => {
    const ctx = actingCtxOf(c, deps);
    requireImporter(ctx);
    const query = readQuery(c, ImportQuery);
    const managerId = await importManager(ctx, query.managerId);
    const upload = await uploadedFile(c);
    const { file } = await readImportFile(ctx, upload.bytes, { country: query.country, checkOnly: query.dryRun });
    if (query.dryRun) return c.json(importReport(await dryRunInSlices(ctx, file), false));
    const { plan, applied } = await applyImport(ctx, file, { fileName: upload.name, source: 'api', managerId, skipInvalid: query.skipInvalid, carriedNote: carriedNoteIn(ctx.agency.locale) });
    if (applied) return c.json(importReport(plan, true));
    // The refusal names every row and field, with the counts of what the rest would have done.
    const conflicts = new Set(plan.conflicts.map((e) => e.row)).size;
    const message = plan.unreadable ? 'the file\'s columns cannot be read; nothing was imported' : `${plan.rejectedRows.length} row(s) have errors${conflicts ? ` or conflicts (${conflicts})` : ''}; nothing was imported`;
    return c.json({ ...errorBody('validation_failed', message), ...importReport(plan, false) }, 400);
  });

  // A bank statement (camt.053 or 1CClientBankExchange): each credit naming a booking's reference becomes its payment.
  app.post('/bank-statement', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const query = readQuery(c, BankImportQuery);
    const upload = await uploadedFile(c, 'the camt.053 XML or 1CClientBankExchange file');
    return c.json(await importBankStatement(ctx, { bytes: upload.bytes, name: upload.name }, query));
  });

  app.get('/bank-statement', async (c) => c.json({ items: await listBankStatements(actingCtxOf(c, deps)), nextCursor: null }));

  app.get('/bank-statement/entries', async (c) => c.json(await waitingBankEntries(actingCtxOf(c, deps))));

  app.post('/bank-statement/entries/:id/assign', async (c) => {
    const ctx = actingCtxOf(c, deps);
    return c.json(await assignBankEntry(ctx, idParam(c, 'id', 'bank entry'), await readJson(c, AssignBankEntryInput)));
  });

  return app;
}
