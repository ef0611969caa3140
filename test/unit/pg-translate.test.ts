import { describe, expect, it } from 'vitest';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { is } from 'drizzle-orm';
import * as schema from '../../src/db/schema/index.js';
import { booleanColumns } from '../../src/db/postgres/engine.js';
import { bind } from '../../src/db/postgres/handle.js';
import { translate } from '../../src/db/postgres/translate.js';

const BOOLEANS = new Set(['active', 'marketing_opt_in']);
const pg = (sql: string) => translate(sql, BOOLEANS).sql.replace(/\s+/g, ' ').trim();

describe('SQLite spellings translated to PostgreSQL', () => {
  it('numbers positional and named parameters, a repeated name keeping its number', () => {
    expect(translate('SELECT * FROM t WHERE a = ? AND b = ?', BOOLEANS)).toEqual({ sql: 'SELECT * FROM t WHERE a = $1 AND b = $2', names: null });
    const named = translate('UPDATE t SET a = :now WHERE b <= :now AND c = @id', BOOLEANS);
    expect(named).toEqual({ sql: 'UPDATE t SET a = $1 WHERE b <= $1 AND c = $2', names: ['now', 'id'] });
    expect(bind(named, [{ now: 5, id: 7, extra: 1 }])).toEqual([5, 7]);
    expect(() => bind(named, [{ now: 5 }])).toThrow(/Missing named parameter "id"/);
    expect(bind(translate('SELECT ?, ?', BOOLEANS), [1, undefined])).toEqual([1, null]);
  });

  it('leaves string literals and quoted names alone', () => {
    expect(pg(`SELECT 'is it? :no' AS "a?", x FROM t WHERE y = 'LIKE ifnull(1, 2)'`)).toBe(`SELECT 'is it? :no' AS "a?", x FROM t WHERE y = 'LIKE ifnull(1, 2)'`);
  });

  it('INSERT OR IGNORE becomes ON CONFLICT DO NOTHING, before RETURNING', () => {
    expect(pg(`INSERT OR IGNORE INTO settings (key, value) VALUES ('a', '1')`)).toBe(`INSERT INTO settings (key, value) VALUES ('a', '1') ON CONFLICT DO NOTHING`);
    expect(pg(`INSERT OR IGNORE INTO t (a) VALUES (?) RETURNING id`)).toBe(`INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id`);
  });

  it("drizzle's null id in an insert takes the identity's next value", () => {
    expect(pg(`insert into "users" ("id", "email") values (null, ?), (null, ?) returning "id"`)).toBe(`insert into "users" ("id", "email") values (DEFAULT, $1), (DEFAULT, $2) returning "id"`);
    expect(pg(`insert into "users" ("email", "id") values (?, 7)`)).toBe(`insert into "users" ("email", "id") values ($1, 7)`);
  });

  it('json_each and json_extract read JSON arrays as PostgreSQL does', () => {
    expect(pg(`SELECT id FROM t WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each(:ids))`)).toBe(
      `SELECT id FROM t WHERE id IN (SELECT CAST(value AS bigint) FROM json_array_elements_text(($1)::json) AS json_each(value))`,
    );
    expect(pg(`SELECT 1 FROM json_each(c.tags) tg WHERE tg.value = 'x'`)).toBe(`SELECT 1 FROM json_array_elements_text((c.tags)::json) AS tg(value) WHERE tg.value = 'x'`);
    expect(pg(`SELECT sum(CAST(json_extract(c.value, '$.amountMinor') AS INTEGER)) FROM json_each(dep.costs) c`)).toBe(
      `SELECT sum(CAST(((c.value)::json ->> 'amountMinor') AS bigint)) FROM json_array_elements_text((dep.costs)::json) AS c(value)`,
    );
  });

  it('knows the boolean columns by a name no other table uses for a number', () => {
    const booleans = booleanColumns();
    expect([...booleans].sort()).toContain('marketing_opt_in');
    for (const value of Object.values(schema)) {
      if (!is(value, SQLiteTable)) continue;
      for (const column of getTableConfig(value).columns) {
        if (booleans.has(column.name)) expect(column.columnType, `${getTableConfig(value).name}.${column.name}`).toBe('SQLiteBoolean');
      }
    }
  });

  it('compares boolean columns with true and false, and only those', () => {
    expect(pg(`SELECT 1 FROM w WHERE w.active = 1 AND "contacts"."marketing_opt_in" = 0 AND w.seats = 1`)).toBe(
      `SELECT 1 FROM w WHERE w.active = true AND "contacts"."marketing_opt_in" = false AND w.seats = 1`,
    );
  });

  it('spells the scalar functions, casts, IS and LIKE as PostgreSQL does', () => {
    expect(pg(`SELECT ifnull(a, 0), max(a, b), max(c), min(x, y, z) FROM t`)).toBe(`SELECT coalesce(a, 0), greatest(a, b), max(c), least(x, y, z) FROM t`);
    expect(pg(`SELECT CAST(a AS INTEGER), CAST(b AS REAL), CAST(c AS TEXT) FROM t`)).toBe(`SELECT CAST(a AS bigint), CAST(b AS double precision), CAST(c AS TEXT) FROM t`);
    expect(pg(`SELECT 1 FROM t WHERE a IS ? AND b IS NOT ? AND c IS NULL AND d IS NOT NULL`)).toBe(
      `SELECT 1 FROM t WHERE a IS NOT DISTINCT FROM $1 AND b IS DISTINCT FROM $2 AND c IS NULL AND d IS NOT NULL`,
    );
    expect(pg(`SELECT 1 FROM t WHERE name LIKE ? AND a == 1`)).toBe(`SELECT 1 FROM t WHERE name ILIKE $1 AND a = 1`);
  });

  it('quotes camelCase names so PostgreSQL keeps their case', () => {
    expect(pg(`SELECT n.due_at AS dueAt, n.id AS id, x AS "already" FROM n`)).toBe(`SELECT n.due_at AS "dueAt", n.id AS id, x AS "already" FROM n`);
    expect(pg(`WITH d AS (SELECT id AS departureId FROM t) SELECT departureId, max(x) FROM d GROUP BY d.departureId`)).toBe(
      `WITH d AS (SELECT id AS "departureId" FROM t) SELECT "departureId", max(x) FROM d GROUP BY d."departureId"`,
    );
  });

  it('joins with ON instead of CROSS JOIN ... ON, and types a parameter in arithmetic as bigint', () => {
    expect(pg(`SELECT 1 FROM departures dep CROSS JOIN deals d ON d.departure_id = dep.id CROSS JOIN u`)).toBe(
      `SELECT 1 FROM departures dep INNER JOIN deals d ON d.departure_id = dep.id CROSS JOIN u`,
    );
    expect(pg(`SELECT 1 FROM i WHERE i.at <= :now + 86400000 AND i.b = :now AND i.c > 5 - :n`)).toBe(
      `SELECT 1 FROM i WHERE i.at <= $1::bigint + 86400000 AND i.b = $1 AND i.c > 5 - $2::bigint`,
    );
    expect(() => translate('SELECT ? + :a', BOOLEANS)).toThrow(/mixes/);
  });

  it('sorts NULL first ascending and last descending, as SQLite does', () => {
    expect(pg(`SELECT a FROM t ORDER BY a, b DESC, c ASC LIMIT 5`)).toBe(`SELECT a FROM t ORDER BY a NULLS FIRST, b DESC NULLS LAST, c ASC NULLS FIRST LIMIT 5`);
    expect(pg(`SELECT (SELECT x FROM u ORDER BY coalesce(x, 0) DESC LIMIT 1) AS y FROM t ORDER BY y`)).toBe(
      `SELECT (SELECT x FROM u ORDER BY coalesce(x, 0) DESC NULLS LAST LIMIT 1) AS y FROM t ORDER BY y NULLS FIRST`,
    );
    expect(pg(`SELECT a FROM t ORDER BY a NULLS LAST`)).toBe(`SELECT a FROM t ORDER BY a NULLS LAST`);
  });
});
