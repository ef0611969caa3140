import { beforeEach, describe, expect, it } from 'vitest';
import { createDeal, createDeparture } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let token: string;
let client: Awaited<ReturnType<typeof pageClient>>;

beforeEach(async () => {
  t = await makeTestApp();
  token = await t.signIn(DIRECTOR.email, DIRECTOR.password);
  client = await pageClient(t, DIRECTOR);
});

/** The departure form as a browser sends it without JavaScript: every row, the empty ones too. */
const OHRID = {
  title: 'Охрид 29.10',
  departsAt: '2027-10-29T06:30',
  meetingPoint: 'София, НДК',
  seats: '49',
  price: '150,00',
  deposit: '50',
  currency: 'EUR',
  timeZone: 'Europe/Sofia',
};
/** Two buses: the first has the form's seats (a new departure has one bus), the second its own row; two extras. */
const TWO_BUSES_AND_EXTRAS = {
  ...OHRID,
  vehicleLabel0: '1',
  vehicleRow0: '4',
  vehicleAisle0: '2',
  vehicleLast0: '',
  vehicleLabel1: '',
  vehicleSeats1: '30',
  vehicleRow1: '3',
  vehicleAisle1: '1',
  vehicleLast1: '',
  vehicleLabel2: '',
  vehicleSeats2: '',
  vehicleRow2: '4',
  vehicleAisle2: '2',
  vehicleLast2: '',
  extraCode0: 'lunch',
  extraLabel0: 'Обяд в Охрид',
  extraPrice0: '15,50',
  extraPer0: 'traveller',
  extraCode1: 'insurance',
  extraLabel1: 'Застраховка',
  extraPrice1: '12',
  extraPer1: 'booking',
  extraCode2: '',
  extraLabel2: '',
  extraPrice2: '',
  extraPer2: 'traveller',
};

const api = async (path: string) => (await t.call('GET', path, { token })).body;
/** The edit form of a departure as the page fills it in: every input with its value, ticked boxes "on". */
async function editForm(id: number): Promise<Record<string, string>> {
  const html = (await client.get(`/departures/${id}/edit`, 'bg')).html;
  const form = /<form method="post" action="\/departures\/\d+\/edit"[\s\S]*?<\/form>/.exec(html)![0];
  const values: Record<string, string> = {};
  for (const input of form.matchAll(/<input\b([^>]*)>/g)) {
    const attrs = input[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name.startsWith('_')) continue;
    if (/type="checkbox"/.test(attrs) && !/checked/.test(attrs)) continue;
    values[name] = /value="([^"]*)"/.exec(attrs)?.[1]?.replaceAll('&amp;', '&') ?? '';
  }
  for (const select of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    values[select[1]!] = /<option value="([^"]*)" selected/.exec(select[2]!)?.[1] ?? /<option value="([^"]*)"/.exec(select[2]!)?.[1] ?? '';
  }
  for (const area of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) values[area[1]!] = area[2]!;
  return values;
}

