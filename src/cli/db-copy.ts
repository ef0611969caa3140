import { parseArgs } from 'node:util';
import pg from 'pg';
import { copyToPostgres, NotEmptyError } from '../db/copy-to-postgres.js';
import { isSqlite } from '../db/handle.js';
import { redactedUrl } from '../db/open.js';
import { openRuntime } from '../runtime.js';

const USAGE = 'usage: npm run db:copy -- --to postgres://user:password@host:5432/db   (copies the SQLite database at DATABASE_PATH into that empty PostgreSQL database)';

async function main() {
  let to: string | undefined;
  try {
    ({ values: { to } } = parseArgs({ options: { to: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  if (!to || !/^postgres(ql)?:\/\//.test(to)) {
    console.error(`--to: a postgres:// URL is needed\n${USAGE}`);
    process.exit(2);
  }
  if (process.env.DATABASE_URL) {
    console.error(`db:copy copies the SQLite file at DATABASE_PATH; DATABASE_URL is set, so this desk already runs on PostgreSQL: unset it to copy\n${USAGE}`);
    process.exit(2);
  }
  const runtime = await openRuntime();
  const source = runtime.database.reader.sqlite;
  if (!isSqlite(source)) throw new Error('db:copy reads a SQLite database');
  const client = new pg.Client({ connectionString: to });
  try {
    await client.connect();
    // The copy reads through the read-only connection: a server may keep writing meanwhile.
    const counts = await copyToPostgres(source, client);
    const width = Math.max(...counts.map((c) => c.table.length));
    console.log(`${'table'.padEnd(width)}  ${'sqlite'.padStart(9)}  ${'postgres'.padStart(9)}`);
    for (const c of counts) console.log(`${c.table.padEnd(width)}  ${String(c.sqlite).padStart(9)}  ${String(c.postgres).padStart(9)}`);
    const rows = counts.reduce((sum, c) => sum + c.postgres, 0);
    console.log(`Copied ${runtime.config.DATABASE_PATH} to ${redactedUrl(to)}: ${rows} rows in ${counts.length} tables, ids kept, every count the same.`);
  } catch (error) {
    console.error(`Copy failed, nothing was written: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof NotEmptyError ? 2 : 1;
  } finally {
    await client.end().catch(() => {});
    await runtime.database.close();
  }
}

void main();
