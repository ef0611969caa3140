/**
 * The bus: automatic seating of full 57-seat coaches (20 bookings each), one coach at a
 * time and ten at once in one request each; then 50 concurrent boarding taps on one
 * departure through the HTTP app, every tap checked to be recorded once; the boarding page
 * of a full coach, and a phone sending 57 kept marks in one exchange. Prints figures;
 * it sets no pass mark.
 *
 *   npm run bench:bus [-- --coaches 10 --taps 50]
 */
import { performance } from 'node:perf_hooks';
import { makeTestApp } from '../test/helpers/test-app.js';
import { createDeal, createDeparture } from '../test/helpers/factories.js';
import { pageClient } from '../test/helpers/pages.js';
import { csrfTokenFor } from '../src/http/pages/web-session.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const COACHES = arg('coaches', 10);
const TAPS = arg('taps', 50);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const t = await makeTestApp({ now: Date.parse('2027-03-01T09:00:00Z') });
const { token } = await t.as('operator');

/** A 57-seat coach (14 rows of four and a back row of five) with 20 families of 2 or 3. */
async function fullCoach() {
  const departure = await createDeparture(t, token, { seats: 57, seatLayout: { seatsPerRow: 4, aisleAfter: 2, lastRowSeats: 5 } });
  for (let i = 0; i < 20; i++) {
    const size = i < 17 ? 3 : 2; // 17 x 3 + 3 x 2 = 57
    await createDeal(t, token, { departureId: departure.id, seats: size, travellers: Array.from({ length: size }, (_, k) => ({ name: `Family ${i} / ${k + 1}` })) });
  }
  return departure.id as number;
}

const seatOne = async (id: number) => {
  const started = performance.now();
  const answer = await t.call('POST', `/api/v1/departures/${id}/seating/auto`, { token });
  if (answer.status !== 200) throw new Error(`seating answered ${answer.status}`);
  return { ms: performance.now() - started, seated: answer.body.seats.filter((s: { travellerId?: number }) => s.travellerId).length };
};

const single = await fullCoach();
const one = await seatOne(single);
console.log(`seating one full coach (57 seats, 20 bookings): ${one.ms.toFixed(1)} ms, ${one.seated} seated`);

const coaches = [];
for (let i = 0; i < COACHES; i++) coaches.push(await fullCoach());
const started = performance.now();
const results = await Promise.all(coaches.map(seatOne));
const total = performance.now() - started;
const times = results.map((r) => r.ms).sort((a, b) => a - b);
console.log(
  `seating ${COACHES} coaches at once, one request each: ${total.toFixed(1)} ms in all, ${(total / COACHES).toFixed(1)} ms per coach; ` +
    `per request p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms; ${results.every((r) => r.seated === 57) ? 'every seat filled once' : 'SEATS MISSING'}`,
);

// Boarding: one traveller per booking on a departure of TAPS bookings, every tap at once.
const bus = await createDeparture(t, token, { seats: TAPS });
const deals = [];
for (let i = 0; i < TAPS; i++) deals.push(await createDeal(t, token, { departureId: bus.id, seats: 1, travellers: [{ name: `Rider ${i}` }] }));
const tapTimes: number[] = [];
const tapsStarted = performance.now();
await Promise.all(
  deals.map(async (deal) => {
    const began = performance.now();
    const answer = await t.call('POST', `/api/v1/deals/${deal.id}/boarding`, { token, body: { state: 'boarded' } });
    tapTimes.push(performance.now() - began);
    if (answer.status !== 200) throw new Error(`tap answered ${answer.status}`);
  }),
);
const tapsTotal = performance.now() - tapsStarted;
tapTimes.sort((a, b) => a - b);
const list = (await t.call('GET', `/api/v1/departures/${bus.id}/boarding`, { token })).body;
const boarded = list.stops.reduce((n: number, s: { boarded: number }) => n + s.boarded, 0);
console.log(
  `boarding: ${TAPS} concurrent taps in ${tapsTotal.toFixed(1)} ms; per tap p50 ${percentile(tapTimes, 50).toFixed(1)} ms, p99 ${percentile(tapTimes, 99).toFixed(1)} ms; ` +
    `${boarded} of ${TAPS} recorded boarded (${boarded === TAPS ? 'each once' : 'MISMATCH'})`,
);

// The door on a full coach: the boarding page (what the guide opens), the API's list beside
// it (the bare read the page is built on), and a phone back in signal sending the 57 marks it
// kept in one exchange (each its own transaction) against the same marks as 57 taps.
const coach = coaches[0]!;
const door = await pageClient(t, { email: 'operator1@agency.test', password: 'password-123' });
const timed = async (times: number[], work: () => Promise<unknown>) => {
  const began = performance.now();
  await work();
  times.push(performance.now() - began);
};
const pageTimes: number[] = [];
const listTimes: number[] = [];
for (let i = 0; i < 30; i++) {
  await timed(pageTimes, async () => {
    if ((await door.get(`/departures/${coach}/boarding`, 'bg')).status !== 200) throw new Error('boarding page failed');
  });
  await timed(listTimes, () => t.call('GET', `/api/v1/departures/${coach}/boarding`, { token }));
}
pageTimes.sort((a, b) => a - b);
listTimes.sort((a, b) => a - b);
const page = await door.get(`/departures/${coach}/boarding`, 'bg');
console.log(
  `boarding page of a full coach (57): p50 ${percentile(pageTimes, 50).toFixed(1)} ms, p99 ${percentile(pageTimes, 99).toFixed(1)} ms, ${(page.html.length / 1024).toFixed(0)} KiB; ` +
    `API list p50 ${percentile(listTimes, 50).toFixed(1)} ms (page ${(percentile(pageTimes, 50) / percentile(listTimes, 50)).toFixed(2)}x the list)`,
);
const riders = (await t.call('GET', `/api/v1/departures/${coach}/boarding`, { token })).body.stops.flatMap((s: { travellers: { dealId: number; travellerId: number }[] }) => s.travellers);
const ops = riders.map((r: { dealId: number; travellerId: number }, i: number) => ({ id: `bench-op-${String(i).padStart(4, '0')}`, kind: 'mark', dealId: r.dealId, travellerIds: [r.travellerId], state: 'boarded', ifState: 'expected', at: new Date(t.now).toISOString() }));
const syncStarted = performance.now();
const synced = await t.app.request(`/departures/${coach}/boarding/sync`, {
  method: 'POST',
  headers: { Cookie: door.cookie, 'Content-Type': 'application/json', Origin: 'http://localhost', 'X-CSRF-Token': csrfTokenFor(door.token!) },
  body: JSON.stringify({ ops }),
});
const syncMs = performance.now() - syncStarted;
const syncBody = (await synced.json()) as { results: { status: string }[]; list: { totals: { boarded: number } } };
console.log(
  `a phone back in signal: ${ops.length} kept marks in one exchange ${syncMs.toFixed(1)} ms (${(syncMs / ops.length).toFixed(2)} ms per mark, the bus's list included); ` +
    `${syncBody.results.filter((r) => r.status === 'done').length} done, ${syncBody.list.totals.boarded} boarded (${syncBody.list.totals.boarded === ops.length ? 'each once' : 'MISMATCH'}); ` +
    `${TAPS} single taps took ${(tapsTotal / TAPS).toFixed(2)} ms per tap`,
);
console.log(`process RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
