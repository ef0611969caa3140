import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstDirector } from '../../src/domain/users/bootstrap.js';
import { sharedDatabase, type SharedDatabase } from '../helpers/engine.js';
import { jsonClient } from '../helpers/http-client.js';
import { startServerAt, type ServerProcess } from '../helpers/server-process.js';
import { AGENCY, DIRECTOR, START, TEST_PASSWORD_COST } from '../helpers/test-app.js';

const PROCESSES = 2;
const PAYMENTS = 50;

describe('receipt numbers under concurrent payments', () => {
  let shared: SharedDatabase;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    shared = await sharedDatabase();
    const database = await shared.open();
    await ensureFirstDirector({ db: database.db, sqlite: database.sqlite, now: START, actor: null, agency: AGENCY }, DIRECTOR, TEST_PASSWORD_COST);
    await database.close();
    servers = await Promise.all(Array.from({ length: PROCESSES }, () => startServerAt(START, shared.env)));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await shared?.dispose();
  });

  it(`${PAYMENTS} payments at once across ${PROCESSES} processes get ${PAYMENTS} distinct consecutive numbers`, async () => {
    const clients = servers.map((server) => jsonClient(server.url));
    const first = clients[0]!;
    const { token } = (await first.post('/api/v1/session', DIRECTOR)).body;
    const departure = (await first.post('/api/v1/departures', { title: 'Receipts race', departsAt: '2030-06-01T08:00', meetingPoint: 'NDK', seats: 60, priceMinor: 5000, depositMinor: 1000 }, token)).body;
    const deals: { id: number }[] = [];
    for (let i = 0; i < 10; i += 1) {
      const contact = (await first.post('/api/v1/contacts', { name: `Клиент ${i}`, phone: `0887${String(200000 + i)}` }, token)).body;
      deals.push((await first.post('/api/v1/deals', { departureId: departure.id, contactId: contact.id, seats: 5 }, token)).body);
    }
    // Ten bookings of 250.00 each take five payments of 10.00 each, all sent at once.
    const answers = await Promise.all(
      Array.from({ length: PAYMENTS }, (_, i) =>
        clients[i % PROCESSES]!.post(`/api/v1/deals/${deals[i % deals.length]!.id}/payments`, { amountMinor: 1000, method: 'cash' }, token),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(PAYMENTS).fill(201));
    const numbers = answers.map((a) => a.body.receiptNumber as string);
    expect(new Set(numbers).size).toBe(PAYMENTS);
    const year = new Date(START).getUTCFullYear();
    const sorted = numbers.map((n) => {
      expect(n).toMatch(new RegExp(`^${year}-\\d{6}$`));
      return Number(n.slice(5));
    }).sort((a, b) => a - b);
    // No gap and nothing before: the first payments of the year are 1..50.
    expect(sorted).toEqual(Array.from({ length: PAYMENTS }, (_, i) => i + 1));
    const ledger = (await clients[1]!.get(`/api/v1/payments?limit=500`, token)).body;
    expect(ledger.items.map((r: { receiptNumber: string }) => r.receiptNumber).sort()).toEqual([...numbers].sort());
    expect(ledger.totals).toEqual([{ currency: 'EUR', count: PAYMENTS, receivedMinor: PAYMENTS * 1000, paidOutMinor: 0, netMinor: PAYMENTS * 1000 }]);
  }, 90_000);
});
