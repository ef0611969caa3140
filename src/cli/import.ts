import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { applyImport, dryRun, importManager, readImportFile, type ImportPhase, type ImportPlan } from '../domain/imports/index.js';
import { DomainError, invalid } from '../domain/errors.js';
import type { Ctx } from '../domain/context.js';
import { openRuntime } from '../runtime.js';

const USAGE = 'usage: npm run import -- contacts FILE [--dry-run] [--manager EMAIL|ID]   (CSV or XLSX; --dry-run: only say what would happen; --manager: whom the new clients go to)';

const PHASES: Record<ImportPhase, string> = { reading: 'reading rows', checking: 'matching clients on file', writing: 'writing' };

/** Progress on stderr, one line rewritten in a terminal, a line per step otherwise. */
function progress(phase: ImportPhase, done: number, total: number) {
  const line = `${PHASES[phase]}: ${done}/${total}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(50)}${done === total ? '\n' : ''}`);
  else process.stderr.write(`${line}\n`);
}

function describe(plan: ImportPlan): string {
  const lines = [`${plan.rows} rows: ${plan.created} new clients, ${plan.merged} merged into clients on file or earlier rows, ${new Set(plan.errors.map((e) => e.row)).size} rows with errors`];
  const unread = plan.columns.filter((c) => !c.field && c.header).map((c) => c.header);
  if (unread.length) lines.push(`Columns not read: ${unread.join(', ')}`);
  for (const e of plan.errors) lines.push(`  row ${e.row}, ${e.field}: ${e.message}${e.value !== undefined ? ` (${JSON.stringify(e.value)})` : ''}`);
  for (const w of plan.warnings) lines.push(`  note: row ${w.row}, ${w.field}: ${w.message}${w.value !== undefined ? ` (${JSON.stringify(w.value)})` : ''}`);
  return lines.join('\n');
}

/** --manager as staff know each other: by e-mail, or by id. */
function managerOf(ctx: Ctx, given: string | undefined): number | null {
  if (!given) return null;
  if (/^\d+$/.test(given)) return Number(given);
  const user = ctx.sqlite.prepare('SELECT id FROM users WHERE lower(email) = lower(?)').get(given) as { id: number } | undefined;
  if (!user) throw invalid({ manager: `${given} is not a user of the desk` });
  return user.id;
}

async function main() {
  let parsed: { values: { 'dry-run'?: boolean | undefined; manager?: string | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({ options: { 'dry-run': { type: 'boolean' }, manager: { type: 'string' } }, strict: true, allowPositionals: true });
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
  const { database, systemCtx } = openRuntime();
  try {
    const ctx = systemCtx();
    const managerId = importManager(ctx, managerOf(ctx, parsed.values.manager));
    const { file } = await readImportFile(ctx, bytes, progress);
    if (parsed.values['dry-run']) {
      const plan = dryRun(ctx, file, progress);
      console.log(`${describe(plan)}\nDry run: nothing was written.`);
      process.exitCode = plan.errors.length > 0 ? 1 : 0;
      return;
    }
    const { plan, applied } = await applyImport(ctx, file, { fileName: basename(path), source: 'cli', managerId }, progress);
    console.log(`${describe(plan)}\n${applied ? 'Imported.' : 'Nothing was imported: correct the rows above and run it again.'}`);
    process.exitCode = applied ? 0 : 1;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // A file that cannot be read is named by its path, an option by its flag.
    const fields = error.details && typeof error.details === 'object' ? Object.entries(error.details as Record<string, string>).map(([k, v]) => (k === 'file' ? `${path} ${v}` : `--manager: ${v}`)) : [];
    console.error(fields.length ? fields.join('; ') : error.message);
    process.exitCode = 2;
  } finally {
    database.sqlite.close();
  }
}

void main();
