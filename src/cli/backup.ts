import { backupDatabase, backupPostgres } from '../db/backup.js';
import { isSqlite } from '../db/handle.js';
import { openRuntime } from '../runtime.js';

async function main() {
  const [file, ...rest] = process.argv.slice(2);
  if (!file || rest.length > 0 || file.startsWith('-')) {
    console.error('usage: npm run backup -- FILE   (a new file; the running server may keep writing)');
    process.exit(2);
  }
  const runtime = await openRuntime();
  try {
    const { sqlite } = runtime.database;
    if (!isSqlite(sqlite)) {
      const archive = await backupPostgres(runtime.config.DATABASE_URL!, file);
      console.log(`Backup of the PostgreSQL database written to ${archive.file} (pg_dump custom archive, ${archive.entries} entries; restore with pg_restore)`);
      return;
    }
    const result = await backupDatabase(sqlite, file);
    if (result.integrity !== 'ok') {
      console.error(`Backup written to ${result.file} but integrity_check says: ${result.integrity}`);
      process.exit(1);
    }
    console.log(`Backup of ${runtime.config.DATABASE_PATH} written to ${result.file} (${result.pages} pages, integrity ok)`);
  } catch (error) {
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  } finally {
    await runtime.database.close();
  }
}

void main();
