import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

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

export interface PgBackupResult {
  file: string;
  /** Entries in the archive's table of contents (tables, their data, indexes, sequences). */
  entries: number;
}

/**
 * A PostgreSQL database's backup: `pg_dump` custom archive (one consistent snapshot while
 * servers keep writing; restored with pg_restore), then read back with `pg_restore --list`
 * so a truncated or unreadable archive is reported, not kept as a backup.
 */
export async function backupPostgres(url: string, file: string): Promise<PgBackupResult> {
  if (existsSync(file)) throw new Error(`${file} already exists; choose a new file name`);
  mkdirSync(dirname(file), { recursive: true });
  await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', url]);
  const { stdout } = await run('pg_restore', ['--list', file]);
  const entries = stdout.split('\n').filter((line) => line.trim() !== '' && !line.startsWith(';')).length;
  if (entries === 0) throw new Error(`${file} has no entries: pg_dump wrote an empty archive`);
  return { file, entries };
}

async function run(command: string, args: string[]): Promise<{ stdout: string }> {
  try {
    return await execFileAsync(command, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') throw new Error(`${command} is not installed (Debian: apt-get install postgresql-client)`);
    throw new Error(`${command} failed: ${(failure.stderr ?? failure.message).trim()}`);
  }
}
