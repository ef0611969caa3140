import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { ensureFirstDirector } from '../domain/users/bootstrap.js';
import { DEMO_PASSWORD, isEmpty, seedDemo } from '../demo/seed.js';
import { DomainError } from '../domain/errors.js';
import { instantInput, parseInstant } from '../domain/time.js';
import { whereDataLives } from '../db/open.js';
import { openRuntime } from '../runtime.js';

const USAGE =
  'usage: npm run demo -- [--add] [--now ISO]   (--add: add another demo set to a database that has data; --now: write the demo as of that instant, e.g. 2027-06-01T09:00)';

/** The first demo is always the same agency; each --add brings new people, chosen by how many clients there are. */
const FIRST_SEED = 2911;

async function main() {
  let values: { add?: boolean | undefined; now?: string | undefined };
  try {
    ({ values } = parseArgs({ options: { add: { type: 'boolean' }, now: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  if (values.now !== undefined && !instantInput.safeParse(values.now).success) {
    console.error(`--now: ${values.now} is not an ISO 8601 date and time, e.g. 2027-06-01T09:00:00+03:00\n${USAGE}`);
    process.exit(2);
  }
  // The demo is written as of one instant: --now (wall-clock time in the agency's zone without
  // an offset, as `npm run notify` reads it), else the real clock.
  let clock = () => Date.now();
  const runtime = await openRuntime({ clock: () => clock() });
  if (values.now !== undefined) {
    try {
      const at = parseInstant(values.now, runtime.agency.timeZone, 'now');
      clock = () => at;
    } catch (error) {
      console.error(`--now: ${values.now} ${error instanceof DomainError ? Object.values((error.details ?? {}) as Record<string, string>).join('; ') : String(error)}\n${USAGE}`);
      await runtime.database.close();
      process.exit(2);
    }
  }
  const ctx = runtime.systemCtx();
  if (!await isEmpty(ctx) && !values.add) {
    console.log(`${whereDataLives(runtime.config)} already has data; nothing was changed.`);
    console.log('Run `npm run demo -- --add` to add another demo set to it.');
    await runtime.database.close();
    return;
  }
  const director = await ensureFirstDirector(ctx, { email: runtime.config.ADMIN_EMAIL, password: runtime.config.ADMIN_PASSWORD, name: runtime.config.ADMIN_NAME });
  const contactsBefore = (await ctx.sqlite.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
  let summary: Awaited<ReturnType<typeof seedDemo>>;
  try {
    summary = await seedDemo(runtime.systemCtx(), values.add ? { seed: FIRST_SEED + contactsBefore } : {});
  } catch (error) {
    // The set is one transaction: a refusal leaves the database as it was.
    console.error(`The demo was not written (nothing of it is in ${whereDataLives(runtime.config)}):`);
    throw error;
  }
  const bus = DateTime.fromMillis(summary.firstBus.departsAt, { zone: runtime.agency.timeZone });
  console.log(`Demo agency written to ${whereDataLives(runtime.config)}:`);
  console.log(`  ${summary.departures} departures, ${summary.contacts} clients, ${summary.deals} bookings`);
  console.log(`  bookings by status: ${Object.entries(summary.byStatus).map(([s, n]) => `${s} ${n}`).join(', ')}`);
  console.log(`  inquiries by status: ${Object.entries(summary.inquiries).map(([s, n]) => `${s} ${n}`).join(', ')}`);
  console.log(`  reminders due for "${summary.firstBus.title}" (departure ${summary.firstBus.id}), leaving ${bus.toFormat("yyyy-MM-dd'T'HH:mm")} (${runtime.agency.timeZone})`);
  console.log(`  staff (password "${DEMO_PASSWORD}"): ${summary.staff.map((s) => `${s.email} (${s.role})`).join(', ')}`);
  if (director?.generatedPassword) console.log(`  director: ${director.email} / ${director.generatedPassword}  (shown only this once)`);
  console.log('Start the server with `npm start`.');
  await runtime.database.close();
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
