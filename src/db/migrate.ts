import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { fileURLToPath } from 'node:url';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * Applies drizzle-kit's migrations, keeping drizzle's own bookkeeping table.
 * Unlike drizzle's migrator this takes the write lock first (BEGIN IMMEDIATE), so several
 * processes starting at once on one file apply each migration exactly once.
 * Returns how many migrations were applied.
 */
export function migrate(sqlite: Database.Database, migrationsFolder = MIGRATIONS_FOLDER): number {
  const migrations = readMigrationFiles({ migrationsFolder });
  const apply = sqlite.transaction(() => {
    sqlite.exec(
      'CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id INTEGER PRIMARY KEY AUTOINCREMENT, hash text NOT NULL, created_at numeric)',
    );
    const last = sqlite
      .prepare('SELECT created_at AS createdAt FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1')
      .get() as { createdAt: number } | undefined;
    let applied = 0;
    for (const migration of migrations) {
      if (last && Number(last.createdAt) >= migration.folderMillis) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) sqlite.exec(statement);
      }
      sqlite
        .prepare('INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES (?, ?)')
        .run(migration.hash, migration.folderMillis);
      applied++;
    }
    return applied;
  });
  return apply.immediate();
}
