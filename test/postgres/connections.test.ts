import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePg } from '../../src/db/migrate-pg.js';
import { openPostgres } from '../../src/db/postgres/engine.js';
import { statement } from '../../src/db/statements.js';
import { createDatabase, startPostgres, type PostgresCluster } from '../helpers/postgres.js';

let cluster: PostgresCluster;
let url: string;

beforeAll(async () => {
  cluster = await startPostgres();
  url = await createDatabase(cluster.url, 'agency');
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  await migratePg(pool);
  await pool.end();
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
});

describe('connections PostgreSQL drops', () => {
  it('fail the transaction running on them, and the next one opens a new connection (the process goes on)', async () => {
    const database = openPostgres(url);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const open = await database.engine.begin('write');
      const { pid } = (await statement(open.connection.sqlite, 'SELECT pg_backend_pid() AS pid').get()) as { pid: number };
      // What a restart or a promoted standby does to every connection of the old server.
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await expect(statement(open.connection.sqlite, 'SELECT 1 AS one').get()).rejects.toThrow();
      await open.rollback();
      const again = await database.engine.begin('write');
      expect(await statement(again.connection.sqlite, 'SELECT 1 AS one').get()).toEqual({ one: 1 });
      await again.commit();
      expect(await statement(database.connection.sqlite, 'SELECT 2 AS two').get()).toEqual({ two: 2 });
    } finally {
      await admin.end();
      await database.pool.end();
    }
  });
});
