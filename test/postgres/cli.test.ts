import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, startPostgres, type PostgresCluster } from '../helpers/postgres.js';
import { runCli } from '../helpers/run-cli.js';

/** The command-line tools with DATABASE_URL: the demo, a notifier pass and a backup, as an agency on PostgreSQL runs them. */
let cluster: PostgresCluster;
let dir: string;
let url: string;

beforeAll(async () => {
  cluster = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'tourdesk-pg-cli-'));
  url = await createDatabase(cluster.url, 'agency');
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the command line on PostgreSQL', () => {
  it('writes the demo, sends a pass, and backs up to a pg_dump archive that pg_restore reads', { timeout: 180_000 }, async () => {
    const env = { DATABASE_URL: url, OUTBOX_DIR: join(dir, 'outbox') };
    const demo = await runCli('src/cli/demo.ts', ['--now', '2026-12-04T09:00'], env);
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    // The message names the database without its password, not the SQLite file.
    expect(demo.stdout).toContain(`Demo agency written to ${url}`);
    expect(demo.stdout).not.toContain('tourdesk.sqlite');

    const again = await runCli('src/cli/demo.ts', [], env);
    expect(again.stdout).toContain('already has data; nothing was changed');

    const pass = await runCli('src/cli/notify.ts', ['--now', '2026-12-04T09:00'], env);
    expect(pass.code).toBe(0);
    expect(pass.stdout).toMatch(/sent \d+, skipped \d+, failed 0/);

    const file = join(dir, 'agency.dump');
    const backup = await runCli('src/cli/backup.ts', [file], env);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/pg_dump custom archive, \d+ entries/);
    expect(existsSync(file)).toBe(true);
    const listing = execFileSync('pg_restore', ['--list', file], { encoding: 'utf8' });
    expect(listing).toMatch(/TABLE DATA public deals/);

    // Restored into an empty database, it holds the same bookings.
    const restored = await createDatabase(cluster.url, 'restored');
    execFileSync('pg_restore', ['--no-owner', '--dbname', restored, file]);
    const count = async (database: string) => {
      const client = new pg.Client({ connectionString: database });
      await client.connect();
      try {
        return Number((await client.query('SELECT count(*) AS n FROM deals')).rows[0].n);
      } finally {
        await client.end();
      }
    };
    expect(await count(restored)).toBe(await count(url));
    expect(await count(url)).toBeGreaterThan(10);

    const refused = await runCli('src/cli/backup.ts', [file], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already exists');
  });
});
