import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { createDeal, pay } from '../helpers/factories.js';
import { DIRECTOR, makeTestApp } from '../helpers/test-app.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('durability', () => {
  it('keeps everything across a restart on the same file, and migrating again does nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tourdesk-restart-'));
    dirs.push(dir);
    const file = join(dir, 'nested', 'agency.sqlite');

    const first = await makeTestApp({ database: openDb(file) });
    const token = (await first.as('director')).token;
    const deal = await createDeal(first, token, { seats: 2 });
    await pay(first, token, deal.id, 10000);
    const before = (await first.call('GET', `/api/v1/deals/${deal.id}`, { token })).body;
    first.database.sqlite.close();

    const reopened = openDb(file);
    expect(migrate(reopened.sqlite)).toBe(0);
    expect(migrate(reopened.sqlite)).toBe(0);
    expect(reopened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(reopened.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(reopened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const second = await makeTestApp({ database: reopened, now: first.now });
    const again = await second.signIn(DIRECTOR.email, DIRECTOR.password);
    expect((await second.call('GET', `/api/v1/deals/${deal.id}`, { token: again })).body).toEqual(before);
    expect(await reopened.sqlite.prepare('select count(*) as n from users').get()).toEqual({ n: 1 });
    reopened.sqlite.close();
  });

  it('applies every migration on an empty database exactly once', async () => {
    const database = openDb(':memory:');
    expect(migrate(database.sqlite)).toBeGreaterThan(0);
    expect(migrate(database.sqlite)).toBe(0);
    const tables = await database.sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all();
    expect(tables.map((t: any) => t.name)).toEqual(
      expect.arrayContaining(['users', 'sessions', 'departures', 'contacts', 'deals', 'travellers', 'payments', 'deal_history']),
    );
  });
});

describe('a write lock held by another process', () => {
  it('answers 503 with Retry-After after the busy timeout, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tourdesk-busy-'));
    dirs.push(dir);
    const file = join(dir, 'busy.sqlite');
    const t = await makeTestApp({ database: openDb(file) });
    const token = (await t.as('director')).token;
    t.database.sqlite.pragma('busy_timeout = 200');
    const other = openDb(file);
    other.sqlite.exec('BEGIN IMMEDIATE');
    try {
      const answer = await t.call('POST', '/api/v1/contacts', { token, body: { name: 'Blocked', phone: '0881999888' } });
      expect(answer.status).toBe(503);
      expect(answer.headers.get('Retry-After')).toBe('1');
      expect(answer.body.error.code).toBe('busy');
    } finally {
      other.sqlite.exec('ROLLBACK');
      other.sqlite.close();
    }
    expect((await t.call('GET', '/api/v1/contacts?q=Blocked', { token })).body.items).toEqual([]);
    t.database.sqlite.close();
  });
});
