import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { CountryCode } from 'libphonenumber-js';
import { applyImport, dryRun, importManager, ImportCountry, readImportFile, type ImportPhase, type ImportPlan } from '../domain/imports/index.js';
import { DomainError, invalid } from '../domain/errors.js';
import type { Ctx } from '../domain/context.js';
import { carriedNoteIn } from '../i18n/import-words.js';
import { openRuntime } from '../runtime.js';

const USAGE = [
  'usage: npm run import -- contacts FILE [--dry-run] [--manager EMAIL|ID] [--country XX] [--skip-invalid]',
  '  CSV or XLSX. --dry-run: only say what would happen; --manager: whom the new clients go to;',
  '  --country: phones written without + are this country\'s (RU reads 8 916 123-45-67), the agency\'s by default;',
  '  --skip-invalid: import the rows that stand and leave out those with errors or conflicts.',
].join('\n');

const PHASES: Record<ImportPhase, string> = { reading: 'reading rows', checking: 'matching clients on file', writing: 'writing' };

/** Progress on stderr, one line rewritten in a terminal, a line per step otherwise. */
function progress(phase: ImportPhase, done: number, total: number) {
  const line = `${PHASES[phase]}: ${done}/${total}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(50)}${done === total ? '\n' : ''}`);
  else process.stderr.write(`${line}\n`);
}

function describe(plan: ImportPlan): string {
  const conflictRows = new Set(plan.conflicts.map((c) => c.row)).size;
  const errorRows = new Set(plan.errors.map((e) => e.row)).size;
  const lines = [
    `${plan.rows} rows: ${plan.created} new clients, ${plan.merged} merged into clients on file or earlier rows, ${errorRows} rows with errors${conflictRows ? `, ${conflictRows} rows in conflict` : ''} (phones without + read as ${plan.country})`,
  ];
  const unread = plan.columns.filter((c) => !c.field && c.header).map((c) => c.header);
  if (unread.length) lines.push(`Columns not read: ${unread.join(', ')}`);
  for (const e of plan.errors) lines.push(`  row ${e.row}, ${e.field}: ${e.message}${e.value !== undefined ? ` (${JSON.stringify(e.value)})` : ''}`);
  for (const c of plan.conflicts) {
    const whom = c.existingId !== undefined ? `client #${c.existingId}` : `row ${c.existingRow}`;
    lines.push(`  conflict: row ${c.row}, ${c.field} ${JSON.stringify(c.value)}: ${c.message}; in the file ${JSON.stringify(c.differs.file)}, ${whom} ${JSON.stringify(c.differs.onFile)}`);
  }
  for (const w of plan.warnings) lines.push(`  note: row ${w.row}, ${w.field}: ${w.message}${w.value !== undefined ? ` (${JSON.stringify(w.value)})` : ''}`);
  return lines.join('\n');
}

/** --country as people type it: ru, RU. */
function countryOf(given: string | undefined): CountryCode | undefined {
  if (!given) return undefined;
  const parsed = ImportCountry.safeParse(given);
  if (!parsed.success) throw invalid({ country: `${given} ${parsed.error.issues[0]!.message}` });
  return parsed.data;
}

/** --manager as staff know each other: by e-mail, or by id. */
async function managerOf(ctx: Ctx, given: string | undefined): Promise<number | null> {
  if (!given) return null;
  if (/^\d+$/.test(given)) return Number(given);
  const user = await ctx.sqlite.prepare('SELECT id FROM users WHERE lower(email) = lower(?)').get(given) as { id: number } | undefined;
  if (!user) throw invalid({ manager: `${given} is not a user of the desk` });
  return user.id;
}

async function main() {
  let parsed: { values: { 'dry-run'?: boolean | undefined; manager?: string | undefined; country?: string | undefined; 'skip-invalid'?: boolean | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({
      options: { 'dry-run': { type: 'boolean' }, manager: { type: 'string' }, country: { type: 'string' }, 'skip-invalid': { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  const [what, path, ...rest] = parsed.positionals;
  if (what !== 'contacts' || !path || rest.length > 0) {
    console.error(USAGE);
    process.exit(2);
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    console.error(`Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  const { database, systemCtx } = await openRuntime();
  try {
    const ctx = systemCtx();
    const country = countryOf(parsed.values.country);
    const skipInvalid = parsed.values['skip-invalid'] ?? false;
    const managerId = await importManager(ctx, await managerOf(ctx, parsed.values.manager));
    const { file } = await readImportFile(ctx, bytes, { country, onProgress: progress, here: true });
    if (parsed.values['dry-run']) {
      const plan = await dryRun(ctx, file, progress);
      console.log(`${describe(plan)}\nDry run: nothing was written.`);
      process.exitCode = plan.rejectedRows.length > 0 || plan.unreadable ? 1 : 0;
      return;
    }
    const { plan, applied } = await applyImport(ctx, file, { fileName: basename(path), source: 'cli', managerId, skipInvalid, carriedNote: carriedNoteIn(ctx.agency.locale) }, progress);
    const left = plan.rejectedRows.length;
    const outcome = !applied
      ? 'Nothing was imported: correct the rows above (or decide the conflicts) and run it again, or import the others with --skip-invalid.'
      : left > 0
        ? `Imported; ${left} rows left out (listed above): correct them and import them again.`
        : 'Imported.';
    console.log(`${describe(plan)}\n${outcome}`);
    // 0: written as asked (rows left out only when --skip-invalid asked for it); 1: nothing written.
    process.exitCode = applied ? 0 : 1;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // A file that cannot be read is named by its path, an option by its flag.
    const fields = error.details && typeof error.details === 'object' ? Object.entries(error.details as Record<string, string>).map(([k, v]) => (k === 'file' ? `${path} ${v}` : `--${k === 'managerId' ? 'manager' : k}: ${v}`)) : [];
    console.error(fields.length ? fields.join('; ') : error.message);
    process.exitCode = 2;
  } finally {
    await database.close();
  }
}

void main();
