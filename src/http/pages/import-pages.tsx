/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { atomically } from '../../db/transaction.js';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { eq } from 'drizzle-orm';
import type { CountryCode } from 'libphonenumber-js';
import { users } from '../../db/schema/index.js';
import { DomainError, invalid } from '../../domain/errors.js';
import {
  applyImport,
  dryRunInSlices,
  getImport,
  importManager,
  ImportCountry,
  listImports,
  readImportFile,
  rejectedRows,
  requireImporter,
  saveUpload,
  type ImportPlan,
  type ImportRow,
} from '../../domain/imports/index.js';
import { assignableUsers } from '../../domain/tasks/index.js';
import type { ActingCtx } from '../../domain/context.js';
import { importErrorsTable } from '../../documents/import-errors-table.js';
import { fieldErrorText } from '../../i18n/errors.js';
import { carriedNoteIn } from '../../i18n/import-words.js';
import { ImportPreviewPage, ImportsPage } from '../../../templates/imports.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam } from '../validate.js';
import { spreadsheet } from '../api/documents.js';
import { refusalOf } from './form-action.js';
import { positiveId, readForm, redirectDone } from './forms.js';
import { frameOf } from './frame.js';
import { MAX_IMPORT_BYTES } from '../api/imports.js';

type C = Context<AppEnv>;

/** Managers for the "new clients go to" choice, the country phones are read in, and the one chosen before. */
async function uploadChoice(ctx: ActingCtx, managerId: number | null, country: CountryCode, error?: string) {
  const managers = (await assignableUsers(ctx)).filter((u) => u.role === 'manager');
  return { managers, managerId, country, agencyCountry: ctx.agency.country, error };
}

const nameOf = async (ctx: ActingCtx, id: number | null) => (id ? ((await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, id)).get())?.name ?? null) : null);

async function viewOf(ctx: ActingCtx, row: ImportRow) {
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status,
    uploadedAt: row.uploadedAt,
    appliedAt: row.appliedAt,
    by: await nameOf(ctx, row.uploadedBy),
    appliedBy: await nameOf(ctx, row.appliedBy),
    managerName: await nameOf(ctx, row.managerId),
    rows: row.rows,
    created: row.created,
    merged: row.merged,
    errors: row.errors,
  };
}

/**
 * The country a file's phones are read in: the one the form or the address names, else the
 * agency's. The preview's address carries it, so the preview, the import and the download of
 * the rows to correct all read the file alike.
 */
function countryOf(ctx: ActingCtx, given: string | undefined): CountryCode {
  if (!given) return ctx.agency.country;
  const parsed = ImportCountry.safeParse(given);
  if (!parsed.success) throw invalid({ country: parsed.error.issues[0]!.message });
  return parsed.data;
}

const previewPath = (ctx: ActingCtx, id: number, country: CountryCode) => (country === ctx.agency.country ? `/imports/${id}` : `/imports/${id}?country=${country}`);

/** A refusal of the file itself (unreadable, over a limit) in the reader's words, and its status. */
function fileRefusal(error: DomainError, locale: Parameters<typeof fieldErrorText>[0]): { message: string; status: 400 | 413 } | null {
  const details = (error.details ?? {}) as Record<string, string>;
  if (error.code === 'payload_too_large' && details.file) return { message: fieldErrorText(locale, details.file), status: 413 };
  return null;
}

