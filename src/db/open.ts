import { openDb, type Database_ } from './client.js';
import { migrate } from './migrate.js';
import { migratePg } from './migrate-pg.js';
import { openPostgres } from './postgres/engine.js';
import { WriteQueue } from './write-queue.js';

export interface OpenedDatabase {
  database: Database_;
  /** Migrations applied by this start. */
  applied: number;
}

/**
 * The agency's database, migrated: PostgreSQL when `DATABASE_URL` is set (several processes
 * may share it), else the SQLite file at `DATABASE_PATH`.
 */
export async function openDatabase(config: { DATABASE_URL?: string | undefined; DATABASE_PATH: string }): Promise<OpenedDatabase> {
  if (!config.DATABASE_URL) {
    const database = openDb(config.DATABASE_PATH);
    return { database, applied: migrate(database.sqlite) };
  }
  const { pool, engine, connection } = openPostgres(config.DATABASE_URL);
  try {
    const applied = await migratePg(pool);
    const database: Database_ = {
      sqlite: connection.sqlite,
      db: connection.db,
      reader: connection,
      writes: new WriteQueue(engine),
      engine,
      close: () => pool.end(),
    };
    return { database, applied };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
