/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import { DomainError, invalid } from '../../domain/errors.js';
import { applyImport, dryRun, getImport, importManager, listImports, readImportFile, requireImporter, saveUpload, type ImportPlan, type ImportRow } from '../../domain/imports/index.js';
import { assignableUsers } from '../../domain/tasks/index.js';
import type { ActingCtx } from '../../domain/context.js';
import { ImportPreviewPage, ImportsPage } from '../../../templates/imports.js';
import { actingCtxOf, write, type AppDeps, type AppEnv } from '../context.js';
import { idParam } from '../validate.js';
import { refusalOf } from './form-action.js';
import { positiveId, readForm, redirectDone } from './forms.js';
import { frameOf } from './frame.js';
import { MAX_IMPORT_BYTES } from '../api/imports.js';

type C = Context<AppEnv>;

/** Managers for the "new clients go to" choice, and the one chosen before. */
function uploadChoice(ctx: ActingCtx, managerId: number | null, error?: string) {
  const managers = assignableUsers(ctx).filter((u) => u.role === 'manager');
  return { managers, managerId, error };
}

const nameOf = (ctx: ActingCtx, id: number | null) => (id ? (ctx.db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? null) : null);

function viewOf(ctx: ActingCtx, row: ImportRow) {
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status,
    uploadedAt: row.uploadedAt,
    appliedAt: row.appliedAt,
    by: nameOf(ctx, row.uploadedBy),
    appliedBy: nameOf(ctx, row.appliedBy),
    managerName: nameOf(ctx, row.managerId),
    rows: row.rows,
    created: row.created,
    merged: row.merged,
  };
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

  function renderList(c: C, extra: { error?: string; managerId?: number | null; status?: 400 | 413 } = {}) {
    const ctx = actingCtxOf(c, deps);
    const managerId = extra.managerId === undefined ? (ctx.actor.role === 'manager' ? ctx.actor.id : null) : extra.managerId;
    return c.html(<ImportsPage {...frameOf(c, deps, 'contacts')} upload={uploadChoice(ctx, managerId, extra.error)} imports={listImports(ctx)} />, extra.status ?? 200);
  }

  app.get('/imports', (c) => renderList(c));

  // Checked, never imported here: the file is kept and the preview shows what it would do.
  app.post(
    '/imports',
    bodyLimit({ maxSize: MAX_IMPORT_BYTES, onError: () => Promise.reject(new DomainError('payload_too_large', `The file must be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`)) }),
    async (c) => {
      const form = await readForm(c);
      const ctx = actingCtxOf(c, deps);
      const file = (await c.req.parseBody()).file;
      const chosen = positiveId(form.managerId) ?? null;
      try {
        if (!(file instanceof File) || file.size === 0) throw invalid({ file: 'is required: the CSV or XLSX file in the multipart field "file"' });
        const managerId = importManager(ctx, chosen);
        const bytes = new Uint8Array(await file.arrayBuffer());
        const read = await readImportFile(ctx, bytes);
        const plan = dryRun(ctx, read.file);
        const row = await write(deps, () => saveUpload(ctx, { fileName: file.name || 'upload', bytes, plan, managerId }));
        return c.redirect(`/imports/${row.id}`, 303);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'validation_failed') throw error;
        const refusal = refusalOf(error, form, frameOf(c, deps).tr.locale, 'file');
        return renderList(c, { error: refusal.errors.file ?? refusal.errors.managerId ?? Object.values(refusal.errors)[0], managerId: chosen, status: 400 });
      }
    },
  );

  /** The stored file planned again now: the preview is always what importing would do at this moment. */
  async function currentPlan(ctx: ActingCtx, row: ImportRow): Promise<ImportPlan | null> {
    if (row.status === 'applied' || !row.file) return null;
    const read = await readImportFile(ctx, row.file);
    return dryRun(ctx, read.file);
  }

  app.get('/imports/:id', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const row = getImport(ctx, idParam(c, 'id', 'import'));
    const plan = await currentPlan(ctx, row);
    return c.html(<ImportPreviewPage {...frameOf(c, deps, 'contacts')} record={viewOf(ctx, row)} plan={plan} upload={uploadChoice(ctx, row.managerId)} />);
  });

  app.post('/imports/:id/apply', async (c) => {
    await readForm(c);
    const ctx = actingCtxOf(c, deps);
    const id = idParam(c, 'id', 'import');
    const row = getImport(ctx, id);
    if (row.status === 'applied') return redirectDone(c, `/imports/${id}`, 'importApplied');
    if (!row.file) return c.redirect(`/imports/${id}`, 303);
    const read = await readImportFile(ctx, row.file);
    let outcome: Awaited<ReturnType<typeof applyImport>>;
    try {
      outcome = await applyImport(ctx, read.file, { fileName: row.fileName, source: 'desk', managerId: row.managerId, uploadId: id });
    } catch (error) {
      // A second press of the button while the first was importing.
      if (error instanceof DomainError && (error.details as { reason?: string } | undefined)?.reason === 'import_applied') return redirectDone(c, `/imports/${id}`, 'importApplied');
      throw error;
    }
    const { applied, plan } = outcome;
    return applied ? redirectDone(c, `/imports/${id}`, 'imported', { count: String(plan.created) }) : redirectDone(c, `/imports/${id}`, 'importRefused');
  });

  return app;
}
