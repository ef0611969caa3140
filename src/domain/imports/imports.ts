/**
 * Importing clients: checked (a dry run, nothing written), or applied in one transaction
 * when no row has an error. The desk keeps an uploaded file until it is applied, so what is
 * imported is what was previewed, planned again against the clients on file at that moment.
 */
import { and, desc, eq, isNotNull, lt } from 'drizzle-orm';
import { atomically, readConsistently } from '../../db/transaction.js';
import { imports, users } from '../../db/schema/index.js';
import type { ActingCtx, Ctx } from '../context.js';
import { DomainError, notFound } from '../errors.js';
import { requireActiveUser } from '../users/active.js';
import { DAY_MS } from '../time.js';
import type { CountryCode } from 'libphonenumber-js';
import { readOffThread, type ReadLimits } from './off-thread.js';
import { planImport, planInSlices, writable, writeImport, type CarriedNote, type ImportPlan, type OnProgress, type ReadFile } from './plan.js';
import { readFile } from './read-file.js';
import { readTable, type Table } from './table.js';

export type ImportRow = typeof imports.$inferSelect;

/** Bringing a client base in is a manager's or a director's job. */
export function requireImporter(ctx: Ctx): void {
  if (ctx.actor && ctx.actor.role === 'operator') throw new DomainError('forbidden', 'Only managers and directors import clients');
}

/** Whom the new clients go to: the one named, else the manager importing, else nobody yet. */
export async function importManager(ctx: Ctx, managerId: number | null | undefined): Promise<number | null> {
  if (managerId) {
    await requireActiveUser(ctx, managerId, 'managerId');
    return managerId;
  }
  return ctx.actor?.role === 'manager' ? ctx.actor.id : null;
}

export interface ReadOptions {
  /** The country a phone written without "+" is read in; the agency's by default. */
  country?: CountryCode | undefined;
  /** Keep the rows as the file has them (for the file of rejected rows). */
  withTable?: boolean;
  /** Only to check, not to write: the notes are left in the worker. */
  checkOnly?: boolean;
  onProgress?: OnProgress | undefined;
  limits?: Partial<ReadLimits>;
  /**
   * Read on this thread: for the command line, which answers nobody else meanwhile (a worker
   * would only add its start). The limits of size, rows and cells hold all the same.
   */
  here?: boolean;
}

/**
 * The file read into rows and people: the slow part, done before any transaction and off the
 * desk's thread, within the limits of size, rows, cells, memory and time.
 */
export async function readImportFile(ctx: Ctx, bytes: Uint8Array, options: ReadOptions = {}): Promise<{ file: ReadFile; table?: Table }> {
  const { country = ctx.agency.country, withTable = false, checkOnly = false, onProgress, limits, here = false } = options;
  if (here) {
    const table = await readTable(bytes);
    const file = readFile(ctx, table, { country }, onProgress);
    return withTable ? { file, table } : { file };
  }
  return readOffThread({ bytes, agency: ctx.agency, now: ctx.now, country, withTable, forWriting: !checkOnly }, onProgress, limits);
}

/** What the import would do now; reads in one snapshot, writes nothing. */
export function dryRun(ctx: Ctx, file: ReadFile, onProgress?: OnProgress): Promise<ImportPlan> {
  return readConsistently(ctx, (ctx) => planImport(ctx, file, onProgress));
}

/**
 * The same for a request of the desk: checked in slices, the desk answering others in
 * between, so a file of 100,000 rows does not hold it for seconds.
 */
export function dryRunInSlices(ctx: Ctx, file: ReadFile, onProgress?: OnProgress): Promise<ImportPlan> {
  return planInSlices(ctx, file, onProgress);
}

export interface ApplyOptions {
  fileName: string;
  source: ImportRow['source'];
  managerId: number | null;
  /** The desk's checked upload this applies. */
  uploadId?: number;
  /** Import the rows that stand and leave out those with errors or conflicts (listed in the plan). */
  skipInvalid?: boolean;
  /** How a second phone or e-mail is worded in a card's notes. */
  carriedNote?: CarriedNote;
}

/**
 * Plans and writes in one transaction: nothing is written when any row has an error or a
 * conflict (unless the valid rows are imported on their own), and no client added in
 * between can be added twice. The answer says whether it was applied.
 */
