/**
 * Campaigns and the client's stage at agency scale: whom a segment reaches over the whole
 * client base (language only: one indexed read; "regular" or a stage: every client's facts),
 * the contacts page filtered by stage, and queuing a campaign to everyone it reaches, next
 * to the bare baseline (the candidates' SELECT alone, nothing derived). Works on a copy of
 * the generated agency where 70 % of clients agreed to offers and a tenth are Russian.
 * Prints figures; it sets no pass mark.
 *
 *   npm run bench:campaigns [-- --deals 200000 --departures 2000 --contacts 50000]
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import type { ActingCtx } from '../src/domain/context.js';
import { campaignRecipients, createCampaign, recipientsOf, sendCampaign, type SegmentInput } from '../src/domain/campaigns/index.js';
import { listContacts } from '../src/domain/contacts/index.js';
import { marketable } from '../src/db/fragments.js';
import { BENCH_AGENCY } from './agency.js';
import { generateAgency } from './generate-agency.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DEALS = arg('deals', 200_000);
const DEPARTURES = arg('departures', 2_000);
const CONTACTS = arg('contacts', 50_000);
const FILE = join('bench', '.data', `agency-v3-${DEPARTURES}-${DEALS}-${CONTACTS}.sqlite`);
const COPY = `${FILE}.campaigns`;
const RUNS = 5;

const rssMiB = () => process.memoryUsage().rss / 1024 / 1024;
async function measure<T>(label: string, work: () => T | Promise<T>, describe: (result: T) => string) {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    result = await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} p50 ${times[Math.floor(RUNS / 2)]!.toFixed(0).padStart(6)} ms  max ${times[RUNS - 1]!.toFixed(0).padStart(6)} ms  ${describe(result)}`);
  return { result, p50: times[Math.floor(RUNS / 2)]! };
}

const now = Date.now();
await generateAgency(FILE, { departures: DEPARTURES, deals: DEALS, managers: 20, contacts: CONTACTS }, now);
rmSync(COPY, { force: true });
copyFileSync(FILE, COPY);
const database = openDb(COPY);
migrate(database.sqlite);
database.sqlite.exec(`UPDATE contacts SET marketing_opt_in = (id % 10) < 7, locale = CASE WHEN id % 10 = 9 THEN 'ru' ELSE 'bg' END`);
const director = await database.sqlite.prepare(`SELECT id, email, name FROM users ORDER BY id LIMIT 1`).get() as { id: number; email: string; name: string };
const ctx: ActingCtx = { db: database.db, sqlite: database.sqlite, now, actor: { ...director, role: 'director', locale: 'bg' }, agency: BENCH_AGENCY };
console.log(`${CONTACTS} clients, ${DEALS} deals on ${DEPARTURES} departures; ${RUNS} runs each`);

const bare = await measure(
  'bare: the marketable clients, SELECT only',
  async () => (await database.sqlite.prepare(`SELECT c.id, c.name, c.email FROM contacts c WHERE c.email IS NOT NULL AND ${marketable('c')} ORDER BY c.name, c.id`).all()).length,
  (n) => `${n} rows`,
);
const segments: [string, SegmentInput][] = [
  ['segment: Bulgarian readers', { locales: ['bg'] }],
  ['segment: regular clients (facts of everyone)', { tags: ['regular'] }],
  ['segment: after the trip or client, in bg', { stages: ['postsale', 'client'], locales: ['bg'] }],
  ['segment: booked now (narrowed in SQL first)', { stages: ['booking'] }],
];
for (const [label, segment] of segments) {
  const { p50 } = await measure(label, async () => (await recipientsOf(ctx, segment)).length, (n) => `${n} recipients`);
  console.log(`${''.padEnd(44)} ${(p50 / bare.p50).toFixed(1)}x the bare SELECT`);
}
await measure('contacts page: first 50 in stage "booking"', async () => (await listContacts(ctx, { stage: 'booking', limit: 50 })).items.length, (n) => `${n} shown`);
await measure('contacts page: first 50 in stage "refused"', async () => (await listContacts(ctx, { stage: 'refused', limit: 50 })).items.length, (n) => `${n} shown (rare: reads on)`);

const campaign = await createCampaign(ctx, { name: 'bench', subject: '{name}', body: 'Здравейте, {name}!', segment: { locales: ['bg'] } });
const started = performance.now();
const queued = (await sendCampaign(ctx, campaign.id, await campaignRecipients(ctx, campaign.id))).queued;
const ms = performance.now() - started;
console.log(`send: queue ${queued} campaign mails in one transaction: ${ms.toFixed(0)} ms (${Math.round(queued / (ms / 1000))} rows/s), RSS ${rssMiB().toFixed(0)} MiB`);
database.close();
rmSync(COPY, { force: true });
