import { ensureFirstDirector } from '../domain/users/bootstrap.js';
import { DEMO_PASSWORD, isEmpty, seedDemo } from '../demo/seed.js';
import { openRuntime } from '../runtime.js';

const USAGE = 'usage: npm run demo [-- --add]   (--add: add another demo set to a database that has data)';

async function main() {
  const args = process.argv.slice(2);
  if (args.some((a) => a !== '--add')) {
    console.error(USAGE);
    process.exit(2);
  }
  const runtime = openRuntime();
  const ctx = runtime.systemCtx();
  if (!isEmpty(ctx) && !args.includes('--add')) {
    console.log(`${runtime.config.DATABASE_PATH} already has data; nothing was changed.`);
    console.log('Run `npm run demo -- --add` to add another demo set to it.');
    return;
  }
  const director = await ensureFirstDirector(ctx, { email: runtime.config.ADMIN_EMAIL, password: runtime.config.ADMIN_PASSWORD, name: runtime.config.ADMIN_NAME });
  // The first demo is always the same agency; each --add brings new people.
  const summary = await seedDemo(runtime.systemCtx(), args.includes('--add') ? { seed: Date.now() % 100_000 } : {});
  console.log(`Demo agency written to ${runtime.config.DATABASE_PATH}:`);
  console.log(`  ${summary.departures} departures, ${summary.contacts} clients, ${summary.deals} bookings`);
  console.log(`  bookings by status: ${Object.entries(summary.byStatus).map(([s, n]) => `${s} ${n}`).join(', ')}`);
  console.log(`  inquiries by status: ${Object.entries(summary.inquiries).map(([s, n]) => `${s} ${n}`).join(', ')}`);
  console.log(`  staff (password "${DEMO_PASSWORD}"): ${summary.staff.map((s) => `${s.email} (${s.role})`).join(', ')}`);
  if (director?.generatedPassword) console.log(`  director: ${director.email} / ${director.generatedPassword}  (shown only this once)`);
  console.log('Start the server with `npm start`.');
  runtime.database.sqlite.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
