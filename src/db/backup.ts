import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface BackupResult {
  file: string;
  pages: number;
  integrity: string;
}

/**
 * A consistent copy of a live database through SQLite's online backup API: pages are copied
 * in steps, and a write by another connection restarts the copy, so the result is always
 * one committed state. The copy is then checked with PRAGMA integrity_check.
 */
export async function backupDatabase(source: Database.Database, file: string): Promise<BackupResult> {
  if (existsSync(file)) throw new Error(`${file} already exists; choose a new file name`);
  mkdirSync(dirname(file), { recursive: true });
  const progress = await source.backup(file);
  const copy = new Database(file, { readonly: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true }) as string;
    return { file, pages: progress.totalPages, integrity };
  } finally {
    copy.close();
  }
}
