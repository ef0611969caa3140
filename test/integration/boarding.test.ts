import { beforeEach, describe, expect, it } from 'vitest';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let token: string;
beforeEach(async () => {
  t = await makeTestApp();
  token = (await t.as('operator')).token;
});

async function bus() {
  const departure = await createDeparture(t, token, { stops: [{ name: 'София, НДК', offsetMinutes: 0 }, { name: 'Пловдив', offsetMinutes: 90 }] });
  const [sofia, plovdiv] = departure.stops;
  const family = await createDeal(t, token, {
    departureId: departure.id,
    stopId: plovdiv.id,
    seats: 3,
    contactId: (await createContact(t, token, { name: 'Иван Петров', phone: '+359888111222' })).id,
    travellers: [{ name: 'Иван Петров' }, { name: 'Мария Петрова' }],
  });
  const single = await createDeal(t, token, { departureId: departure.id, stopId: sofia.id, seats: 1, travellers: [{ name: 'Стоян Колев' }] });
  return { departure, sofia, plovdiv, family, single };
}

describe('boarding at the door', () => {
  it('lists travellers by stop with phone, balance to collect and counts; unnamed seats are shown, not tickable', async () => {
    const { departure, family } = await bus();
    const list = (await t.call('GET', `/api/v1/departures/${departure.id}/boarding`, { token })).body;
    expect(list.stops.map((s: any) => [s.stop.name, s.total, s.boarded, s.noShow])).toEqual([['София, НДК', 1, 0, 0], ['Пловдив', 3, 0, 0]]);
    const plovdiv = list.stops[1].travellers;
    expect(plovdiv.map((r: any) => r.name)).toEqual(['Иван Петров', 'Мария Петрова', '']);
    expect(plovdiv[0]).toMatchObject({ dealId: family.id, phone: '+359888111222', balanceMinor: 45000, boarding: 'expected', reference: family.reference });
    expect(plovdiv[1].balanceMinor).toBe(0);
    expect(plovdiv[2].travellerId).toBeNull();
  });

  it('marks all of a booking or the named travellers; a traveller of another booking is 400 and changes nothing', async () => {
    const { departure, family, single } = await bus();
    const all = await t.call('POST', `/api/v1/deals/${family.id}/boarding`, { token, body: { state: 'boarded' } });
    expect(all.status).toBe(200);
    expect(all.body.travellers.map((x: any) => x.boarding)).toEqual(['boarded', 'boarded']);
    const wrong = await t.call('POST', `/api/v1/deals/${family.id}/boarding`, { token, body: { state: 'no_show', travellerIds: [single.travellers[0].id] } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toHaveProperty('travellerIds');
    await t.call('POST', `/api/v1/deals/${family.id}/boarding`, { token, body: { state: 'expected', travellerIds: [family.travellers[1].id] } });
    const list = (await t.call('GET', `/api/v1/departures/${departure.id}/boarding`, { token })).body;
    expect(list.stops[1]).toMatchObject({ boarded: 1, noShow: 0 });
    // Correcting a name keeps who boarded.
    await t.call('PATCH', `/api/v1/deals/${family.id}`, { token, body: { travellers: [{ name: 'Иван Петров-Колев' }, { name: 'Мария Петрова' }] } });
    const after = (await t.call('GET', `/api/v1/deals/${family.id}`, { token })).body;
    expect(after.travellers.map((x: any) => [x.id, x.boarding])).toEqual([[family.travellers[0].id, 'boarded'], [family.travellers[1].id, 'expected']]);
  });

  it('finds a booking by name, phone or its voucher reference; a forged reference finds nothing', async () => {
    const { departure, family, single } = await bus();
    const find = async (q: string) =>
      (await t.call('GET', `/api/v1/departures/${departure.id}/boarding?q=${encodeURIComponent(q)}`, { token })).body.stops.flatMap((s: any) => s.travellers.map((r: any) => r.dealId));
    expect(new Set(await find('мария'))).toEqual(new Set([family.id]));
    expect(new Set(await find('0888 111 222'))).toEqual(new Set([family.id]));
    expect(new Set(await find(single.reference))).toEqual(new Set([single.id]));
    const forged = single.reference.slice(0, -1) + (single.reference.endsWith('0') ? '1' : '0');
    expect(await find(forged)).toEqual([]);
    expect((await t.call('GET', `/api/v1/deals?reference=${single.reference}`, { token })).body.items.map((d: any) => d.id)).toEqual([single.id]);
    expect((await t.call('GET', `/api/v1/deals?reference=${forged}`, { token })).body.items).toEqual([]);
    expect((await t.call('GET', `/api/v1/deals?reference=TD-${String(single.id).padStart(6, '0')}-000000`, { token })).body.items).toEqual([]);
  });

  it('the page marks with a form post and collects the balance at the door once, however often it is tapped', async () => {
    const { departure, family } = await bus();
    await pay(t, token, family.id, 39000); // 60,00 € left
    const client = await pageClient(t, DIRECTOR);
    const page = await client.get(`/departures/${departure.id}/boarding`, 'bg');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Пловдив');
    expect(page.html).toContain('href="tel:+359888111222"');
    expect(page.html).toMatch(/Събери 60,00\s€ в брой/u);
    const post = async (path: string, form: Record<string, string>) => {
      const { status, location } = await client.post(path, form);
      return { status, location };
    };
    const back = `/departures/${departure.id}/boarding`;
    const marked = await post(`/deals/${family.id}/boarding`, { travellerId: String(family.travellers[0].id), state: 'boarded', back });
    expect(marked).toEqual({ status: 303, location: `${back}?done=boarding_boarded` });
    const key = /name="idempotencyKey" value="(door-[^"]+)"/.exec(page.html)![1]!;
    for (let i = 0; i < 3; i++) expect((await post(`/deals/${family.id}/payments`, { amount: '60.00', method: 'cash', idempotencyKey: key, back })).status).toBe(303);
    const deal = (await t.call('GET', `/api/v1/deals/${family.id}`, { token })).body;
    expect(deal).toMatchObject({ paidMinor: 45000, balanceMinor: 0, status: 'fully_paid' });
    expect(deal.payments.filter((p: any) => p.method === 'cash')).toHaveLength(2);
    const director = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    const report = (await t.call('GET', `/api/v1/reports/departures/${departure.id}`, { token: director })).body;
    expect(report.collectedMinor).toBe(45000);
  });
});

describe("the voucher's QR code", () => {
  it('holds a link to the booking on the desk; signed in, it opens that booking at the door; forged, it finds nothing', async () => {
    const { voucherOf } = await import('../../src/domain/deals/index.js');
    const { departure, family } = await bus();
    const voucher = await voucherOf({ ...t.ctx(), agency: { ...t.ctx().agency, publicUrl: 'https://desk.agency.test' } }, family.id);
    expect(voucher.data.qr).toBe(`https://desk.agency.test/v/${family.reference}`);
    const client = await pageClient(t, DIRECTOR);
    const opened = await t.app.request(`/v/${family.reference}`, { headers: { Cookie: client.cookie } });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/departures/${departure.id}/boarding?q=${encodeURIComponent(family.reference)}`);
    const page = await client.get(opened.headers.get('location')!, 'bg');
    expect(page.html).toContain('Мария Петрова');
    expect(page.html).not.toContain('Стоян Колев');
    const forged = await client.get(`/v/${family.reference.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'))}`, 'bg');
    expect(forged.status).toBe(404);
    const stranger = await t.app.request(`/v/${family.reference}`);
    expect(stranger.status).toBe(303);
    expect(stranger.headers.get('location')).toMatch(/^\/login/);
  });
});