export async function applyImport(ctx: Ctx, file: ReadFile, options: ApplyOptions, onProgress?: OnProgress): Promise<{ plan: ImportPlan; applied: boolean; importId: number | null }> {
  return await atomically(ctx, async (ctx) => {
    if (options.uploadId) {
      const upload = await getImport(ctx, options.uploadId);
      if (upload.status === 'applied') throw new DomainError('conflict', 'This file is already imported', { reason: 'import_applied' });
    }
    const plan = await planImport(ctx, file, onProgress);
    if (!writable(plan, options.skipInvalid ?? false)) return { plan, applied: false, importId: null };
    await writeImport(ctx, plan, { managerId: options.managerId, fileName: options.fileName, ...(options.carriedNote ? { carriedNote: options.carriedNote } : {}) }, onProgress);
    const record = {
      status: 'applied' as const,
      rows: plan.rows,
      created: plan.created,
      merged: plan.merged,
      errors: plan.rejectedRows.length,
      managerId: options.managerId,
      appliedBy: ctx.actor?.id ?? null,
      appliedAt: ctx.now,
      // Rows left out stay downloadable, to be corrected and brought in again, for as long as an unapplied upload.
      ...(plan.rejectedRows.length > 0 ? {} : { file: null }),
    };
    const importId = options.uploadId
      ? (await ctx.db.update(imports).set(record).where(eq(imports.id, options.uploadId)).run(), options.uploadId)
      : (await ctx.db
          .insert(imports)
          .values({ ...record, fileName: options.fileName, source: options.source, uploadedBy: ctx.actor?.id ?? null, uploadedAt: ctx.now })
          .returning({ id: imports.id })
          .get()).id;
    return { plan, applied: true, importId };
  });
}

/** An uploaded file that waits this long without being applied is dropped from the database. */
const UPLOAD_KEPT_MS = 7 * DAY_MS;

/** The desk's upload: the file kept with what its check found, to preview and then apply. */
export async function saveUpload(ctx: ActingCtx, input: { fileName: string; bytes: Uint8Array; plan: ImportPlan; managerId: number | null }): Promise<ImportRow> {
  return await atomically(ctx, async (ctx) => {
    await ctx.db
      .update(imports)
      .set({ file: null })
      .where(and(isNotNull(imports.file), lt(imports.uploadedAt, ctx.now - UPLOAD_KEPT_MS)))
      .run();
    return await ctx.db
      .insert(imports)
      .values({
        fileName: input.fileName,
        file: Buffer.from(input.bytes),
        status: 'checked',
        source: 'desk',
        rows: input.plan.rows,
        created: input.plan.created,
        merged: input.plan.merged,
        errors: input.plan.rejectedRows.length,
        managerId: input.managerId,
        uploadedBy: ctx.actor.id,
        uploadedAt: ctx.now,
      })
      .returning()
      .get();
  });
}

export async function getImport(ctx: Ctx, id: number): Promise<ImportRow> {
  const row = await ctx.db.select().from(imports).where(eq(imports.id, id)).get();
  if (!row) throw notFound('Import', id);
  return row;
}

/** The latest imports with who brought them: the record of where the client base came from. */
export async function listImports(ctx: Ctx, limit = 30) {
  return await ctx.db
    .select({ id: imports.id, fileName: imports.fileName, status: imports.status, source: imports.source, rows: imports.rows, created: imports.created, merged: imports.merged, errors: imports.errors, uploadedAt: imports.uploadedAt, appliedAt: imports.appliedAt, by: users.name })
    .from(imports)
    .leftJoin(users, eq(users.id, imports.uploadedBy))
    .orderBy(desc(imports.id))
    .limit(limit)
    .all();
}

/**
 * The API's answer: the contract's counts, errors and conflicts (`{row, field, existingId}`,
 * with what differs), warnings, what each column was read as, and the rows left out.
 */
export function importReport(plan: ImportPlan, applied: boolean) {
  return {
    rows: plan.rows,
    created: plan.created,
    merged: plan.merged,
    errors: plan.errors,
    conflicts: plan.conflicts.map(({ row, field, existingId, existingRow, existingName, name, value, differs, message }) => ({
      row,
      field,
      ...(existingId !== undefined ? { existingId } : {}),
      ...(existingRow !== undefined ? { existingRow } : {}),
      message,
      name,
      value,
      existingName,
      differs,
    })),
    warnings: plan.warnings,
    columns: plan.columns,
    country: plan.country,
    skipped: plan.rejectedRows.length,
    applied,
  };
}
