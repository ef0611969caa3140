import Database from 'better-sqlite3';
import { getTableColumns, is } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { PgTable, getTableConfig as pgTableConfig } from 'drizzle-orm/pg-core';
import { SQLiteTable, getTableConfig as sqliteTableConfig } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { PG_MIGRATIONS_FOLDER, migratePg } from '../../src/db/migrate-pg.js';
import { PG_TYPES } from '../../src/db/pg-types.js';
import * as sqliteSchema from '../../src/db/schema/index.js';
import * as pgSchema from '../../src/db/schema-pg/index.js';
import { createDatabase, startPostgres, type PostgresCluster } from '../helpers/postgres.js';

/**
 * The PostgreSQL schema (drizzle-pg/, made from src/db/schema-pg) must end up as the same
 * catalogue as SQLite's after all of drizzle/*.sql, hand-written SQL included: both
 * databases are migrated and read back from their own catalogues, normalised, and compared.
 */

interface Column {
  type: 'integer' | 'text' | 'real' | 'boolean' | 'blob';
  notNull: boolean;
  default: string | null;
}
interface Index {
  columns: string[];
  unique: boolean;
  where: string | null;
}
interface Table {
  columns: Record<string, Column>;
  primaryKey: string[];
  indexes: Record<string, Index>;
  /** `column -> table.column on delete ... on update ...`, sorted. */
  foreignKeys: string[];
  checks: Record<string, string>;
}
type Catalogue = Record<string, Table>;

/** Every table's row type (`$inferSelect`) by its export name. */
type RowTypes<Schema> = {
  [K in keyof Schema as Schema[K] extends { $inferSelect: unknown } ? K : never]: Schema[K] extends { $inferSelect: infer Row } ? Row : never;
};

const BOOKKEEPING = '__drizzle_migrations';

let cluster: PostgresCluster;

beforeAll(async () => {
  cluster = await startPostgres();
});

afterAll(async () => {
  await cluster?.stop();
});

describe('PostgreSQL schema', () => {
  it('ends with the same catalogue as SQLite after all migrations', async () => {
    const sqlite = new Database(':memory:');
    sqlite.pragma('foreign_keys = ON');
    migrate(sqlite);
    const pool = new pg.Pool({ connectionString: await createDatabase(cluster.url, 'catalogue') });
    try {
      await migratePg(pool);
      const expected = sqliteCatalogue(sqlite);
      const actual = await pgCatalogue(pool);
      expect(Object.keys(expected).length).toBeGreaterThan(20);
      // toEqual prints a diff of the two normalised catalogues when they differ.
      expect(actual).toEqual(expected);
      // Data the migrations write: SQLite's 0007 seeds a random installation id.
      const seeded = (await pool.query<{ key: string; value: string }>('SELECT key, value FROM settings ORDER BY key')).rows;
      expect(seeded.map((row) => row.key)).toEqual(
        (sqlite.prepare('SELECT key FROM settings ORDER BY key').all() as { key: string }[]).map((row) => row.key),
      );
      expect(seeded[0]?.value).toMatch(/^[0-9a-f]{24}$/);
    } finally {
      await pool.end();
      sqlite.close();
    }
  });

  it('exports the same names, columns, JS types and enums as the SQLite schema', () => {
    const shape = (schema: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(schema).map(([name, value]) => {
          if (!is(value, SQLiteTable) && !is(value, PgTable)) return [name, value];
          const table = is(value, SQLiteTable) ? sqliteTableConfig(value).name : pgTableConfig(value as PgTable).name;
          const columns = Object.fromEntries(
            Object.entries(getTableColumns(value)).map(([key, column]) => [
              key,
              {
                name: column.name,
                // A bytea is a custom column on the PostgreSQL side; both give a Buffer.
                dataType: column.dataType === 'custom' ? 'buffer' : column.dataType,
                enumValues: column.enumValues ?? null,
                notNull: column.notNull,
              },
            ]),
          );
          return [name, { table, columns }];
        }),
      );
    expect(shape(pgSchema)).toEqual(shape(sqliteSchema));
    // Checked by tsc, not at run time: the app reads rows of the same TypeScript types from either engine.
    expectTypeOf<RowTypes<typeof pgSchema>>().toEqualTypeOf<RowTypes<typeof sqliteSchema>>();
  });

  it('sorts text as SQLite does (binary collation)', async () => {
    const words = ['b', 'a', 'B', 'A', '_', 'é', 'e', 'z', 'Z', 'ä', 'aa', 'a b', 'Петров', 'петров', '10', '9', ''];
    const sqlite = new Database(':memory:');
    const pool = new pg.Pool({ connectionString: cluster.url });
    try {
      sqlite.exec('CREATE TABLE words (word text NOT NULL)');
      const insert = sqlite.prepare('INSERT INTO words VALUES (?)');
      for (const word of words) insert.run(word);
      const sqliteOrder = (sqlite.prepare('SELECT word FROM words ORDER BY word').all() as { word: string }[]).map((row) => row.word);
      const pgOrder = (await pool.query<{ word: string }>('SELECT word FROM unnest($1::text[]) AS word ORDER BY word', [words])).rows.map((row) => row.word);
      expect(pgOrder).toEqual(sqliteOrder);
    } finally {
      await pool.end();
      sqlite.close();
    }
  });
});

