import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstDirector } from '../../src/domain/users/bootstrap.js';
import { sharedDatabase, type SharedDatabase } from '../helpers/engine.js';
import { jsonClient } from '../helpers/http-client.js';
import { startServerAt, type ServerProcess } from '../helpers/server-process.js';
import { AGENCY, DIRECTOR, START, TEST_PASSWORD_COST } from '../helpers/test-app.js';

const PROCESSES = 2;
const REQUESTS = 100;
const SEATS_LEFT = 5;

describe('online bookings racing for the last seats', () => {
  let shared: SharedDatabase;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    shared = await sharedDatabase();
    const database = await shared.open();
    await ensureFirstDirector({ db: database.db, sqlite: database.sqlite, now: START, actor: null, agency: AGENCY }, DIRECTOR, TEST_PASSWORD_COST);
    await database.close();
    // Every client here posts from 127.0.0.1: the per-address limit is raised for the race.
    servers = await Promise.all(Array.from({ length: PROCESSES }, () => startServerAt(START, { ...shared.env, PUBLIC_INTAKE_LIMIT: '10000' })));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await shared?.dispose();
  });

  it(`${REQUESTS} clients booking online at once across ${PROCESSES} processes buy exactly the ${SEATS_LEFT} seats left`, async () => {
    const clients = servers.map((server) => jsonClient(server.url));
    const first = clients[0]!;
    const { token } = (await first.post('/api/v1/session', DIRECTOR)).body;
    const departure = (
      await first.post('/api/v1/departures', { title: 'Online race', departsAt: '2030-06-01T08:00', meetingPoint: 'NDK', seats: 45, priceMinor: 5000, depositMinor: 1000, public: true }, token)
    ).body;
    const office = (await first.post('/api/v1/contacts', { name: 'Office group', phone: '0881000000' }, token)).body;
    expect((await first.post('/api/v1/deals', { departureId: departure.id, contactId: office.id, seats: 40 }, token)).status).toBe(201);

    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) =>
        clients[i % PROCESSES]!.post('/api/v1/public/bookings', {
          departureId: departure.id,
          name: `Клиент ${i}`,
          phone: `0887${String(100000 + i)}`,
          email: `client${i}@example.test`,
          seats: 1,
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(SEATS_LEFT);
    for (const answer of answers.filter((a) => a.status !== 201)) expect(answer.body.error.code).toBe('sold_out');
    // Each sale has its own booking page, and the departure is full.
    const pages = answers.filter((a) => a.status === 201).map((a) => new URL(a.body.manageUrl).pathname);
    expect(new Set(pages).size).toBe(SEATS_LEFT);
    const after = (await clients[1]!.get(`/api/v1/public/departures/${departure.id}`)).body;
    expect(after.seatsLeft).toBe(0);
    const online = (await first.get(`/api/v1/deals?departureId=${departure.id}&limit=500`, token)).body.items.filter((d: { source: string }) => d.source === 'online');
    expect(online).toHaveLength(SEATS_LEFT);
  }, 90_000);
});