describe('a departure of several buses in the desk', () => {
  it('is made through the form with its buses and extras; the form then shows the seats as their sum', async () => {
    const blank = await client.get('/departures/new', 'bg');
    // One bus: "seats" as ever, the buses folded away.
    expect(blank.html).toMatch(/<details class="buses">\s*<summary>Няколко автобуса<\/summary>/);
    expect(blank.html).toContain('name="seats"');
    const created = await client.post('/departures/new', TWO_BUSES_AND_EXTRAS);
    expect(created.status).toBe(303);
    const id = Number(/\/departures\/(\d+)/.exec(created.location ?? '')?.[1]);
    const departure = await api(`/api/v1/departures/${id}`);
    expect(departure.seats).toBe(79);
    expect(departure.vehicles).toEqual([
      expect.objectContaining({ label: '1', seats: 49, seatLayout: { seatsPerRow: 4, aisleAfter: 2 } }),
      // A bus without a name is called by its number.
      expect.objectContaining({ label: '2', seats: 30, seatLayout: { seatsPerRow: 3, aisleAfter: 1 } }),
    ]);
    expect(departure.extras).toEqual([
      { code: 'lunch', label: 'Обяд в Охрид', priceMinor: 1550, per: 'traveller' },
      { code: 'insurance', label: 'Застраховка', priceMinor: 1200, per: 'booking' },
    ]);

    const edit = await client.get(`/departures/${id}/edit`, 'bg');
    expect(edit.html).toContain('Места: 79, сборът от 2 автобуса');
    expect(edit.html).not.toContain('name="seats"');
    expect(edit.html).toMatch(/<legend>Автобус 2<\/legend>/);
    expect(edit.html).toContain('name="vehicleSeats1" type="number" value="30"');
    expect(edit.html).toContain('name="extraPrice0" type="text" value="15,50"');

    // Saved again as it is, it changes nothing; a third bus is a filled empty row.
    const form = await editForm(id);
    const saved = await client.post(`/departures/${id}/edit`, { ...form, vehicleLabel2: 'Микробус', vehicleSeats2: '16' });
    expect(saved.status).toBe(303);
    const after = await api(`/api/v1/departures/${id}`);
    expect(after.seats).toBe(95);
    expect(after.vehicles.map((v: any) => [v.id, v.label, v.seats])).toEqual([...departure.vehicles.map((v: any) => [v.id, v.label, v.seats]), [expect.any(Number), 'Микробус', 16]]);
    expect(after.extras).toEqual(departure.extras);

    // The departure page lists its buses and extras.
    const roster = await client.get(`/departures/${id}`, 'en');
    expect(roster.html).toContain(`href="/departures/${id}/seats?vehicleId=${after.vehicles[1].id}">Bus 2: 0 of 30</a>`);
    expect(roster.html).toContain('Микробус: 0 of 16');
    expect(roster.html).toContain('Обяд в Охрид €15.50 per traveller');
    expect(roster.html).toContain('Застраховка €12.00 per booking');

    // The copy keeps the buses.
    const copied = await client.post(`/departures/${id}/copy`, { departsAt: '2028-05-01T07:00' });
    const copy = await api(`/api/v1/departures/${Number(/\/departures\/(\d+)\/edit/.exec(copied.location ?? '')?.[1])}`);
    expect(copy.vehicles.map((v: any) => [v.label, v.seats])).toEqual([['1', 49], ['2', 30], ['Микробус', 16]]);
  });

  it('a departure of one bus becomes two when a row is filled; the bus keeps its bookings', async () => {
    const departure = await createDeparture(t, token, { seats: 40 });
    const deal = await createDeal(t, token, { departureId: departure.id, seats: 2 });
    const form = await editForm(departure.id);
    expect(form).toMatchObject({ seats: '40', vehicleLabel0: '1', vehicleId0: String(departure.vehicles[0].id) });
    expect(form).not.toHaveProperty('vehicleSeats0');
    const saved = await client.post(`/departures/${departure.id}/edit`, { ...form, vehicleLabel1: 'B', vehicleSeats1: '20' });
    expect(saved.status).toBe(303);
    const after = await api(`/api/v1/departures/${departure.id}`);
    expect(after.seats).toBe(60);
    expect(after.vehicles).toEqual([
      expect.objectContaining({ id: departure.vehicles[0].id, seats: 40, seatsBooked: 2 }),
      expect.objectContaining({ label: 'B', seats: 20, seatsBooked: 0 }),
    ]);
    expect((await api(`/api/v1/deals/${deal.id}`)).vehicleId).toBe(departure.vehicles[0].id);
  });

  it('refuses wrong rows beside their fields, in the reader\'s language, and a bus with bookings cannot go', async () => {
    const created = await client.post('/departures/new', TWO_BUSES_AND_EXTRAS);
    const id = Number(/\/departures\/(\d+)/.exec(created.location ?? '')?.[1]);
    const form = await editForm(id);

    const wrong = await client.post(`/departures/${id}/edit`, { ...form, vehicleSeats1: '0', vehicleAisle0: '7', extraCode0: 'обяд', extraPrice1: 'дванайсет' });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toMatch(/id="f-vehicleSeats1-error">Въведете цяло число от 1 до 1000/);
    expect(wrong.html).toMatch(/id="f-vehicleAisle0-error">Пътеката не може да е след повече места, отколкото има един ред\./);
    // What was typed stays.
    expect(wrong.html).toContain('name="vehicleSeats1" type="number" value="0"');
    const extras = await client.post(`/departures/${id}/edit`, { ...form, extraCode0: 'обяд', extraCode1: 'lunch' });
    expect(extras.status).toBe(400);
    expect(extras.html).toMatch(/id="f-extraCode0-error">Латински букви, цифри, - или _, най-много 40/);
    const repeated = await client.post(`/departures/${id}/edit`, { ...form, extraCode1: 'lunch' }, 'ru');
    expect(repeated.html).toMatch(/id="f-extraCode1-error">Этот код уже у другой доплаты\./);
    const price = await client.post(`/departures/${id}/edit`, { ...form, extraPrice1: 'дванайсет' }, 'en');
    expect(price.html).toMatch(/id="f-extraPrice1-error">/);

    const bus2 = (await api(`/api/v1/departures/${id}`)).vehicles[1];
    await createDeal(t, token, { departureId: id, seats: 4, vehicleId: bus2.id });
    const removed = await client.post(`/departures/${id}/edit`, { ...form, vehicleRemove1: 'on' });
    expect(removed.status).toBe(409);
    expect(removed.html).toContain('id="f-vehicleRemove1-error">Автобус 2 има 4 заети места: първо преместете резервациите му в друг автобус.');
    expect(removed.html).toMatch(/name="vehicleRemove1" value="on" checked=""/);
    const lowered = await client.post(`/departures/${id}/edit`, { ...form, vehicleSeats1: '3' }, 'en');
    expect(lowered.status).toBe(409);
    expect(lowered.html).toMatch(/id="f-vehicleSeats1-error">Bus 2 cannot have fewer seats than the 4 booked in it\./);
    expect((await api(`/api/v1/departures/${id}`)).vehicles).toHaveLength(2);

    // An emptied bus without bookings goes.
    const emptied = await client.post(`/departures/${id}/edit`, { ...form, vehicleLabel0: '', seats: '', vehicleSeats0: '' });
    expect(emptied.status).toBe(303);
    expect((await api(`/api/v1/departures/${id}`)).vehicles.map((v: any) => v.label)).toEqual(['2']);
  });
});

