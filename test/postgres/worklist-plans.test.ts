import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAgency } from '../../bench/generate-agency.js';
import { copyToPostgres } from '../../src/db/copy-to-postgres.js';
import { migratePg } from '../../src/db/migrate-pg.js';
import { openPostgres } from '../../src/db/postgres/engine.js';
import { statement } from '../../src/db/statements.js';
import { DEAL_LISTS, INQUIRY_LIST_NAMES, inquiryListSql, worklistSql } from '../../src/domain/worklists/index.js';
import { createDatabase, startPostgres, type PostgresCluster } from '../helpers/postgres.js';

/**
 * The PostgreSQL twin of the SQLite query-plan test (test/integration/worklists.test.ts): at
 * 100,000 deals, with the statistics ANALYZE gathers, every worklist and filter combination
 * reads deals through an index, never a sequential scan over the table.
 */
const DEALS = 100_000;
const NOW = Date.parse('2026-12-04T07:00:00Z');

let cluster: PostgresCluster;
let dir: string;
let database: ReturnType<typeof openPostgres>;

beforeAll(async () => {
  cluster = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'tourdesk-plans-'));
  const file = join(dir, 'agency.sqlite');
  await generateAgency(file, { departures: 1_000, deals: DEALS, managers: 20, contacts: DEALS / 5 }, NOW);
  const url = await createDatabase(cluster.url, 'plans');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const source = new Database(file, { readonly: true });
  try {
    await migratePg(client);
    await copyToPostgres(source, client);
    await client.query('ANALYZE');
  } finally {
    source.close();
    await client.end();
  }
  database = openPostgres(url);
}, 300_000);

afterAll(async () => {
  await database?.pool.end();
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

async function plan(sql: string, values: Record<string, number>): Promise<PlanNode[]> {
  const used = Object.fromEntries(Object.entries(values).filter(([key]) => sql.includes(`:${key}`)));
  const [row] = (await statement(database.connection.sqlite, `EXPLAIN (FORMAT JSON) ${sql}`).all(used)) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
  return nodesOf(row!['QUERY PLAN'][0]!.Plan);
}

const describeNode = (node: PlanNode) => `${node['Node Type']}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`;

describe('worklist query plans on PostgreSQL', () => {
  it(`read deals through indexes at ${DEALS.toLocaleString('en')} deals, for every list and filter`, async () => {
    const values = { now: NOW, limit: 50, departureId: 500, managerId: 2, afterAt: NOW, afterId: 1, horizon: NOW + 7 * 86_400_000 };
    const seen: string[] = [];
    for (const name of [...DEAL_LISTS, 'contacts-due', 'tasks-due'] as const) {
      for (const departure of [false, true]) {
        for (const manager of [false, true]) {
          for (const after of [false, true]) {
            const nodes = await plan(worklistSql(name, { departure, manager, after }), values);
            const label = `${name} departure=${departure} manager=${manager} after=${after}: ${nodes.map(describeNode).join(' / ')}`;
            seen.push(label);
            expect(nodes.filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'deals'), label).toEqual([]);
          }
        }
      }
    }
    for (const name of INQUIRY_LIST_NAMES) {
      for (const manager of [false, true]) {
        const nodes = await plan(inquiryListSql(name, { departure: false, manager, after: false }), values);
        expect(nodes.filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'deals'), name).toEqual([]);
      }
    }
    console.log(`worklist plans on PostgreSQL at ${DEALS} deals:\n${seen.filter((line) => line.includes('after=false')).join('\n')}`);
  });
});
