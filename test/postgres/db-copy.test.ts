import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type SqliteDatabase } from '../../src/db/client.js';
import { copyOrder } from '../../src/db/copy-to-postgres.js';
import { migrate } from '../../src/db/migrate.js';
import { seedDemo } from '../../src/demo/seed.js';
import { createDatabase, startPostgres, type PostgresCluster } from '../helpers/postgres.js';
import { runCli } from '../helpers/run-cli.js';
import { AGENCY, START, TEST_PASSWORD_COST } from '../helpers/test-app.js';

let cluster: PostgresCluster;
let dir: string;
let file: string;
let source: SqliteDatabase;

beforeAll(async () => {
  cluster = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'tourdesk-copy-'));
  file = join(dir, 'agency.sqlite');
  source = openDb(file);
  migrate(source.sqlite);
  await seedDemo({ db: source.db, sqlite: source.sqlite, now: START, actor: null, agency: AGENCY }, { cost: TEST_PASSWORD_COST });
}, 120_000);

afterAll(async () => {
  source?.close();
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const copy = (to: string) => runCli('src/cli/db-copy.ts', ['--to', to], { DATABASE_PATH: file });
const tables = () => copyOrder().map((plan) => plan.name);

describe('npm run db:copy', () => {
  it('copies every row of every table with its id into an empty PostgreSQL database, and prints both counts', { timeout: 120_000 }, async () => {
    const url = await createDatabase(cluster.url, 'copied');
    const result = await copy(url);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const table of tables()) {
        const sqliteCount = (source.sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
        const pgCount = Number((await client.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
        expect(pgCount, table).toBe(sqliteCount);
        expect(result.stdout).toMatch(new RegExp(`^${table}\\s+${sqliteCount}\\s+${sqliteCount}$`, 'm'));
      }
      expect(Number((await client.query('SELECT count(*) AS n FROM deals')).rows[0].n)).toBeGreaterThan(10);

      // The same rows, value for value: ids, booleans, instants, money, text.
      const deal = source.sqlite.prepare('SELECT * FROM deals ORDER BY id DESC LIMIT 1').get() as Record<string, unknown>;
      const copied = (await client.query('SELECT * FROM deals WHERE id = $1', [deal.id])).rows[0];
      for (const [column, value] of Object.entries(deal)) {
        const given = copied[column];
        const asRead = column === 'price_given' ? (given ? 1 : 0) : typeof value === 'number' && typeof given === 'string' ? Number(given) : given;
        expect(asRead, column).toEqual(value);
      }
      const contact = source.sqlite.prepare('SELECT id, name, marketing_opt_in FROM contacts WHERE marketing_opt_in = 1 LIMIT 1').get() as { id: number; name: string };
      expect((await client.query('SELECT name, marketing_opt_in FROM contacts WHERE id = $1', [contact.id])).rows[0]).toEqual({ name: contact.name, marketing_opt_in: true });
      const installation = source.sqlite.prepare(`SELECT value FROM settings WHERE key = 'installation_id'`).get() as { value: string };
      expect((await client.query(`SELECT value FROM settings WHERE key = 'installation_id'`)).rows).toEqual([{ value: installation.value }]);

      // A row made on PostgreSQL afterwards gets the next id, not one already copied.
      const maxId = (source.sqlite.prepare('SELECT max(id) AS n FROM contacts').get() as { n: number }).n;
      const made = await client.query(`INSERT INTO contacts (name, search_text, created_at, updated_at) VALUES ('New', 'new', 0, 0) RETURNING id`);
      expect(made.rows[0].id).toBe(maxId + 1);
    } finally {
      await client.end();
    }
  });

  it('refuses a database that already holds data, and writes nothing', { timeout: 120_000 }, async () => {
    const url = await createDatabase(cluster.url, 'filled');
    expect((await copy(url)).code).toBe(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const before = Number((await client.query('SELECT count(*) AS n FROM deals')).rows[0].n);
      const again = await copy(url);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/not empty \(.*deals.*\)/);
      expect(Number((await client.query('SELECT count(*) AS n FROM deals')).rows[0].n)).toBe(before);
    } finally {
      await client.end();
    }
  });

  it('explains a missing or wrong --to and exits 2', async () => {
    const missing = await runCli('src/cli/db-copy.ts', [], { DATABASE_PATH: file });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--to: a postgres:\/\/ URL is needed/);
    const wrong = await runCli('src/cli/db-copy.ts', ['--to', 'mysql://x'], { DATABASE_PATH: file });
    expect(wrong.code).toBe(2);
  });
});