/** Managers and directors: bring a client base in, see what each row becomes, then import it. */
export function importPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const importersOnly = async (c: C, next: () => Promise<void>) => {
    requireImporter(actingCtxOf(c, deps));
    await next();
  };
  app.use('/imports', importersOnly);
  app.use('/imports/*', importersOnly);

  async function renderList(c: C, extra: { error?: string; managerId?: number | null; country?: CountryCode; status?: 400 | 413 } = {}) {
    const ctx = actingCtxOf(c, deps);
    const managerId = extra.managerId === undefined ? (ctx.actor.role === 'manager' ? ctx.actor.id : null) : extra.managerId;
    return c.html(<ImportsPage {...frameOf(c, deps, 'contacts')} upload={await uploadChoice(ctx, managerId, extra.country ?? ctx.agency.country, extra.error)} imports={await listImports(ctx)} />, extra.status ?? 200);
  }

  app.get('/imports', async (c) => await renderList(c));

  // Checked, never imported here: the file is kept and the preview shows what it would do.
  app.post(
    '/imports',
    bodyLimit({ maxSize: MAX_IMPORT_BYTES, onError: () => Promise.reject(new DomainError('payload_too_large', `The file must be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`)) }),
    async (c) => {
      const form = await readForm(c);
      const ctx = actingCtxOf(c, deps);
      const file = (await c.req.parseBody()).file;
      const chosen = positiveId(form.managerId) ?? null;
      const locale = frameOf(c, deps).tr.locale;
      let country = ctx.agency.country;
      try {
        country = countryOf(ctx, form.country);
        if (!(file instanceof File) || file.size === 0) throw invalid({ file: 'is required: the CSV or XLSX file in the multipart field "file"' });
        const managerId = await importManager(ctx, chosen);
        const bytes = new Uint8Array(await file.arrayBuffer());
        const read = await readImportFile(ctx, bytes, { country, checkOnly: true });
        const plan = await dryRunInSlices(ctx, read.file);
        const row = await atomically(ctx, async (ctx) => await saveUpload(ctx, { fileName: file.name || 'upload', bytes, plan, managerId }));
        return c.redirect(previewPath(ctx, row.id, country), 303);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const tooBig = fileRefusal(error, locale);
        if (tooBig) return await renderList(c, { error: tooBig.message, managerId: chosen, country, status: tooBig.status });
        if (error.code !== 'validation_failed') throw error;
        const refusal = refusalOf(error, form, locale, 'file');
        return await renderList(c, { error: refusal.errors.file ?? refusal.errors.country ?? refusal.errors.managerId ?? Object.values(refusal.errors)[0], managerId: chosen, country, status: 400 });
      }
    },
  );

  /**
   * The stored file planned again now: the preview is always what importing would do at this
   * moment. After an import that left rows out, the file stays to list and download them.
   */
  async function currentPlan(ctx: ActingCtx, row: ImportRow, country: CountryCode): Promise<ImportPlan | null> {
    if (!row.file) return null;
    const read = await readImportFile(ctx, row.file, { country, checkOnly: true });
    return await dryRunInSlices(ctx, read.file);
  }

  app.get('/imports/:id', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const row = await getImport(ctx, idParam(c, 'id', 'import'));
    const country = countryOf(ctx, c.req.query('country'));
    const plan = await currentPlan(ctx, row, country);
    return c.html(<ImportPreviewPage {...frameOf(c, deps, 'contacts')} record={await viewOf(ctx, row)} plan={plan} upload={await uploadChoice(ctx, row.managerId, country)} />);
  });

  /** The rows an import leaves out, with the file's own columns and what to correct, to upload again. */
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/imports/:id/rejected.${format}`, async (c) => {
      const ctx = actingCtxOf(c, deps);
      const row = await getImport(ctx, idParam(c, 'id', 'import'));
      const country = countryOf(ctx, c.req.query('country'));
      if (!row.file) return c.redirect(`/imports/${row.id}`, 303);
      const read = await readImportFile(ctx, row.file, { country, withTable: true, checkOnly: true });
      const plan = await dryRunInSlices(ctx, read.file);
      const { header, rows } = rejectedRows(plan, read.table!);
      const tr = frameOf(c, deps).tr;
      const stem = row.fileName.replace(/\.[^.]+$/, '');
      return spreadsheet(c, `${stem}-${tr.t('import.errorsFile.suffix')}`, [importErrorsTable(header, rows, tr, format)], tr, format);
    });
  }

  app.post('/imports/:id/apply', async (c) => {
    const form = await readForm(c);
    const ctx = actingCtxOf(c, deps);
    const id = idParam(c, 'id', 'import');
    const row = await getImport(ctx, id);
    const country = countryOf(ctx, form.country);
    const back = previewPath(ctx, id, country);
    if (row.status === 'applied') return redirectDone(c, back, 'importApplied');
    if (!row.file) return c.redirect(back, 303);
    const skipInvalid = form.skipInvalid === 'true';
    const read = await readImportFile(ctx, row.file, { country });
    let outcome: Awaited<ReturnType<typeof applyImport>>;
    try {
      outcome = await applyImport(ctx, read.file, { fileName: row.fileName, source: 'desk', managerId: row.managerId, uploadId: id, skipInvalid, carriedNote: carriedNoteIn(ctx.agency.locale) });
    } catch (error) {
      // A second press of the button while the first was importing.
      if (error instanceof DomainError && (error.details as { reason?: string } | undefined)?.reason === 'import_applied') return redirectDone(c, back, 'importApplied');
      throw error;
    }
    const { applied, plan } = outcome;
    if (!applied) return redirectDone(c, back, 'importRefused');
    return redirectDone(c, back, plan.rejectedRows.length > 0 ? 'importedSkipped' : 'imported', { count: String(plan.created) });
  });

  return app;
}
