import { beforeEach, describe, expect, it } from 'vitest';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { csrfTokenFor } from '../../src/http/pages/web-session.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let token: string;
beforeEach(async () => {
  t = await makeTestApp();
  token = (await t.as('operator')).token;
});

async function bus(departsAt?: string) {
  const departure = await createDeparture(t, token, { ...(departsAt ? { departsAt } : {}), stops: [{ name: 'София, НДК', offsetMinutes: 0 }, { name: 'Пловдив', offsetMinutes: 90 }] });
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

describe('the bus door without signal', () => {
  const mark = (dealId: number, body: unknown, key?: string) => t.call('POST', `/api/v1/deals/${dealId}/boarding`, { token, body, ...(key ? { headers: { 'Idempotency-Key': key } } : {}) });

  it('a mark with an Idempotency-Key is done once; the key with another request is 409', async () => {
    const { family } = await bus();
    const first = await mark(family.id, { state: 'boarded', travellerIds: [family.travellers[0].id] }, 'phone-1-op-1');
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const at = first.body.travellers[0].boardingAt;
    // Undone on purpose, then the first mark sent again by a phone that lost its answer: not done again.
    await mark(family.id, { state: 'expected', travellerIds: [family.travellers[0].id] });
    const again = await mark(family.id, { state: 'boarded', travellerIds: [family.travellers[0].id] }, 'phone-1-op-1');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.travellers[0].boarding).toBe('expected');
    const other = await mark(family.id, { state: 'no_show', travellerIds: [family.travellers[0].id] }, 'phone-1-op-1');
    expect(other.status).toBe(409);
    expect(at).not.toBeNull();
  });

  it('ifState: a traveller another phone marked since is 409 naming who and how, and nothing is marked', async () => {
    const { family } = await bus();
    const [ivan, maria] = family.travellers;
    const other = await t.as('manager');
    await t.call('POST', `/api/v1/deals/${family.id}/boarding`, { token: other.token, body: { state: 'no_show', travellerIds: [maria.id] } });
    const clash = await mark(family.id, { state: 'boarded', travellerIds: [ivan.id, maria.id], ifState: 'expected' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details).toMatchObject({ reason: 'boarding_changed', travellers: [{ travellerId: maria.id, name: 'Мария Петрова', boarding: 'no_show', boardingBy: expect.stringMatching(/^manager \d+$/) }] });
    const deal = (await t.call('GET', `/api/v1/deals/${family.id}`, { token })).body;
    expect(deal.travellers.map((x: any) => x.boarding)).toEqual(['expected', 'no_show']);
    // The state asked for already there is no clash: two phones agreeing.
    expect((await mark(family.id, { state: 'no_show', travellerIds: [maria.id], ifState: 'expected' })).status).toBe(200);
  });

  it('the phone sends what it kept in one request: each change once, a clash and a refusal reported beside the others', async () => {
    // The bus leaves this morning: the cash taken today is its cash.
    const { departure, family, single } = await bus(new Date(t.now + 2 * 3_600_000).toISOString());
    await pay(t, token, family.id, 39000, { method: 'bank_transfer' });
    const elsewhere = await createDeal(t, token, { departureId: (await createDeparture(t, token)).id, seats: 1, travellers: [{ name: 'Другой Автобус' }] });
    const client = await pageClient(t, DIRECTOR);
    const sync = async (ops: unknown[], headers: Record<string, string> = { 'X-CSRF-Token': csrfTokenFor(client.token!) }) => {
      const response = await t.app.request(`/departures/${departure.id}/boarding/sync`, {
        method: 'POST',
        headers: { Cookie: client.cookie, 'Content-Type': 'application/json', Origin: 'http://localhost', ...headers },
        body: JSON.stringify({ ops }),
      });
      return { status: response.status, body: (await response.json().catch(() => null)) as any };
    };
    const at = new Date(t.now).toISOString();
    const ops = [
      { id: 'op-aaaa-0001', kind: 'mark', dealId: family.id, travellerIds: family.travellers.map((x: any) => x.id), state: 'boarded', ifState: 'expected', at },
      { id: 'op-aaaa-0002', kind: 'cash', dealId: family.id, amountMinor: 6000, at },
      { id: 'op-aaaa-0003', kind: 'mark', dealId: elsewhere.id, travellerIds: [elsewhere.travellers[0].id], state: 'boarded', ifState: 'expected', at },
      { id: 'op-aaaa-0004', kind: 'mark', dealId: single.id, travellerIds: [single.travellers[0].id], state: 'sideways', ifState: 'expected', at },
    ];
    expect((await sync(ops, {})).status).toBe(403);
    expect((await t.call('GET', `/api/v1/deals/${family.id}`, { token })).body.travellers.map((x: any) => x.boarding)).toEqual(['expected', 'expected']);
    const first = await sync(ops);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: any) => [r.id, r.status])).toEqual([
      ['op-aaaa-0001', 'done'],
      ['op-aaaa-0002', 'done'],
      ['op-aaaa-0003', 'refused'],
      ['op-aaaa-0004', 'refused'],
    ]);
    expect(first.body.list.totals).toMatchObject({ total: 4, boarded: 2, noShow: 0, expected: 2, cash: [{ currency: 'EUR', amountMinor: 6000 }] });
    // The answer was lost; the phone sends the same again: nothing twice.
    const again = await sync(ops.slice(0, 2));
    expect(again.body.results.map((r: any) => r.status)).toEqual(['replayed', 'replayed']);
    const deal = (await t.call('GET', `/api/v1/deals/${family.id}`, { token })).body;
    expect(deal.payments.filter((p: any) => p.method === 'cash').map((p: any) => p.amountMinor)).toEqual([6000]);
    expect(deal.balanceMinor).toBe(0);
    expect((await t.call('GET', `/api/v1/deals/${elsewhere.id}`, { token })).body.travellers[0].boarding).toBe('expected');
    // Another phone, offline meanwhile, marked Мария a no-show and took the same balance: both are clashes.
    const late = await sync([
      { id: 'op-bbbb-0001', kind: 'mark', dealId: family.id, travellerIds: [family.travellers[1].id], state: 'no_show', ifState: 'expected', at },
      { id: 'op-bbbb-0002', kind: 'cash', dealId: family.id, amountMinor: 6000, at },
    ]);
    expect(late.body.results).toMatchObject([
      { status: 'conflict', reason: 'boarding_changed', travellers: [{ name: 'Мария Петрова', boarding: 'boarded' }] },
      { status: 'conflict', reason: 'exceeds_balance' },
    ]);
    expect(late.body.results[0].message).toMatch(/Мария Петрова/);
    expect((await t.call('GET', `/api/v1/deals/${family.id}`, { token })).body.payments.filter((p: any) => p.method === 'cash')).toHaveLength(1);
    // Not JSON, or not a list of changes: 400, nothing done.
    const bad = await sync('nope' as unknown as unknown[]);
    expect(bad.status).toBe(400);
  });

  it('without JavaScript: the whole booking in one tap, a stale page is told, the search says nobody is on this bus', async () => {
    const { departure, family } = await bus();
    const client = await pageClient(t, DIRECTOR);
    const back = `/departures/${departure.id}/boarding#t${family.travellers[0].id}`;
    const page = await client.get(`/departures/${departure.id}/boarding`, 'ru');
    expect(page.html).toContain('Посадить всю бронь (2)');
    expect(page.html).toContain('Снять отметку');
    expect(page.html).toContain('Не явилась');
    const all = await client.post(`/deals/${family.id}/boarding`, { travellerIds: family.travellers.map((x: any) => x.id).join(','), state: 'boarded', ifState: 'expected', back });
    expect(all.location).toBe(`/departures/${departure.id}/boarding?done=boarding_boarded#t${family.travellers[0].id}`);
    const stale = await client.post(`/deals/${family.id}/boarding`, { travellerId: String(family.travellers[1].id), state: 'no_show', ifState: 'expected', back });
    expect(stale.location).toBe(`/departures/${departure.id}/boarding?done=boardingChanged#t${family.travellers[0].id}`);
    expect((await t.call('GET', `/api/v1/deals/${family.id}`, { token })).body.travellers.map((x: any) => x.boarding)).toEqual(['boarded', 'boarded']);
    const told = await client.get(`/departures/${departure.id}/boarding?done=boardingChanged`, 'ru');
    expect(told.html).toContain('отметили на другом телефоне');
    const nobody = await client.get(`/departures/${departure.id}/boarding?q=${encodeURIComponent('Шекспир')}`, 'bg');
    expect(nobody.html).toContain('В този автобус няма никой с такова име.');
    expect(nobody.html).not.toContain('добавете');
  });

  it('signing out takes from the phone what it kept for use without signal', async () => {
    const client = await pageClient(t, DIRECTOR);
    const out = await t.app.request('/logout', {
      method: 'POST',
      headers: { Cookie: client.cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
      body: new URLSearchParams({ _csrf: csrfTokenFor(client.token!) }).toString(),
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('clear-site-data')).toBe('"cache", "storage"');
    const worker = await t.app.request('/sw.js');
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toMatch(/javascript/);
    expect(await worker.text()).toContain('BOARDING_PAGE');
    expect((await t.app.request('/assets/jsqr.js')).status).toBe(200);
  });

  it("the scanner asks which bus a voucher is for", async () => {
    const { departure, family } = await bus();
    const client = await pageClient(t, DIRECTOR);
    const answer = await t.app.request(`/v/${family.reference}`, { headers: { Cookie: client.cookie, Accept: 'application/json' } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ reference: family.reference, dealId: family.id, departureId: departure.id, title: departure.title });
  });
});
