import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migratePg } from '../../src/db/migrate-pg.js';
import { createDatabase, startPostgres } from './postgres.js';

/** The migrated, empty database every test database is copied from. */
export const TEMPLATE_DATABASE = 'tourdesk_template';

/**
 * Global setup of the projects that run the suite on PostgreSQL: one throwaway cluster for
 * the run, with a migrated template database; each test makes its own database from it.
 */
export default async function setup(project: TestProject) {
  const cluster = await startPostgres();
  const template = await createDatabase(cluster.url, TEMPLATE_DATABASE);
  const pool = new pg.Pool({ connectionString: template, max: 1 });
  try {
    await migratePg(pool);
  } finally {
    await pool.end();
  }
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
