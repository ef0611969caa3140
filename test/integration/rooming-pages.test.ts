import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
const OPERATOR = { email: 'operator2@agency.test', password: 'password-123' };

beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
  await t.as('operator');
});

async function book(departureId: number, names: string[]) {
  const contact = await createContact(t, director, { name: `${names[0]} (клиент)` });
  const deal = await createDeal(t, director, { departureId, contactId: contact.id, seats: names.length, travellers: names.map((name) => ({ name })) });
  return { dealId: deal.id as number, ids: deal.travellers.map((traveller: { id: number }) => traveller.id) as number[] };
}

/** A two-night trip with a couple and a family of three, nobody in a room yet. */
async function seed() {
  const d = await createDeparture(t, director, { title: 'Охрид и Струга', departsAt: '2027-10-29T06:30:00+03:00', returnsAt: '2027-10-31T20:00:00+02:00' });
  const couple = await book(d.id, ['Иван Петров', 'Мария Петрова']);
  const family = await book(d.id, ['Анна Иванова', 'Борис Иванов', 'Виктор Иванов']);
  return { d, couple, family };
}

const api = async (departureId: number) => (await t.call('GET', `/api/v1/departures/${departureId}/rooming`, { token: director })).body;
/** The rooms as the page lists them: type and the names in each card. */
const cards = (html: string) =>
  [...html.matchAll(/<li class="card" id="room-(\d+)" data-room="\d+" data-type="(\w+)">([\s\S]*?)<\/li>\s*(?=<li class="card"|<\/ul>)/g)].map((m) => ({
    id: Number(m[1]),
    type: m[2],
    names: [...m[3]!.matchAll(/<li data-traveller="\d+">([^<]+)/g)].map((n) => n[1]!.trim()),
  }));

