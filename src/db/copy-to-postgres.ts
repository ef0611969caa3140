import type Database from 'better-sqlite3';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { migratePg } from './migrate-pg.js';
import * as pgSchema from './schema-pg/index.js';

/** One table's rows on both sides after the copy. */
export interface CopiedTable {
  table: string;
  sqlite: number;
  postgres: number;
}

interface TablePlan {
  name: string;
  columns: string[];
  booleans: Set<string>;
  identity: boolean;
}

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 60_000;

/** `settings` is written by the first migration (the installation's id): the copy replaces it. */
const SEEDED_BY_MIGRATION = new Set(['settings']);

/**
 * Copies an agency's SQLite database into an empty PostgreSQL database: every row, ids kept,
 * in one PostgreSQL transaction (all of it lands, or nothing), from one read snapshot of
 * SQLite (a server may keep writing meanwhile; the copy is of one moment). Tables go in the
 * order their foreign keys need. Identity sequences continue after the copied ids.
 */
export async function copyToPostgres(sqlite: Database.Database, client: pg.ClientBase): Promise<CopiedTable[]> {
  await migratePg(client as pg.Client);
  const plans = copyOrder();
  await refuseUnlessEmpty(client, plans);
  const counted: CopiedTable[] = [];
  sqlite.prepare('BEGIN').run();
  try {
    await client.query('BEGIN');
    try {
      for (const name of SEEDED_BY_MIGRATION) await client.query(`DELETE FROM "${name}"`);
      for (const plan of plans) await copyTable(sqlite, client, plan);
      for (const plan of plans) if (plan.identity) await continueIdentity(client, plan.name);
      for (const plan of plans) {
        const source = (sqlite.prepare(`SELECT count(*) AS n FROM "${plan.name}"`).get() as { n: number }).n;
        const target = Number((await client.query(`SELECT count(*) AS n FROM "${plan.name}"`)).rows[0].n);
        counted.push({ table: plan.name, sqlite: source, postgres: target });
      }
      const differ = counted.filter((c) => c.sqlite !== c.postgres);
      if (differ.length > 0) throw new Error(`row counts differ after the copy: ${differ.map((c) => `${c.table} ${c.sqlite} vs ${c.postgres}`).join(', ')}`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  } finally {
    sqlite.prepare('COMMIT').run();
  }
  return counted;
}

/** The tables of the PostgreSQL schema, each after the tables its foreign keys point at. */
export function copyOrder(): TablePlan[] {
  const tables = (Object.values(pgSchema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
  const pending = new Map(tables.map((table) => [getTableConfig(table).name, getTableConfig(table)]));
  const placed = new Set<string>();
  const plans: TablePlan[] = [];
  while (pending.size > 0) {
    const ready = [...pending.values()].find((config) => config.foreignKeys.every((fk) => placed.has(refersTo(fk))));
    // The schema has no cycle of foreign keys (nor a table pointing at itself); one added later is said here.
    if (!ready) throw new Error(`no order copies these tables, their foreign keys form a cycle: ${[...pending.keys()].join(', ')}`);
    plans.push({
      name: ready.name,
      columns: ready.columns.map((column) => column.name),
      booleans: new Set(ready.columns.filter((column) => column.columnType === 'PgBoolean').map((column) => column.name)),
      identity: ready.columns.some((column) => column.name === 'id' && column.primary && column.columnType === 'PgInteger'),
    });
    placed.add(ready.name);
    pending.delete(ready.name);
  }
  return plans;
}

const refersTo = (fk: ReturnType<typeof getTableConfig>['foreignKeys'][number]) => getTableConfig(fk.reference().foreignTable).name;

async function refuseUnlessEmpty(client: pg.ClientBase, plans: TablePlan[]): Promise<void> {
  const filled: string[] = [];
  for (const plan of plans) {
    if (SEEDED_BY_MIGRATION.has(plan.name)) continue;
    const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM "${plan.name}") AS any`);
    if (rows[0].any) filled.push(plan.name);
  }
  if (filled.length > 0) throw new NotEmptyError(filled);
}

/** The target already holds an agency's data: nothing is copied over it. */
export class NotEmptyError extends Error {
  constructor(readonly tables: string[]) {
    super(`the PostgreSQL database is not empty (${tables.join(', ')} have rows): copy into a new, empty database`);
  }
}

async function copyTable(sqlite: Database.Database, client: pg.ClientBase, plan: TablePlan): Promise<void> {
  const quoted = plan.columns.map((column) => `"${column}"`).join(', ');
  const perInsert = Math.max(1, Math.floor(MAX_PARAMETERS / plan.columns.length));
  // Read in slices by rowid (in the order rows were made), each slice read whole before it is
  // sent: an open SQLite iterator must not wait on the network, nor a big agency sit in memory.
  const slice = sqlite.prepare(`SELECT rowid, ${quoted} FROM "${plan.name}" WHERE rowid > ? ORDER BY rowid LIMIT ?`).raw(true);
  for (let after = 0; ; ) {
    const rows = slice.all(after, perInsert) as unknown[][];
    if (rows.length === 0) return;
    after = rows[rows.length - 1]![0] as number;
    const values: unknown[] = [];
    const tuples = rows.map((row) => `(${plan.columns.map((column, i) => (values.push(pgValue(plan, column, row[i + 1])), `$${values.length}`)).join(', ')})`);
    await client.query(`INSERT INTO "${plan.name}" (${quoted}) OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')}`, values);
  }
}

function pgValue(plan: TablePlan, column: string, value: unknown): unknown {
  if (plan.booleans.has(column) && value !== null) return value === 1 || value === true;
  return value;
}

/** The next id PostgreSQL makes is the one after the highest copied. */
async function continueIdentity(client: pg.ClientBase, table: string): Promise<void> {
  await client.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), coalesce((SELECT max(id) FROM "${table}"), 0) + 1, false)`);
}
