/**
 * The real app on the benchmark agency, plus bare endpoints that run the same worklist SQL
 * with raw better-sqlite3 and answer the rows as JSON: the floor the real endpoints are
 * compared with, in the same process.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../src/app.js';
import { BENCH_AGENCY, benchMailer } from './agency.js';
import { openDb } from '../src/db/client.js';
import { statement } from '../src/db/statements.js';
import { DAY_MS } from '../src/domain/time.js';
import { DEAL_LISTS, INQUIRY_LIST_NAMES, inquiryListSql, MY_DAY_DEPTH, RECEIVED_DAYS, receivedSql, worklistSql } from '../src/domain/worklists/index.js';

const database = openDb(process.env.DATABASE_PATH!);
const agency = BENCH_AGENCY;
const app = createApp({ database, agency, clock: () => Date.now(), mailer: benchMailer() });
const bench = new Hono();

bench.get('/bare/deposit-missing', (c) => {
  const sql = worklistSql('deposit-missing', { departure: true, manager: false, after: false });
  const rows = statement(database.sqlite, sql).all({ now: Date.now(), departureId: Number(c.req.query('departureId')), limit: 51 });
  return c.json({ items: rows });
});

bench.get('/bare/my-day', (c) => {
  const params = { now: Date.now(), managerId: Number(c.req.query('managerId')), limit: MY_DAY_DEPTH };
  // The same thirteen statements my-day runs: six deal lists, three inquiry lists, planned
  // contacts, waiting-list offers, the manager's tasks and newly received clients.
  const filters = { departure: false, manager: true, after: false };
  const rows = [
    ...[...DEAL_LISTS, 'contacts-due' as const, 'waitlist-offers' as const].flatMap((name) => statement(database.sqlite, worklistSql(name, filters)).all(params)),
    ...statement(database.sqlite, worklistSql('tasks-due', filters)).all({ ...params, horizon: params.now + DAY_MS }),
    ...INQUIRY_LIST_NAMES.flatMap((name) => statement(database.sqlite, inquiryListSql(name, filters)).all(params)),
    ...statement(database.sqlite, receivedSql(true)).all({ since: params.now - RECEIVED_DAYS * DAY_MS, managerId: params.managerId, limit: params.limit }),
  ];
  return c.json({ items: rows });
});

bench.route('/', app);
const server = serve({ fetch: bench.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening on http://127.0.0.1:${info.port}`));
// 50 clients keep the event loop busy on purpose: a request waiting its turn longer than the
// default 5 s keep-alive would find its connection closed (ECONNRESET), so the bench allows more.
(server as import('node:http').Server).keepAliveTimeout = 120_000;
