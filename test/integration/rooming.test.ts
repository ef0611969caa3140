import { execFileSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { departures, travellers } from '../../src/db/schema/index.js';
import { roomsForBooking } from '../../src/domain/rooming/index.js';
import { havePoppler } from '../helpers/documents.js';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
let operator: string;
beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
  operator = (await t.as('operator')).token;
});

/** Two nights at the lake: out on Friday morning, back on Sunday evening (Sofia's time). */
const trip = (overrides: Record<string, unknown> = {}) =>
  createDeparture(t, director, { title: 'Охрид и Струга', departsAt: '2027-10-29T06:30:00+03:00', returnsAt: '2027-10-31T20:00:00+02:00', ...overrides });

type Person = { name: string; birthDate?: string; documentNumber?: string };
/** A booking of these people; answers their traveller ids in order. */
async function book(departureId: number, people: (Person | string)[]): Promise<{ dealId: number; ids: number[] }> {
  const contact = await createContact(t, director);
  const list = people.map((p) => (typeof p === 'string' ? { name: p } : p));
  const deal = await createDeal(t, director, { departureId, contactId: contact.id, seats: list.length, travellers: list });
  return { dealId: deal.id, ids: deal.travellers.map((traveller: { id: number }) => traveller.id) };
}

const rooming = async (departureId: number, token = director) => (await t.call('GET', `/api/v1/departures/${departureId}/rooming`, { token })).body;
const put = (departureId: number, rooms: unknown[], token = director) => t.call('PUT', `/api/v1/departures/${departureId}/rooming`, { token, body: { rooms } });
const shape = (list: { rooms: { type: string; travellerIds: number[] }[] }) => list.rooms.map((room) => [room.type, room.travellerIds]);

/** The single-room supplement sold on the trip, taken by these travellers (set as stored). */
async function singleSupplement(departureId: number, takers: number[]) {
  const extras = [
    { code: 'lunch', label: 'Lunch', priceMinor: 1500, per: 'traveller' },
    { code: 'single', label: 'Single room supplement', priceMinor: 4000, per: 'traveller' },
  ];
  await t.database.db.update(departures).set({ extras: JSON.stringify(extras) }).where(eq(departures.id, departureId)).run();
  for (const id of takers) await t.database.db.update(travellers).set({ extras: JSON.stringify(['lunch', 'single']) }).where(eq(travellers.id, id)).run();
}

