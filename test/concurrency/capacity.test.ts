import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstDirector } from '../../src/domain/users/bootstrap.js';
import { sharedDatabase, type SharedDatabase } from '../helpers/engine.js';
import { jsonClient } from '../helpers/http-client.js';
import { startServerAt, type ServerProcess } from '../helpers/server-process.js';
import { AGENCY, DIRECTOR, START, TEST_PASSWORD_COST } from '../helpers/test-app.js';

const PROCESSES = 4;
const REQUESTS = 200;
const SEATS_LEFT = 10;

describe('capacity across processes', () => {
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

  it(`${PROCESSES} server processes racing ${REQUESTS} one-seat bookings for the last ${SEATS_LEFT} seats sell exactly ${SEATS_LEFT}`, async () => {
    const clients = servers.map((server) => jsonClient(server.url));
    const first = clients[0]!;
    const { token } = (await first.post('/api/v1/session', DIRECTOR)).body;
    const departure = (
      await first.post('/api/v1/departures', { title: 'Race', departsAt: '2030-05-01T08:00', meetingPoint: 'NDK', seats: 40, priceMinor: 1000, depositMinor: 0 }, token)
    ).body;
    const contact = (await first.post('/api/v1/contacts', { name: 'Racer', phone: '0881112233' }, token)).body;
    // 30 of the 40 seats are gone already: the race is for the last 10.
    expect((await first.post('/api/v1/deals', { departureId: departure.id, contactId: contact.id, seats: 30 }, token)).status).toBe(201);

    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) =>
        clients[i % PROCESSES]!.post('/api/v1/deals', { departureId: departure.id, contactId: contact.id, seats: 1 }, token),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(SEATS_LEFT);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(REQUESTS - SEATS_LEFT);
    for (const answer of refused) expect(answer.body.error.code).toBe('sold_out');

    const after = (await clients[3]!.get(`/api/v1/departures/${departure.id}`, token)).body;
    expect(after).toMatchObject({ seats: 40, seatsBooked: 40, seatsLeft: 0 });
    const check = await shared.open();
    const sold = await check.sqlite.prepare("select sum(seats) as seats from deals where departure_id = ? and status <> 'cancelled'").get(departure.id);
    await check.close();
    expect(sold).toEqual({ seats: 40 });
  }, 60_000);

  it(`seats held for the waiting list stay theirs while ${PROCESSES} processes race ${REQUESTS} bookings for the one seat left`, async () => {
    const clients = servers.map((server) => jsonClient(server.url));
    const first = clients[0]!;
    const { token } = (await first.post('/api/v1/session', DIRECTOR)).body;
    const departure = (
      await first.post('/api/v1/departures', { title: 'Held', departsAt: '2030-05-02T08:00', meetingPoint: 'NDK', seats: 12, priceMinor: 1000, depositMinor: 0 }, token)
    ).body;
    const contact = (await first.post('/api/v1/contacts', { name: 'Racer', phone: '0881112244' }, token)).body;
    const waiting = (await first.post('/api/v1/contacts', { name: 'Waiting', phone: '0881112255' }, token)).body;
    expect((await first.post('/api/v1/deals', { departureId: departure.id, contactId: contact.id, seats: 8 }, token)).status).toBe(201);
    const small = (await first.post('/api/v1/deals', { departureId: departure.id, contactId: contact.id, seats: 4 }, token)).body;
    const entry = (await first.post(`/api/v1/departures/${departure.id}/waitlist`, { contactId: waiting.id, seats: 3 }, token)).body;
    // Four seats come free: three are held for the waiting family, one is anyone's.
    expect((await first.post(`/api/v1/deals/${small.id}/cancel`, { reason: 'race' }, token)).status).toBe(200);

    const answers = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) =>
        i === REQUESTS / 2
          ? clients[i % PROCESSES]!.post(`/api/v1/waitlist/${entry.id}/book`, {}, token)
          : clients[i % PROCESSES]!.post('/api/v1/deals', { departureId: departure.id, contactId: contact.id, seats: 1 }, token),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(answers[REQUESTS / 2]!.status).toBe(201);
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    for (const answer of answers.filter((a) => a.status !== 201)) expect(answer.body.error.code).toBe('sold_out');
    const after = (await clients[2]!.get(`/api/v1/departures/${departure.id}`, token)).body;
    expect(after).toMatchObject({ seats: 12, seatsBooked: 12, seatsHeld: 0, seatsLeft: 0 });
  }, 60_000);

  it(`a 90-seat trip on two buses: ${PROCESSES} processes racing ${REQUESTS} bookings of one to three seats never fill a bus past its seats, and one-seat bookings take the last seat of each`, async () => {
    const clients = servers.map((server) => jsonClient(server.url));
    const first = clients[0]!;
    const { token } = (await first.post('/api/v1/session', DIRECTOR)).body;
    const departure = (
      await first.post(
        '/api/v1/departures',
        { title: 'Two buses', departsAt: '2030-05-02T08:00', meetingPoint: 'NDK', vehicles: [{ label: 'A', seats: 45 }, { label: 'B', seats: 45 }], priceMinor: 1000, depositMinor: 0 },
        token,
      )
    ).body;
    expect(departure.seats).toBe(90);
    const contact = (await first.post('/api/v1/contacts', { name: 'Racer', phone: '0881112234' }, token)).body;
    const race = async (seatsOf: (i: number) => number) =>
      await Promise.all(
        Array.from({ length: REQUESTS }, (_, i) => clients[i % PROCESSES]!.post('/api/v1/deals', { departureId: departure.id, contactId: contact.id, seats: seatsOf(i) }, token)),
      );
    const families = await race((i) => 1 + (i % 3));
    expect(families.filter((a) => a.status >= 500)).toEqual([]);
    for (const refused of families.filter((a) => a.status !== 201)) expect(refused.body.error.code).toBe('sold_out');
    // Families leave gaps one family cannot fill; singles then take every seat left, and not one more.
    const singles = await race(() => 1);
    expect(singles.filter((a) => a.status >= 500)).toEqual([]);
    const check = await shared.open();
    const perBus = await check.sqlite
      .prepare("select v.label as label, v.seats as seats, coalesce(sum(d.seats), 0) as booked from departure_vehicles v left join deals d on d.vehicle_id = v.id and d.status <> 'cancelled' where v.departure_id = ? group by v.id order by v.position")
      .all(departure.id);
    const split = await check.sqlite.prepare("select count(*) as n from deals where departure_id = ? and (vehicle_id is null or vehicle_id not in (select id from departure_vehicles where departure_id = ?))").get(departure.id, departure.id);
    await check.close();
    expect(perBus.map((b: any) => [b.label, Number(b.booked)])).toEqual([['A', 45], ['B', 45]]);
    expect(split).toEqual({ n: 0 });
    const after = (await clients[2]!.get(`/api/v1/departures/${departure.id}`, token)).body;
    expect(after).toMatchObject({ seats: 90, seatsBooked: 90, seatsLeft: 0 });
    const ninetyFirst = await clients[1]!.post('/api/v1/deals', { departureId: departure.id, contactId: contact.id, seats: 1 }, token);
    expect(ninetyFirst.status).toBe(409);
    expect(ninetyFirst.body.error.code).toBe('sold_out');
  }, 90_000);
});