describe('migratePg', () => {
  it('applies each migration once, however many processes start at once', async () => {
    const url = await createDatabase(cluster.url, 'concurrent');
    const pools = [new pg.Pool({ connectionString: url }), new pg.Pool({ connectionString: url })];
    const migrations = readMigrationFiles({ migrationsFolder: PG_MIGRATIONS_FOLDER });
    try {
      const applied = await Promise.all(pools.map((pool) => migratePg(pool)));
      expect(applied.sort()).toEqual([0, migrations.length]);
      expect(await migratePg(pools[0]!)).toBe(0);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        expect(await migratePg(client)).toBe(0);
        const rows = (await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${BOOKKEEPING}"`)).rows;
        expect(Number(rows[0]?.n)).toBe(migrations.length);
      } finally {
        await client.end();
      }
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('refuses a database that does not sort as SQLite does', async () => {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    try {
      // An ICU collation: the server's libc may have no other locale than C installed.
      await admin.query(`CREATE DATABASE unsorted TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C' LOCALE_PROVIDER icu ICU_LOCALE 'en'`);
    } finally {
      await admin.end();
    }
    const url = new URL(cluster.url);
    url.pathname = '/unsorted';
    const pool = new pg.Pool({ connectionString: url.toString() });
    try {
      await expect(migratePg(pool)).rejects.toThrow(/collation "C"/);
    } finally {
      await pool.end();
    }
  });
});

describe('PG_TYPES', () => {
  it('reads int8 and numeric as JS numbers, refuses past 2^53, and a boolean as 1 or 0 as SQLite does', async () => {
    const pool = new pg.Pool({ connectionString: await createDatabase(cluster.url, 'types'), types: PG_TYPES });
    try {
      await migratePg(pool);
      const db = drizzle(pool, { schema: pgSchema });
      const now = Date.now();
      await db.insert(pgSchema.users).values({ email: 'a@example.com', name: 'A', role: 'director', passwordHash: 'x', createdAt: now, updatedAt: now });
      const [user] = await db.select().from(pgSchema.users);
      expect(user?.createdAt).toBe(now);
      const raw = await pool.query('SELECT created_at, count(*) AS n, sum(created_at) AS total FROM users GROUP BY created_at');
      expect(raw.rows[0]).toEqual({ created_at: now, n: 1, total: now });
      await expect(pool.query('SELECT 9007199254740993::int8 AS big')).rejects.toThrow(RangeError);
      await expect(pool.query('SELECT 9007199254740993::numeric AS big')).rejects.toThrow(RangeError);
      // The pool survives a refused value.
      expect((await pool.query('SELECT 1::int8 AS one')).rows[0]).toEqual({ one: 1 });
      expect((await pool.query('SELECT true AS yes, false AS no')).rows[0]).toEqual({ yes: 1, no: 0 });
    } finally {
      await pool.end();
    }
  });
});

// ---- reading the catalogues ----------------------------------------------------------

/** Which SQLite integer columns are booleans: only the drizzle schema knows (`mode: 'boolean'`). */
function sqliteBooleans(): Map<string, Set<string>> {
  const booleans = new Map<string, Set<string>>();
  for (const value of Object.values(sqliteSchema)) {
    if (!is(value, SQLiteTable)) continue;
    const config = sqliteTableConfig(value);
    booleans.set(config.name, new Set(config.columns.filter((column) => column.dataType === 'boolean').map((column) => column.name)));
  }
  return booleans;
}

function sqliteCatalogue(sqlite: Database.Database): Catalogue {
  const booleans = sqliteBooleans();
  const tables = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ? ORDER BY name`)
    .all(BOOKKEEPING) as { name: string; sql: string }[];
  const catalogue: Catalogue = {};
  for (const { name: table, sql } of tables) {
    const bools = booleans.get(table) ?? new Set<string>();
    const info = sqlite.prepare('SELECT name, type, "notnull" AS required, dflt_value AS dflt, pk FROM pragma_table_info(?)').all(table) as {
      name: string;
      type: string;
      required: number;
      dflt: string | null;
      pk: number;
    }[];
    const columns: Record<string, Column> = {};
    for (const column of info) {
      const declared = column.type.toLowerCase();
      const type = bools.has(column.name) ? 'boolean' : declared === 'integer' ? 'integer' : declared === 'text' ? 'text' : declared === 'real' ? 'real' : declared === 'blob' ? 'blob' : undefined;
      if (!type) throw new Error(`${table}.${column.name}: unexpected SQLite type ${column.type}`);
      columns[column.name] = { type, notNull: column.required === 1, default: normaliseDefault(column.dflt, type) };
    }
    const primaryKey = info.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk).map((column) => column.name);

    const indexes: Record<string, Index> = {};
    const list = sqlite.prepare('SELECT name, "unique" AS isUnique, origin, partial FROM pragma_index_list(?)').all(table) as {
      name: string;
      isUnique: number;
      origin: string;
      partial: number;
    }[];
    for (const index of list) {
      if (index.origin === 'pk') continue; // compared as primaryKey
      const keys = sqlite.prepare('SELECT cid, name, "desc" AS descending FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno').all(index.name) as {
        cid: number;
        name: string | null;
        descending: number;
      }[];
      if (keys.some((key) => key.cid < 0)) throw new Error(`${index.name}: expression indexes are not compared yet; extend this test`);
      const definition = (sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`).get(index.name) as { sql: string | null } | undefined)?.sql ?? '';
      const where = index.partial ? definition.slice(definition.search(/\bwhere\b/i) + 'where'.length) : null;
      indexes[index.name] = {
        columns: keys.map((key) => `${key.name}${key.descending ? ' desc' : ''}`),
        unique: index.isUnique === 1,
        where: where === null ? null : normaliseExpression(where, bools),
      };
    }

    const foreignKeys = (
      sqlite.prepare('SELECT "from" AS source, "table" AS target, "to" AS targetColumn, on_delete AS onDelete, on_update AS onUpdate FROM pragma_foreign_key_list(?)').all(table) as {
        source: string;
        target: string;
        targetColumn: string | null;
        onDelete: string;
        onUpdate: string;
      }[]
    )
      .map((fk) => foreignKey(fk.source, fk.target, fk.targetColumn ?? 'id', fk.onDelete, fk.onUpdate))
      .sort();

    const checks: Record<string, string> = {};
    for (const match of sql.matchAll(/constraint\s+["`]?(\w+)["`]?\s+check\s*\(/gi)) {
      checks[match[1]!] = normaliseExpression(balancedParenthesis(sql, match.index + match[0].length - 1), bools);
    }

    catalogue[table] = { columns, primaryKey, indexes, foreignKeys, checks };
  }
  return catalogue;
}

async function pgCatalogue(pool: pg.Pool): Promise<Catalogue> {
  const tables = (
    await pool.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> $1 ORDER BY table_name`,
      [BOOKKEEPING],
    )
  ).rows;
  const catalogue: Catalogue = {};
  for (const { name: table } of tables) {
    const info = (
      await pool.query<{ name: string; type: string; nullable: string; dflt: string | null }>(
        `SELECT column_name AS name, data_type AS type, is_nullable AS nullable, column_default AS dflt
           FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
        [table],
      )
    ).rows;
    const bools = new Set(info.filter((column) => column.type === 'boolean').map((column) => column.name));
    const families: Record<string, Column['type']> = {
      integer: 'integer',
      bigint: 'integer',
      smallint: 'integer',
      text: 'text',
      real: 'real',
      'double precision': 'real',
      boolean: 'boolean',
      bytea: 'blob',
    };
    const columns: Record<string, Column> = {};
    for (const column of info.sort((a, b) => a.name.localeCompare(b.name))) {
      const type = families[column.type];
      if (!type) throw new Error(`${table}.${column.name}: unexpected PostgreSQL type ${column.type}`);
      columns[column.name] = { type, notNull: column.nullable === 'NO', default: normaliseDefault(column.dflt, type) };
    }

    const constraints = (
      await pool.query<{ name: string; type: string; columns: string[]; target: string | null; targetColumns: string[] | null; onDelete: string; onUpdate: string; definition: string }>(
        `SELECT c.conname AS name, c.contype AS type,
                ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
                c.confrelid::regclass::text AS target,
                ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS "targetColumns",
                c.confdeltype AS "onDelete", c.confupdtype AS "onUpdate", pg_get_constraintdef(c.oid, true) AS definition
           FROM pg_constraint c WHERE c.conrelid = $1::regclass`,
        [table],
      )
    ).rows;
    const primaryKey = constraints.find((constraint) => constraint.type === 'p')?.columns ?? [];
    const actions: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };
    const foreignKeys = constraints
      .filter((constraint) => constraint.type === 'f')
      .flatMap((fk) => fk.columns.map((column, i) => foreignKey(column, fk.target!.replace(/"/g, ''), fk.targetColumns![i]!, actions[fk.onDelete]!, actions[fk.onUpdate]!)))
      .sort();
    const checks: Record<string, string> = {};
    for (const check of constraints.filter((constraint) => constraint.type === 'c')) {
      checks[check.name] = normaliseExpression(check.definition.replace(/^check\s*/i, ''), bools);
    }

    const indexRows = (
      await pool.query<{ name: string; unique: boolean; keys: string[]; options: number[]; where: string | null }>(
        `SELECT c.relname AS name, i.indisunique AS unique,
                ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k) AS keys,
                i.indoption::int2[] AS options,
                pg_get_expr(i.indpred, i.indrelid, true) AS "where"
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid = $1::regclass AND NOT i.indisprimary`,
        [table],
      )
    ).rows;
    const indexes: Record<string, Index> = {};
    for (const index of indexRows.sort((a, b) => a.name.localeCompare(b.name))) {
      indexes[index.name] = {
        // Bit 0 of indoption: DESC.
        columns: index.keys.map((key, i) => `${key.replace(/"/g, '')}${(index.options[i]! & 1) === 1 ? ' desc' : ''}`),
        unique: index.unique,
        where: index.where === null ? null : normaliseExpression(index.where, bools),
      };
    }

    catalogue[table] = { columns, primaryKey, indexes, foreignKeys, checks };
  }
  return catalogue;
}

function foreignKey(column: string, table: string, targetColumn: string, onDelete: string, onUpdate: string): string {
  return `${column} -> ${table}.${targetColumn} on delete ${onDelete.toLowerCase()} on update ${onUpdate.toLowerCase()}`;
}

/** The text between the parenthesis at `open` and its partner. */
function balancedParenthesis(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced parenthesis in ${text}`);
}

/**
 * One spelling for both engines: lower case, no casts (`'x'::text` is `'x'`), no identifier
 * quotes, `!=` as `<>`, a boolean compared with 1/true/0/false as the bare column or its
 * negation, then no parentheses or whitespace, and PostgreSQL's `= ANY (ARRAY[...])` as `IN`.
 */
function normaliseExpression(expression: string, booleans: Set<string>): string {
  let text = expression.toLowerCase();
  text = text.replace(/::(?:character varying|double precision|[a-z_0-9]+)(?:\[\])?/g, '');
  text = text.replace(/["`]/g, '').replace(/!=/g, '<>');
  for (const column of booleans) {
    text = text
      .replace(new RegExp(`\\b${column}\\s*(?:=\\s*(?:1|true)|is\\s+true)\\b`, 'g'), column)
      .replace(new RegExp(`\\b${column}\\s*(?:=\\s*(?:0|false)|is\\s+false)\\b`, 'g'), `not ${column}`);
  }
  text = text.replace(/[()\s]/g, '');
  return text.replace(/=anyarray\[([^\]]*)\]/g, 'in$1');
}

/** SQLite writes a boolean default as true/false or 1/0, PostgreSQL a text one as 'x'::text. */
function normaliseDefault(value: string | null, type: Column['type']): string | null {
  if (value === null) return null;
  const text = value.replace(/::(?:text|bigint|integer)$/, '');
  if (type === 'boolean') return text === '1' || text.toLowerCase() === 'true' ? 'true' : text === '0' || text.toLowerCase() === 'false' ? 'false' : text;
  return text;
}