describe('the rooming list page', () => {
  it('shows who has no room by booking and the suggestion; applying it puts everyone in rooms, in Bulgarian', async () => {
    const { d, couple, family } = await seed();
    const client = await pageClient(t, OPERATOR);
    const page = await client.get(`/departures/${d.id}/rooming`, 'bg');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="bg"');
    expect(page.html).toContain('Настаняване: Охрид и Струга');
    expect(page.html).toMatch(/Пристигане 29\.10\.2027 г\. · Заминаване 31\.10\.2027 г\. · 2 нощувки/u);
    expect(page.html).toContain('Още няма стаи.');
    // The unroomed, booking by booking, each booking linked.
    const unroomed = page.html.slice(page.html.indexOf('data-unroomed'), page.html.indexOf('id="add"'));
    expect(unroomed).toContain(`href="/deals/${couple.dealId}"`);
    expect(unroomed.indexOf('Иван Петров')).toBeLessThan(unroomed.indexOf('Анна Иванова'));
    // The suggestion in words, and its button.
    const suggestion = page.html.slice(page.html.indexOf('data-suggestion'), page.html.indexOf('data-suggestion') + 2000);
    expect(suggestion).toContain('Предложено настаняване');
    expect(suggestion).toMatch(/<strong>Двойна<\/strong>: Иван Петров, Мария Петрова/u);
    expect(suggestion).toMatch(/<strong>Тройна<\/strong>: Анна Иванова, Борис Иванов, Виктор Иванов/u);
    expect(suggestion).toContain(`action="/departures/${d.id}/rooming/suggest"`);
    expect(suggestion).toContain('Настани според предложението');
    // The hotel's list, in a language chosen on the page.
    expect(page.html).toContain(`action="/departures/${d.id}/rooming.xlsx"`);
    expect(page.html).toContain(`formaction="/departures/${d.id}/rooming.pdf"`);
    expect(page.html).toMatch(/<option value="bg" selected="">Български<\/option>/u);

    const applied = await client.post(`/departures/${d.id}/rooming/suggest`, {});
    expect(applied.status).toBe(303);
    expect(applied.location).toBe(`/departures/${d.id}/rooming?done=roomsSuggested&count=2`);
    const after = await client.get(applied.location!, 'bg');
    expect(after.html).toContain('Добавени са 2 стаи.');
    expect(cards(after.html).map(({ type, names }) => [type, names])).toEqual([
      ['double', ['Иван Петров', 'Мария Петрова']],
      ['triple', ['Анна Иванова', 'Борис Иванов', 'Виктор Иванов']],
    ]);
    expect(after.html).toContain('Всички са настанени.');
    expect(after.html).not.toContain('data-suggestion');
    expect(after.html).toContain('2 стаи, 5 души · Двойна: 1, Тройна: 1');
    expect(shapeOf(await api(d.id))).toEqual([
      ['double', couple.ids],
      ['triple', family.ids],
    ]);
  });

  it('adds a room from the ticked travellers, changes its type, moves a traveller and removes a room, without JavaScript', async () => {
    const { d, couple, family } = await seed();
    const client = await pageClient(t, DIRECTOR);
    const form = (await client.get(`/departures/${d.id}/rooming`, 'en')).html;
    expect(form).toContain(`action="/departures/${d.id}/rooming/rooms"`);
    expect(form).toContain(`name="t${couple.ids[0]}"`);

    const added = await client.post(`/departures/${d.id}/rooming/rooms`, { type: 'double', [`t${couple.ids[0]}`]: '1', [`t${couple.ids[1]}`]: '1' }, 'en');
    expect(added.location).toBe(`/departures/${d.id}/rooming?done=roomAdded`);
    const [double] = (await api(d.id)).rooms;
    expect(double).toMatchObject({ type: 'double', travellerIds: couple.ids });

    // The family in a triple, then the couple's room becomes a twin.
    await client.post(`/departures/${d.id}/rooming/rooms`, { type: 'triple', ...Object.fromEntries(family.ids.map((id) => [`t${id}`, '1'])) });
    const retyped = await client.post(`/departures/${d.id}/rooming/rooms/${double.id}/type`, { type: 'twin' }, 'en');
    expect(retyped.location).toBe(`/departures/${d.id}/rooming?done=roomChanged`);
    expect((await client.get(retyped.location!, 'en')).html).toContain('Room type changed.');

    // Viktor moves out of the family's triple into a room of his own... which is not one yet: no room.
    const moved = await client.post(`/departures/${d.id}/rooming/move`, { travellerId: String(family.ids[2]), roomId: '' });
    expect(moved.status).toBe(303);
    let list = await api(d.id);
    expect(shapeOf(list)).toEqual([
      ['twin', couple.ids],
      ['triple', family.ids.slice(0, 2)],
    ]);
    expect(list.unroomed.map((u: any) => u.id)).toEqual([family.ids[2]]);
    // ...and back into the triple.
    const triple = list.rooms[1];
    await client.post(`/departures/${d.id}/rooming/move`, { travellerId: String(family.ids[2]), roomId: String(triple.id) });
    expect(shapeOf(await api(d.id))).toEqual([
      ['twin', couple.ids],
      ['triple', family.ids],
    ]);

    const page = (await client.get(`/departures/${d.id}/rooming`, 'en')).html;
    expect(cards(page)).toEqual([
      { id: double.id, type: 'twin', names: ['Иван Петров', 'Мария Петрова'] },
      { id: triple.id, type: 'triple', names: ['Анна Иванова', 'Борис Иванов', 'Виктор Иванов'] },
    ]);
    expect(page).toContain('Room 1 · Twin');
    expect(page).toContain('Everyone is in a room: take someone out of their room to put them in a new one.');

    const removed = await client.post(`/departures/${d.id}/rooming/rooms/${double.id}/remove`, {});
    expect(removed.location).toBe(`/departures/${d.id}/rooming?done=roomRemoved`);
    list = await api(d.id);
    expect(shapeOf(list)).toEqual([['triple', family.ids]]);
    expect(list.unroomed.map((u: any) => u.id)).toEqual(couple.ids);
    // Removing it again (the form sent twice) changes nothing.
    expect((await client.post(`/departures/${d.id}/rooming/rooms/${double.id}/remove`, {})).status).toBe(303);
    expect(shapeOf(await api(d.id))).toEqual([['triple', family.ids]]);
  });

  it('refuses a change the list cannot take beside its form, in the reader\'s language, and keeps what was chosen', async () => {
    const { d, couple, family } = await seed();
    const client = await pageClient(t, DIRECTOR);
    const before = await api(d.id);

    const crowded = await client.post(`/departures/${d.id}/rooming/rooms`, { type: 'double', ...Object.fromEntries(family.ids.map((id) => [`t${id}`, '1'])) }, 'bg');
    expect(crowded.status).toBe(400);
    expect(crowded.html).toMatch(/<p class="error" role="alert">В тази стая спят най-много 2 туристи<\/p>/u);
    expect(crowded.html).toMatch(new RegExp(`name="t${family.ids[0]}" value="1" checked=""`));
    expect(crowded.html).toMatch(new RegExp(`name="t${couple.ids[0]}" value="1"/>`));
    expect(crowded.html).toMatch(/<option value="double" selected="">Двойна<\/option>/u);

    const nobody = await client.post(`/departures/${d.id}/rooming/rooms`, { type: 'single' }, 'ru');
    expect(nobody.status).toBe(400);
    expect(nobody.html).toContain('Выберите хотя бы одного туриста');

    const badType = await client.post(`/departures/${d.id}/rooming/rooms`, { type: 'suite', [`t${couple.ids[0]}`]: '1' }, 'en');
    expect(badType.status).toBe(400);
    expect(badType.html).toContain('Choose one of the options');
    expect(await api(d.id)).toEqual(before);

    // Into a full room: the move form says so.
    await client.post(`/departures/${d.id}/rooming/rooms`, { type: 'single', [`t${couple.ids[0]}`]: '1' });
    const single = (await api(d.id)).rooms[0];
    const full = await client.post(`/departures/${d.id}/rooming/move`, { travellerId: String(couple.ids[1]), roomId: String(single.id) }, 'en');
    expect(full.status).toBe(400);
    const moveForm = full.html.slice(full.html.indexOf(`data-traveller="${couple.ids[1]}"`));
    expect(moveForm.slice(0, moveForm.indexOf('</li>'))).toContain('This room sleeps one traveller');
    expect(shapeOf(await api(d.id))).toEqual([['single', [couple.ids[0]]]]);
  });

  it('downloads the hotel\'s list with the session cookie, and the departure page links here only for a trip with nights', async () => {
    const { d } = await seed();
    const dayTrip = await createDeparture(t, director, { title: 'Рилски манастир', departsAt: '2027-06-04T06:00:00+03:00', returnsAt: '2027-06-04T21:00:00+03:00' });
    const client = await pageClient(t, OPERATOR);
    await client.post(`/departures/${d.id}/rooming/suggest`, {});

    const xlsx = await client.get(`/departures/${d.id}/rooming.xlsx?lang=ru`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const pdf = await client.get(`/departures/${d.id}/rooming.pdf?lang=en`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const response = await t.app.request(`/departures/${d.id}/rooming.xlsx?lang=ru`, { headers: { Cookie: client.cookie } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    expect(workbook.worksheets[0]!.getCell('B2').value).toBe('Двухместный (DBL)');
    // Signed out: to the sign-in page.
    expect((await t.app.request(`/departures/${d.id}/rooming`)).status).toBe(303);

    const roster = (await client.get(`/departures/${d.id}`, 'bg')).html;
    expect(roster).toContain(`href="/departures/${d.id}/rooming"`);
    expect(roster).toContain('Настаняване');
    expect((await client.get(`/departures/${dayTrip.id}`, 'bg')).html).not.toContain('/rooming"');
    const dayPage = await client.get(`/departures/${dayTrip.id}/rooming`, 'en');
    expect(dayPage.status).toBe(200);
    expect(dayPage.html).toContain('This trip spends no night away');
  });
});

function shapeOf(list: { rooms: { type: string; travellerIds: number[] }[] }) {
  return list.rooms.map((room) => [room.type, room.travellerIds]);
}
