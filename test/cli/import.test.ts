import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientExport, exportCsv, windows1251 } from '../helpers/client-export.js';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tourdesk-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = (database: string) => ({ DATABASE_PATH: database, ADMIN_EMAIL: 'boss@agency.test', ADMIN_PASSWORD: 'boss-password-1', AGENCY_COUNTRY: 'BG' });
const count = async (database: string) => {
  const db = new Database(database, { readonly: true });
  const n = (await db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
  db.close();
  return n;
};

describe('npm run import -- contacts FILE', () => {
  it('names the bad rows and writes nothing, says what a dry run would do, then imports with progress', async () => {
    const database = join(dir, 'agency.sqlite');
    const file = clientExport({ rows: 6_000, duplicates: 40, badPhones: 3 });
    const path = join(dir, 'clients.csv');
    writeFileSync(path, windows1251(exportCsv(file)));

    const refused = await runCli('src/cli/import.ts', ['contacts', path], env(database));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('6000 rows: 5957 new clients, 40 merged into clients on file or earlier rows, 3 rows with errors');
    for (const row of file.badPhoneRows) expect(refused.stdout).toContain(`row ${row}, phone: is not a valid phone number`);
    expect(refused.stdout).toContain('Nothing was imported');
    expect(await count(database)).toBe(0);

    for (const row of file.badPhoneRows) file.rows[row - 2]!.phone = `0899${String(row).padStart(6, '0')}`;
    writeFileSync(path, windows1251(exportCsv(file)));
    const dry = await runCli('src/cli/import.ts', ['contacts', path, '--dry-run'], env(database));
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('5960 new clients');
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    expect(await count(database)).toBe(0);

    const done = await runCli('src/cli/import.ts', ['contacts', path], env(database));
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Imported.');
    expect(done.stderr).toContain('reading rows: 5000/6000');
    expect(done.stderr).toContain('writing: 5960/5960');
    expect(await count(database)).toBe(5_960);
  });

  it('refuses a wrong use, a missing file and an unknown manager with exit code 2', async () => {
    const database = join(dir, 'other.sqlite');
    expect((await runCli('src/cli/import.ts', ['clients', 'x.csv'], env(database))).code).toBe(2);
    const missing = await runCli('src/cli/import.ts', ['contacts', join(dir, 'none.csv')], env(database));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read');
    const path = join(dir, 'one.csv');
    writeFileSync(path, 'name,phone\nA,0881234567\n');
    const unknown = await runCli('src/cli/import.ts', ['contacts', path, '--manager', 'nobody@agency.test'], env(database));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--manager: nobody@agency.test is not a user of the desk');
  });

  it('reads a Russian file with --country RU, reports a conflict instead of merging, and imports the rest with --skip-invalid', async () => {
    const database = join(dir, 'russian.sqlite');
    const first = join(dir, 'first.csv');
    writeFileSync(first, 'ФИО;Телефон\nМария Сидорова;+7 916 000-00-01\n');
    expect((await runCli('src/cli/import.ts', ['contacts', first], env(database))).code).toBe(0);

    const path = join(dir, 'russian.csv');
    writeFileSync(path, windows1251('ФИО;Телефон;Метки\nСмирнова Ольга;8 (916) 123-45-67;VIP\nКузнецов Пётр;89161234568;\nИван Петров;8 916 000-00-01;\n'));
    const asAgency = await runCli('src/cli/import.ts', ['contacts', path, '--dry-run'], env(database));
    expect(asAgency.stdout).toContain('3 rows with errors');

    const refused = await runCli('src/cli/import.ts', ['contacts', path, '--country', 'ru'], env(database));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('3 rows: 2 new clients, 0 merged into clients on file or earlier rows, 0 rows with errors, 1 rows in conflict (phones without + read as RU)');
    expect(refused.stdout).toContain('conflict: row 4, phone "+79160000001": is on file under another name (#1 Мария Сидорова); in the file "Иван Петров", client #1 "Мария Сидорова"');
    expect(await count(database)).toBe(1);

    const done = await runCli('src/cli/import.ts', ['contacts', path, '--country', 'RU', '--skip-invalid'], env(database));
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Imported; 1 rows left out (listed above)');
    expect(await count(database)).toBe(3);
    const db = new Database(database, { readonly: true });
    expect(await db.prepare("SELECT name, tags FROM contacts WHERE phone = '+79161234567'").get()).toEqual({ name: 'Смирнова Ольга', tags: '["VIP"]' });
    expect(await db.prepare("SELECT name FROM contacts WHERE phone = '+79160000001'").get()).toEqual({ name: 'Мария Сидорова' });
    db.close();

    const unknown = await runCli('src/cli/import.ts', ['contacts', path, '--country', 'XX'], env(database));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--country: XX must be a country code such as RU or BG');
  });
});
