import { backupDatabase } from '../db/backup.js';
import { openRuntime } from '../runtime.js';

async function main() {
  const [file, ...rest] = process.argv.slice(2);
  if (!file || rest.length > 0 || file.startsWith('-')) {
    console.error('usage: npm run backup -- FILE   (a new file; the running server may keep writing)');
    process.exit(2);
  }
  const runtime = openRuntime();
  try {
    const result = await backupDatabase(runtime.database.sqlite, file);
    if (result.integrity !== 'ok') {
      console.error(`Backup written to ${result.file} but integrity_check says: ${result.integrity}`);
      process.exit(1);
    }
    console.log(`Backup of ${runtime.config.DATABASE_PATH} written to ${result.file} (${result.pages} pages, integrity ok)`);
  } catch (error) {
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  } finally {
    runtime.database.close();
  }
}

void main();
