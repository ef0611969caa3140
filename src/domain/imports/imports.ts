/**
 * Importing clients: checked (a dry run, nothing written), or applied in one transaction
 * when no row has an error. The desk keeps an uploaded file until it is applied, so what is
 * imported is what was previewed, planned again against the clients on file at that moment.
 */
import { and, desc, eq, isNotNull, lt } from 'drizzle-orm';
import { atomically } from '../../db/transaction.js';
import { imports, users } from '../../db/schema/index.js';
import { commit } from '../commit.js';
import type { ActingCtx, Ctx } from '../context.js';
import { DomainError, notFound } from '../errors.js';
import { requireActiveUser } from '../users/active.js';
import { DAY_MS } from '../time.js';
import { planImport, readFile, writeImport, type ImportPlan, type OnProgress, type ReadFile } from './plan.js';
import { readTable, type Table } from './table.js';

export type ImportRow = typeof imports.$inferSelect;

/** Bringing a client base in is a manager's or a director's job. */
export function requireImporter(ctx: Ctx): void {
  if (ctx.actor && ctx.actor.role === 'operator') throw new DomainError('forbidden', 'Only managers and directors import clients');
}

/** Whom the new clients go to: the one named, else the manager importing, else nobody yet. */
export function importManager(ctx: Ctx, managerId: number | null | undefined): number | null {
  if (managerId) {
    requireActiveUser(ctx, managerId, 'managerId');
    return managerId;
  }
  return ctx.actor?.role === 'manager' ? ctx.actor.id : null;
}

/** The file read into rows and people: the slow part, done before any transaction. */
export async function readImportFile(ctx: Ctx, bytes: Uint8Array, onProgress?: OnProgress): Promise<{ table: Table; file: ReadFile }> {
  const table = await readTable(bytes);
  return { table, file: readFile(ctx, table, onProgress) };
}

/** What the import would do now; reads in one snapshot, writes nothing. */
export function dryRun(ctx: Ctx, file: ReadFile, onProgress?: OnProgress): ImportPlan {
  return ctx.sqlite.transaction(() => planImport(ctx, file, onProgress)).deferred();
}

export interface ApplyOptions {
  fileName: string;
  source: ImportRow['source'];
  managerId: number | null;
  /** The desk's checked upload this applies. */
  uploadId?: number;
}

/**
 * Plans and writes in one transaction: nothing is written when any row has an error, and
 * no client added in between can be added twice. The answer says whether it was applied.
 */
export function applyImport(ctx: Ctx, file: ReadFile, options: ApplyOptions, onProgress?: OnProgress): Promise<{ plan: ImportPlan; applied: boolean; importId: number | null }> {
  return commit(ctx, () => {
    if (options.uploadId) {
      const upload = getImport(ctx, options.uploadId);
      if (upload.status === 'applied') throw new DomainError('conflict', 'This file is already imported', { reason: 'import_applied' });
    }
    const plan = planImport(ctx, file, onProgress);
    if (plan.errors.length > 0) return { plan, applied: false, importId: null };
    writeImport(ctx, plan, { managerId: options.managerId }, onProgress);
    const record = {
      status: 'applied' as const,
      rows: plan.rows,
      created: plan.created,
      merged: plan.merged,
      errors: 0,
      managerId: options.managerId,
      appliedBy: ctx.actor?.id ?? null,
      appliedAt: ctx.now,
      file: null,
    };
    const importId = options.uploadId
      ? (ctx.db.update(imports).set(record).where(eq(imports.id, options.uploadId)).run(), options.uploadId)
      : ctx.db
          .insert(imports)
          .values({ ...record, fileName: options.fileName, source: options.source, uploadedBy: ctx.actor?.id ?? null, uploadedAt: ctx.now })
          .returning({ id: imports.id })
          .get().id;
    return { plan, applied: true, importId };
  });
}

/** An uploaded file that waits this long without being applied is dropped from the database. */
const UPLOAD_KEPT_MS = 7 * DAY_MS;

/** The desk's upload: the file kept with what its check found, to preview and then apply. */
export function saveUpload(ctx: ActingCtx, input: { fileName: string; bytes: Uint8Array; plan: ImportPlan; managerId: number | null }): ImportRow {
  return atomically(ctx.sqlite, () => {
    ctx.db
      .update(imports)
      .set({ file: null })
      .where(and(eq(imports.status, 'checked'), isNotNull(imports.file), lt(imports.uploadedAt, ctx.now - UPLOAD_KEPT_MS)))
      .run();
    return ctx.db
      .insert(imports)
      .values({
        fileName: input.fileName,
        file: Buffer.from(input.bytes),
        status: 'checked',
        source: 'desk',
        rows: input.plan.rows,
        created: input.plan.created,
        merged: input.plan.merged,
        errors: new Set(input.plan.errors.map((e) => e.row)).size,
        managerId: input.managerId,
        uploadedBy: ctx.actor.id,
        uploadedAt: ctx.now,
      })
      .returning()
      .get();
  });
}

export function getImport(ctx: Ctx, id: number): ImportRow {
  const row = ctx.db.select().from(imports).where(eq(imports.id, id)).get();
  if (!row) throw notFound('Import', id);
  return row;
}

/** The latest imports with who brought them: the record of where the client base came from. */
export function listImports(ctx: Ctx, limit = 30) {
  return ctx.db
    .select({ id: imports.id, fileName: imports.fileName, status: imports.status, source: imports.source, rows: imports.rows, created: imports.created, merged: imports.merged, errors: imports.errors, uploadedAt: imports.uploadedAt, appliedAt: imports.appliedAt, by: users.name })
    .from(imports)
    .leftJoin(users, eq(users.id, imports.uploadedBy))
    .orderBy(desc(imports.id))
    .limit(limit)
    .all();
}

/** The API's answer: the contract's counts and errors, with warnings and what each column was read as. */
export function importReport(plan: ImportPlan, applied: boolean) {
  return {
    rows: plan.rows,
    created: plan.created,
    merged: plan.merged,
    errors: plan.errors,
    warnings: plan.warnings,
    columns: plan.columns,
    applied,
  };
}