describe('the seat map of a departure of several buses', () => {
  async function twoBuses() {
    const departure = await createDeparture(t, token, {
      seats: undefined,
      vehicles: [
        { label: '1', seats: 8 },
        { label: '2', seats: 6, seatLayout: { seatsPerRow: 3, aisleAfter: 1 } },
      ],
    });
    return { departure, one: departure.vehicles[0], two: departure.vehicles[1] };
  }
  const names = (n: number, family: string) => Array.from({ length: n }, (_, i) => ({ name: `${family} ${i + 1}` }));

  it('shows each bus by its tab with its own layout, and seats one bus or all', async () => {
    const { departure, one, two } = await twoBuses();
    await createDeal(t, token, { departureId: departure.id, seats: 2, travellers: names(2, 'Петрови'), vehicleId: one.id });
    await createDeal(t, token, { departureId: departure.id, seats: 3, travellers: names(3, 'Иванови'), vehicleId: two.id });
    const map = await client.get(`/departures/${departure.id}/seats?vehicleId=${two.id}`, 'bg');
    expect(map.status).toBe(200);
    expect(map.html).toContain(`<a href="/departures/${departure.id}/seats?vehicleId=${two.id}" class="active" aria-current="page" data-vehicle="${two.id}">Автобус 2 · 3/6</a>`);
    expect(map.html).toContain(`<a href="/departures/${departure.id}/seats?vehicleId=${one.id}" data-vehicle="${one.id}">Автобус 1 · 2/8</a>`);
    expect(map.html).toContain('<h2>Схема на местата: Автобус 2</h2>');
    // Three seats a row, the aisle after the first: two rows of 6 seats.
    expect([...map.html.matchAll(/<div class="bus-row">/g)]).toHaveLength(2);
    expect(map.html).toContain('data-seat="6"');
    expect(map.html).not.toContain('data-seat="7"');
    expect(map.html).toContain('Иванови 1');
    expect(map.html).not.toContain('Петрови 1');

    const seated = await client.post(`/departures/${departure.id}/seating/auto`, { bus: String(two.id), scope: 'bus' });
    expect(seated).toMatchObject({ status: 303, location: `/departures/${departure.id}/seats?vehicleId=${two.id}&done=seated` });
    const plan = async (vehicleId: number) => (await api(`/api/v1/departures/${departure.id}/seating?vehicleId=${vehicleId}`)).unseated;
    expect([await plan(one.id), await plan(two.id)]).toEqual([2, 0]);
    await client.post(`/departures/${departure.id}/seating/auto`, { bus: String(two.id), scope: 'all' });
    expect([await plan(one.id), await plan(two.id)]).toEqual([0, 0]);
  });

  it('moves a booking to bus 2 with the page form; a bus without room is refused in the reader\'s language', async () => {
    const { departure, one, two } = await twoBuses();
    const petrovi = await createDeal(t, token, { departureId: departure.id, seats: 2, travellers: names(2, 'Петрови'), vehicleId: one.id });
    const family = await createDeal(t, token, { departureId: departure.id, seats: 4, travellers: names(4, 'Колеви'), vehicleId: one.id });
    const map = await client.get(`/departures/${departure.id}/seats?vehicleId=${one.id}`, 'bg');
    // Each booking's move form offers the other bus with its free seats.
    expect(map.html).toMatch(new RegExp(`<form method="post" action="/deals/${petrovi.id}/vehicle"[\\s\\S]*?<option value="${two.id}" selected="">Автобус 2 · 6 свободни места</option>`));

    const back = `/departures/${departure.id}/seats?vehicleId=${one.id}`;
    const moved = await client.post(`/deals/${petrovi.id}/vehicle`, { vehicleId: String(two.id), back });
    expect(moved).toMatchObject({ status: 303, location: `${back}&done=vehicleMoved` });
    expect((await api(`/api/v1/deals/${petrovi.id}`)).vehicleId).toBe(two.id);
    const bus2 = await client.get(`/departures/${departure.id}/seats?vehicleId=${two.id}`, 'bg');
    expect(bus2.html).toContain('Петрови 1');
    expect(bus2.html).toContain('Автобус 2 · 2/6');

    // Bus 2 with 1 seat free: the family of 4 is told no bus has room, and sent anyway it is a 409 beside it.
    await createDeal(t, token, { departureId: departure.id, seats: 3, vehicleId: two.id });
    const full = await client.get(back, 'bg');
    expect(full.html).toContain(`<div class="bus-move" data-bus-move="${family.id}"><p class="small muted">Никой друг автобус няма 4 свободни места.</p>`);
    const refused = await client.post(`/deals/${family.id}/vehicle`, { vehicleId: String(two.id), back }, 'bg');
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('Автобус 2 има 1 свободно място: 4 места на резервацията не се побират.');
    expect(refused.html).toContain(`id="bus-move-${family.id}-error"`);
    const english = await client.post(`/deals/${family.id}/vehicle`, { vehicleId: String(two.id), back }, 'en');
    expect(english.html).toContain('Bus 2 has 1 seat free: the booking&#39;s 4 do not fit.');
    const russian = await client.post(`/deals/${family.id}/vehicle`, { vehicleId: String(two.id), back }, 'ru');
    expect(russian.html).toContain('Автобус 2: свободно 1 место, а в брони 4 места — не помещается.');
    expect((await api(`/api/v1/deals/${family.id}`)).vehicleId).toBe(one.id);
  });

  it('the deal page says which bus the booking rides in and moves it', async () => {
    const { departure, one, two } = await twoBuses();
    const deal = await createDeal(t, token, { departureId: departure.id, seats: 2, travellers: names(2, 'Петрови'), vehicleId: one.id });
    await client.post(`/departures/${departure.id}/seating/auto`, {});
    const page = await client.get(`/deals/${deal.id}`, 'bg');
    expect(page.html).toContain('<strong>Пътува в Автобус 1</strong>');
    expect(page.html).toContain('места 1, 2');
    expect(page.html).toContain(`<input type="hidden" name="back" value="/deals/${deal.id}"/>`);
    const moved = await client.post(`/deals/${deal.id}/vehicle`, { vehicleId: String(two.id), back: `/deals/${deal.id}` });
    expect(moved).toMatchObject({ status: 303, location: `/deals/${deal.id}?done=vehicleMoved` });
    const after = await client.get(`/deals/${deal.id}?done=vehicleMoved`, 'bg');
    expect(after.html).toContain('Резервацията е преместена в другия автобус');
    expect(after.html).toContain('<strong>Пътува в Автобус 2</strong>');
    // A departure of one bus says nothing of buses.
    const single = await createDeal(t, token, { seats: 1 });
    expect((await client.get(`/deals/${single.id}`, 'bg')).html).not.toContain('Пътува в');
  });
});