describe('the rooming list', () => {
  it('a traveller taken off a booking leaves their room; the rest of the room stays', async () => {
    const d = await trip();
    const family = await book(d.id, ['Иван Петров', 'Мария Петрова', 'Петя Петрова']);
    expect((await put(d.id, [{ type: 'triple', travellerIds: family.ids }])).status).toBe(200);
    const fewer = await t.call('PATCH', `/api/v1/deals/${family.dealId}`, { token: director, body: { travellers: [{ name: 'Иван Петров' }, { name: 'Мария Петрова' }] } });
    expect(fewer.status).toBe(200);
    expect(shape(await rooming(d.id))).toEqual([['triple', family.ids.slice(0, 2)]]);
  });

  it('is saved whole and read back as saved, by anyone signed in; a room given with its id keeps it', async () => {
    const d = await trip();
    const petrovi = await book(d.id, [
      { name: 'Иван Петров', birthDate: '1980-05-12', documentNumber: '0012345' },
      { name: 'Мария Петрова', birthDate: '1982-11-03', documentNumber: '0012346' },
    ]);
    const georgi = await book(d.id, ['Георги Димитров']);

    const empty = await rooming(d.id);
    expect(empty).toMatchObject({ departureId: d.id, nights: 2, rooms: [] });
    expect(empty.unroomed.map((u: any) => [u.id, u.dealId])).toEqual([
      [petrovi.ids[0], petrovi.dealId],
      [petrovi.ids[1], petrovi.dealId],
      [georgi.ids[0], georgi.dealId],
    ]);

    // An operator runs the trip: they place people too.
    const saved = await put(d.id, [{ type: 'double', travellerIds: petrovi.ids }, { type: 'single', travellerIds: georgi.ids }], operator);
    expect(saved.status).toBe(200);
    expect(shape(saved.body)).toEqual([
      ['double', petrovi.ids],
      ['single', georgi.ids],
    ]);
    expect(saved.body.rooms[0].travellers[0]).toEqual({
      id: petrovi.ids[0],
      name: 'Иван Петров',
      birthDate: '1980-05-12',
      documentNumber: '0012345',
      dealId: petrovi.dealId,
      clientName: expect.any(String),
      singleSupplement: false,
    });
    expect(saved.body.unroomed).toEqual([]);
    expect(saved.body.suggestion).toEqual({ rooms: [] });
    expect(await rooming(d.id, operator)).toEqual(saved.body);

    // The double becomes a twin and goes second; the single is left out, so it is gone.
    const [double, single] = saved.body.rooms;
    const changed = await put(d.id, [{ type: 'family', travellerIds: [georgi.ids[0]] }, { id: double.id, type: 'twin', travellerIds: [petrovi.ids[1], petrovi.ids[0]] }]);
    expect(changed.status).toBe(200);
    expect(shape(changed.body)).toEqual([
      ['family', georgi.ids],
      ['twin', [petrovi.ids[1], petrovi.ids[0]]],
    ]);
    expect(changed.body.rooms[1].id).toBe(double.id);
    expect(changed.body.rooms.map((room: any) => room.id)).not.toContain(single.id);

    // An empty list empties it.
    expect((await put(d.id, [])).body).toMatchObject({ rooms: [], unroomed: [{ id: petrovi.ids[0] }, { id: petrovi.ids[1] }, { id: georgi.ids[0] }] });
  });

  it('counts nights as calendar days in the trip\'s zone: none for a day trip or a trip without a return', async () => {
    // Leaves at 23:30 and is back at 07:00 the next morning, Sofia's time: one night on the bus.
    const overnight = await trip({ departsAt: '2027-06-04T23:30:00+03:00', returnsAt: '2027-06-05T07:00:00+03:00' });
    const dayTrip = await trip({ departsAt: '2027-06-04T06:00:00+03:00', returnsAt: '2027-06-04T23:00:00+03:00' });
    const noReturn = await trip({ returnsAt: null });
    expect((await rooming(overnight.id)).nights).toBe(1);
    expect((await rooming(dayTrip.id)).nights).toBe(0);
    expect((await rooming(noReturn.id)).nights).toBe(0);
    expect((await t.call('GET', '/api/v1/departures/999/rooming', { token: director })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/departures/${overnight.id}/rooming`)).status).toBe(401);
  });

  it('refuses a list no hotel can take, naming the field, and changes nothing', async () => {
    const d = await trip();
    const other = await trip({ title: 'Мелник' });
    const family = await book(d.id, ['Анна Иванова', 'Борис Иванов', 'Виктор Иванов']);
    const cancelled = await book(d.id, ['Пенка Колева']);
    const elsewhere = await book(other.id, ['Стоян Стоянов']);
    expect((await t.call('POST', `/api/v1/deals/${cancelled.dealId}/cancel`, { token: director, body: { reason: 'changed plans' } })).status).toBe(200);
    const placed = (await put(d.id, [{ type: 'single', travellerIds: [family.ids[2]] }])).body;
    const [a, b, c] = family.ids as [number, number, number];

    const cases: [string, unknown[], string][] = [
      ['three in a double', [{ type: 'double', travellerIds: [a, b, c] }], 'rooms.0.travellerIds'],
      ['two in a single', [{ type: 'triple', travellerIds: [a] }, { type: 'single', travellerIds: [b, c] }], 'rooms.1.travellerIds'],
      ['a type hotels do not have', [{ type: 'single', travellerIds: [a] }, { type: 'suite', travellerIds: [b] }], 'rooms.1.type'],
      ['an empty room', [{ type: 'double', travellerIds: [a, b] }, { type: 'twin', travellerIds: [] }], 'rooms.1.travellerIds'],
      ['a traveller in two rooms', [{ type: 'double', travellerIds: [a, b] }, { type: 'single', travellerIds: [b] }], 'rooms.1.travellerIds'],
      ['a traveller twice in one room', [{ type: 'twin', travellerIds: [a, a] }], 'rooms.0.travellerIds'],
      ["another trip's traveller", [{ type: 'double', travellerIds: [a, b] }, { type: 'single', travellerIds: elsewhere.ids }], 'rooms.1.travellerIds'],
      ["a cancelled booking's traveller", [{ type: 'family', travellerIds: [a, b, c, ...cancelled.ids] }], 'rooms.0.travellerIds'],
      ['no traveller at all', [{ type: 'single', travellerIds: [999_999] }], 'rooms.0.travellerIds'],
      ['not an id', [{ type: 'single', travellerIds: ['x'] }], 'rooms.0.travellerIds.0'],
      ["another trip's room", [{ id: 999, type: 'single', travellerIds: [a] }], 'rooms.0.id'],
      ['a room twice', [{ id: placed.rooms[0].id, type: 'single', travellerIds: [a] }, { id: placed.rooms[0].id, type: 'single', travellerIds: [b] }], 'rooms.1.id'],
    ];
    for (const [what, rooms, field] of cases) {
      const answer = await put(d.id, rooms);
      expect(answer.status, what).toBe(400);
      expect(answer.body.error.code, what).toBe('validation_failed');
      expect(Object.keys(answer.body.error.details), what).toEqual([field]);
      expect(await rooming(d.id), what).toEqual(placed);
    }
    expect((await put(d.id, [{ type: 'family', travellerIds: family.ids }])).status).toBe(200);
    expect((await t.call('PUT', `/api/v1/departures/${d.id}/rooming`, { token: director, body: { beds: [] } })).body.error.details).toEqual({ rooms: expect.any(String) });
  });

  it('leaves a cancelled booking\'s travellers off the list, and a room only they slept in', async () => {
    const d = await trip();
    const stays = await book(d.id, ['Елена Маринова']);
    const leaves = await book(d.id, ['Калин Райчев', 'Лили Райчева']);
    await put(d.id, [{ type: 'single', travellerIds: stays.ids }, { type: 'double', travellerIds: leaves.ids }]);
    await t.call('POST', `/api/v1/deals/${leaves.dealId}/cancel`, { token: director, body: { reason: 'illness' } });
    const list = await rooming(d.id);
    expect(shape(list)).toEqual([['single', stays.ids]]);
    expect(list.unroomed).toEqual([]);
    // Saving the list as read keeps what it shows.
    expect(shape((await put(d.id, list.rooms.map(({ id, type, travellerIds }: any) => ({ id, type, travellerIds })))).body)).toEqual([['single', stays.ids]]);
  });

  it('suggests rooms that keep each booking together, with a single room for whoever pays the supplement, and applies them', async () => {
    const d = await trip();
    const placedEarlier = await book(d.id, ['Деница Тодорова']);
    const couple = await book(d.id, ['Иван Петров', 'Мария Петрова']);
    const trio = await book(d.id, ['Анна Иванова', 'Борис Иванов', 'Виктор Иванов']);
    const group = await book(d.id, ['Г1', 'Г2', 'Г3', 'Г4', 'Г5', 'Г6', 'Г7']);
    const family = await book(d.id, ['Ф1', 'Ф2', 'Ф3', 'Ф4']);
    const alone = await book(d.id, ['Николай Николов']);
    const cancelled = await book(d.id, ['Отказал се']);
    await t.call('POST', `/api/v1/deals/${cancelled.dealId}/cancel`, { token: director, body: { reason: 'illness' } });
    // Mariya pays the single-room supplement; so does one of the group.
    await singleSupplement(d.id, [couple.ids[1]!, group.ids[6]!]);
    const earlier = (await put(d.id, [{ type: 'twin', travellerIds: placedEarlier.ids }])).body.rooms[0];

    const before = await rooming(d.id);
    expect(before.unroomed.find((u: any) => u.id === couple.ids[1]).singleSupplement).toBe(true);
    expect(before.unroomed.find((u: any) => u.id === couple.ids[0]).singleSupplement).toBe(false);
    const g = group.ids;
    expect(shape(before.suggestion)).toEqual([
      ['single', [couple.ids[1]]],
      ['single', [couple.ids[0]]],
      ['triple', trio.ids],
      ['single', [g[6]]],
      ['family', g.slice(0, 5)],
      ['single', [g[5]]],
      ['family', family.ids],
      ['single', alone.ids],
    ]);
    // Nobody already in a room, nobody of a cancelled booking.
    const suggested = before.suggestion.rooms.flatMap((room: any) => room.travellerIds);
    expect(suggested).not.toContain(placedEarlier.ids[0]);
    expect(suggested).not.toContain(cancelled.ids[0]);

    const applied = await t.call('POST', `/api/v1/departures/${d.id}/rooming/suggest`, { token: operator });
    expect(applied.status).toBe(200);
    expect(shape(applied.body)).toEqual([['twin', placedEarlier.ids], ...shape(before.suggestion)]);
    expect(applied.body.rooms[0].id).toBe(earlier.id);
    expect(applied.body.unroomed).toEqual([]);
    expect(applied.body.suggestion).toEqual({ rooms: [] });
    // Again: nothing left to place, nothing changes.
    expect((await t.call('POST', `/api/v1/departures/${d.id}/rooming/suggest`, { token: director })).body).toEqual(applied.body);
  });

  it('splits a party by the rule: family rooms of five, then the room for those left', () => {
    const party = (n: number, singles: number[] = []) => Array.from({ length: n }, (_, i) => ({ id: i + 1, single: singles.includes(i + 1) }));
    const types = (n: number, singles?: number[]) => roomsForBooking(party(n, singles)).map((room) => `${room.type}:${room.travellerIds.join(',')}`);
    expect(types(1)).toEqual(['single:1']);
    expect(types(2)).toEqual(['double:1,2']);
    expect(types(3)).toEqual(['triple:1,2,3']);
    expect(types(5)).toEqual(['family:1,2,3,4,5']);
    expect(types(6)).toEqual(['family:1,2,3,4,5', 'single:6']);
    expect(types(12)).toEqual(['family:1,2,3,4,5', 'family:6,7,8,9,10', 'double:11,12']);
    expect(types(3, [1, 3])).toEqual(['single:1', 'single:3', 'single:2']);
  });
});

describe("the hotel's list", () => {
  /** Two rooms: the Petrovs in a double, Georgi (supplement) in a single; a document number with its leading zeros. */
  async function listed() {
    const d = await trip();
    const petrovi = await book(d.id, [
      { name: 'Иван Петров', birthDate: '1980-05-12', documentNumber: '0012345' },
      { name: 'Мария Петрова', birthDate: '1982-11-03', documentNumber: 'AB 987654' },
    ]);
    const georgi = await book(d.id, [{ name: 'Георги Димитров', birthDate: '1975-01-30', documentNumber: '646123456' }]);
    await put(d.id, [{ type: 'double', travellerIds: petrovi.ids }, { type: 'twin', travellerIds: georgi.ids }]);
    return d;
  }

  it('downloads as XLSX in the language asked for: rooms, types, names, birth dates, document numbers, totals', async () => {
    const d = await listed();
    const answer = await t.app.request(`/api/v1/departures/${d.id}/rooming.xlsx?lang=bg`, { headers: { Authorization: `Bearer ${operator}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(answer.headers.get('content-disposition') ?? '')).toContain("UTF-8''Охрид и Струга - Списък за настаняване.xlsx");
    const book_ = new ExcelJS.Workbook();
    await book_.xlsx.load(Buffer.from(await answer.arrayBuffer()) as never);
    const sheet = book_.worksheets[0]!;
    expect(sheet.name).toBe('Списък за настаняване');
    const rows = sheet.getSheetValues().slice(1).map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(rows[0]).toEqual(['Стая', 'Вид', 'Име и фамилия', 'Дата на раждане', '№ на документ']);
    expect(rows[1]).toEqual([1, 'Двойна', 'Иван Петров', new Date('1980-05-12T00:00:00Z'), '0012345']);
    expect(rows[2]).toEqual([undefined, undefined, 'Мария Петрова', new Date('1982-11-03T00:00:00Z'), 'AB 987654']);
    expect(rows[3]).toEqual([2, 'Двойна с отделни легла', 'Георги Димитров', new Date('1975-01-30T00:00:00Z'), '646123456']);
    expect(sheet.getCell('D2').numFmt).toBe('dd.mm.yyyy');
    const below = rows.slice(4).flat().filter(Boolean);
    expect(below).toEqual(['2 стаи, 3 души', 'Двойна: 1, Двойна с отделни легла: 1', 'Охрид и Струга', expect.stringMatching(/^Пристигане 29\.10\.2027 г\. · Заминаване 31\.10\.2027 г\. · 2 нощувки$/), 'Балкан Тур']);

    // Without lang: the reader's language.
    const english = await t.app.request(`/api/v1/departures/${d.id}/rooming.xlsx`, { headers: { Authorization: `Bearer ${director}`, 'Accept-Language': 'en' } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await english.arrayBuffer()) as never);
    expect(workbook.worksheets[0]!.getRow(1).values).toEqual([undefined, 'Room', 'Type', 'Name', 'Date of birth', 'Document No']);
    expect(workbook.worksheets[0]!.getCell('B4').value).toBe('Twin');

    const bad = await t.call('GET', `/api/v1/departures/${d.id}/rooming.xlsx?lang=de`, { token: director });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details)).toEqual(['lang']);
    expect((await t.call('GET', `/api/v1/departures/${d.id}/rooming.pdf`)).status).toBe(401);
  });

  it.skipIf(!havePoppler)('prints as PDF: the trip, its dates and the agency, room by room, and the totals', async () => {
    const d = await listed();
    const textOf = async (query: string) => {
      const answer = await t.app.request(`/api/v1/departures/${d.id}/rooming.pdf${query}`, { headers: { Authorization: `Bearer ${director}` } });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/pdf');
      return execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(await answer.arrayBuffer()) }).toString('utf8');
    };
    const ru = await textOf('?lang=ru');
    expect(ru).toContain('Список расселения: Охрид и Струга');
    expect(ru).toMatch(/Заезд 29 окт\. 2027 г\. · Выезд 31 окт\. 2027 г\. · 2 ночи/u);
    expect(ru).toContain('Балкан Тур');
    expect(ru).toMatch(/Номер\s+Тип\s+Фамилия, имя\s+Дата рождения\s+№ документа/u);
    expect(ru).toMatch(/1\s+Двухместный \(DBL\)\s+Иван Петров\s+12\.05\.1980\s+0012345/u);
    expect(ru).toMatch(/Мария Петрова\s+03\.11\.1982\s+AB 987654/u);
    expect(ru).toMatch(/2\s+Двухместный с\s.*Георги Димитров\s+30\.01\.1975\s+646123456/u);
    expect(ru).toContain('2 номера, 3 человека');
    expect(ru).toContain('Страница 1 из 1');

    const en = await textOf('?lang=en');
    expect(en).toContain('Rooming list: Охрид и Струга');
    expect(en).toMatch(/1\s+Double\s+Иван Петров\s+12\/05\/1980\s+0012345/u);
    expect(en).toMatch(/2 rooms, 3 people\s+Double: 1, Twin: 1/u);
  });

  it.skipIf(!havePoppler)('keeps a room on one page when the list runs over several', async () => {
    const d = await trip({ seats: 90 });
    for (let i = 0; i < 30; i++) await book(d.id, [`Турист ${i}А`, `Турист ${i}Б`, `Турист ${i}В`]);
    expect((await t.call('POST', `/api/v1/departures/${d.id}/rooming/suggest`, { token: director })).body.rooms).toHaveLength(30);
    const answer = await t.app.request(`/api/v1/departures/${d.id}/rooming.pdf?lang=bg`, { headers: { Authorization: `Bearer ${director}` } });
    const pages = execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(await answer.arrayBuffer()) })
      .toString('utf8')
      .split('\f')
      .filter((page) => page.trim());
    expect(pages.length).toBeGreaterThan(1);
    for (const [i, page] of pages.entries()) {
      // Every page has the title and the columns, and each room's three travellers on it together.
      expect(page).toContain('Списък за настаняване: Охрид и Струга');
      expect(page).toMatch(/Стая\s+Вид\s+Име и фамилия/u);
      expect(page).toContain(`Страница ${i + 1} от ${pages.length}`);
      for (const [, n] of page.matchAll(/Турист (\d+)А/gu)) expect(page).toContain(`Турист ${n}В`);
    }
    expect(pages.at(-1)).toMatch(/30 стаи, 90 души\s+Тройна: 30/u);
  });
});
