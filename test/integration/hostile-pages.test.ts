import { beforeAll, describe, expect, it } from 'vitest';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';
import { pageClient } from '../helpers/pages.js';

/**
 * Every page, in every language, over data holding what nobody expects: codes the catalogue
 * has never heard of (written straight into the database, as an older or newer version, an
 * import or a hand edit could leave them), markup in names, very long text and emoji.
 */
const MARKUP = '<script>alert(1)</script><b onmouseover="x()">Иван</b>';
const EMOJI = '👨‍👩‍👧 Семейство Петрови 🚌';
const LONG = 'Дълъг текст '.repeat(834).slice(0, 10_000);
const LANGUAGES = ['en', 'ru', 'bg'];

let t: TestApp;
let paths: string[];
let cardPath: string;
let cancelledDealPath: string;

beforeAll(async () => {
  t = await makeTestApp();
  const { token } = await t.as('director');
  const departure = await createDeparture(t, token, { title: `${MARKUP} ${EMOJI}`, meetingPoint: `${MARKUP} НДК`, destination: EMOJI });
  const contact = await createContact(t, token, { name: MARKUP, notes: LONG, tags: ['регулярен <i>', EMOJI] });
  const other = await createContact(t, token, { name: `${EMOJI} ${'я'.repeat(150)}` });
  const deal = await createDeal(t, token, {
    departureId: departure.id,
    contactId: contact.id,
    seats: 3,
    travellers: [{ name: MARKUP }, { name: EMOJI, documentNumber: '<img src=x>' }],
  });
  const second = await createDeal(t, token, { departureId: departure.id, contactId: other.id, seats: 1 });
  await pay(t, token, deal.id, 5000, { method: 'наложен платеж <u>', note: LONG.slice(0, 1000) });
  await pay(t, token, second.id, 15000, { method: 'card' });
  expect((await t.call('POST', `/api/v1/deals/${second.id}/voucher/send`, { token })).status).toBe(200);
  expect((await t.call('POST', `/api/v1/deals/${second.id}/cancel`, { token, body: { reason: `${MARKUP} ${LONG.slice(0, 900)}` } })).status).toBe(200);
  const talk = await t.call('POST', `/api/v1/contacts/${contact.id}/communications`, {
    token,
    body: { channel: 'call', summary: `${MARKUP}\n${LONG.slice(0, 9000)}`, nextContactAt: '2026-11-21T10:00:00Z' },
  });
  expect(talk.status, JSON.stringify(talk.body)).toBe(201);
  // The reported case: an anonymous post with a source the catalogue does not know.
  expect(
    (await t.call('POST', '/api/v1/public/inquiries', { body: { name: 'Site visitor', email: 'v@example.com', message: 'hi', source: 'tiktok' } }))
      .status,
  ).toBe(202);
  const desk = await t.call('POST', '/api/v1/inquiries', { token, body: { name: EMOJI, phone: '+359881000999', message: LONG, source: 'tiktok' } });
  expect(desk.status).toBe(201);
  const inquiryId = desk.body.inquiry.id as number;
  await t.call('POST', `/api/v1/inquiries/${inquiryId}/status`, { token, body: { status: 'refused', reason: 'other', note: MARKUP } });

  // Codes no version of the catalogue words, straight into the rows pages read.
  const sql = t.database.sqlite;
  await sql.prepare(`UPDATE inquiries SET source = 'telepathy <b>', reason = 'alien_abduction' WHERE id = ?`).run(inquiryId);
  await sql.prepare(`UPDATE inquiry_events SET kind = CASE WHEN kind = 'message' THEN 'teleported' ELSE kind END, reason = 'mystery', source = 'fax', to_status = CASE WHEN to_status = 'refused' THEN 'vanished' ELSE to_status END WHERE inquiry_id = ?`).run(inquiryId);
  await sql.prepare(`UPDATE communications SET channel = 'carrier_pigeon'`).run();
  await sql.prepare(`UPDATE contacts SET tags = ? WHERE id = ?`).run(JSON.stringify(['vip_gold', MARKUP, EMOJI]), contact.id);
  await sql.prepare(`UPDATE payments SET method = 'barter', kind = CASE WHEN kind = 'payment' THEN kind ELSE 'gift' END WHERE deal_id = ?`).run(second.id);
  await sql.prepare(`UPDATE deal_history SET note = ?, from_status = CASE WHEN from_status IS NULL THEN NULL ELSE 'limbo' END`).run(MARKUP);
  await sql.prepare(`UPDATE notifications SET kind = 'carrier_note', status = 'lost_in_post', error = ?`).run(MARKUP);
  await sql.prepare(`UPDATE users SET locale = NULL`).run();

  cardPath = `/contacts/${contact.id}`;
  cancelledDealPath = `/deals/${second.id}`;
  paths = [
    '/',
    '/departures',
    '/departures?when=past',
    '/departures/new',
    `/departures/${departure.id}/edit`,
    `/departures/${departure.id}`,
    `/departures/${departure.id}?status=cancelled`,
    `/departures/${departure.id}?q=${encodeURIComponent('<script>')}`,
    `/deals/${deal.id}`,
    `/deals/${second.id}`,
    '/contacts',
    `/contacts?q=${encodeURIComponent(EMOJI)}`,
    `/contacts/${contact.id}`,
    `/contacts/${other.id}`,
    '/inquiries',
    `/inquiries/${inquiryId}`,
    '/reports',
    '/users',
    `/?done=${encodeURIComponent('<script>')}`,
    `/deals/${deal.id}/voucher.pdf`,
    `/departures/${departure.id}/manifest.pdf`,
    `/departures/${departure.id}/manifest.csv`,
    `/departures/${departure.id}/manifest.xlsx`,
    '/reports/export/departures?format=xlsx',
    '/reports/export/departures?format=csv',
    `/reports/export/departures/${departure.id}?format=xlsx`,
    '/reports/export/funnel?format=xlsx',
  ];
});

describe('pages over unexpected and hostile values', () => {
  it('the reported case: an unknown inquiry source no longer breaks the board or the inquiry', async () => {
    const { get } = await pageClient(t, DIRECTOR);
    const board = await get('/inquiries', 'bg');
    expect(board.status).toBe(200);
    expect(board.html).toContain('telepathy &lt;b&gt;');
  });

  for (const lang of LANGUAGES) {
    it(`renders every page in ${lang} with no 5xx, markup escaped, unknown codes shown as given`, async () => {
      const { get } = await pageClient(t, DIRECTOR);
      for (const path of paths) {
        const answer = await get(path, lang);
        expect(answer.status, `${path} in ${lang}: ${answer.html.slice(0, 300)}`).toBe(200);
        if (answer.headers.get('content-type')?.includes('text/html')) {
          expect(answer.html, `${path} in ${lang}`).not.toContain('<script>alert(1)');
          expect(answer.html, `${path} in ${lang}`).not.toContain('<b onmouseover');
        }
      }
      const card = (await get(cardPath, lang)).html;
      for (const given of ['vip_gold', 'carrier_pigeon']) expect(card.includes(given), given).toBe(true);
      const deal = (await get(cancelledDealPath, lang)).html;
      for (const given of ['barter', 'lost_in_post', 'carrier_note']) expect(deal.includes(given), given).toBe(true);
    });
  }
});

describe('caching', () => {
  it('every signed-in page, document and API answer says no-store; the static assets may be cached', async () => {
    const { get } = await pageClient(t, DIRECTOR);
    for (const path of paths) expect((await get(path)).headers.get('cache-control'), path).toBe('no-store');
    const token = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    for (const path of ['/api/v1/contacts', '/api/v1/contacts/1', '/api/v1/deals/1', '/api/v1/worklists/my-day', '/api/v1/session']) {
      expect((await t.call('GET', path, { token })).headers.get('cache-control'), path).toBe('no-store');
    }
    expect((await t.call('GET', '/api/v1/contacts/999999', { token })).headers.get('cache-control')).toBe('no-store');
    expect((await t.app.request('/login')).headers.get('cache-control')).toBe('no-store');
    expect((await t.app.request('/assets/app.css')).headers.get('cache-control')).toContain('max-age');
  });
});

describe('well-made pages', () => {
  it('every page is an HTML5 document with a skip link to its content; answers are compressed for clients that take it', async () => {
    const { get, cookie } = await pageClient(t, DIRECTOR);
    for (const path of paths.filter((p) => !/\.(pdf|csv|xlsx)$|export/.test(p))) {
      const answer = await get(path, 'bg');
      expect(answer.html.startsWith('<!DOCTYPE html><html lang="bg">'), path).toBe(true);
      expect(answer.html, path).toContain('<a class="skip" href="#main">');
      expect(answer.html, path).toContain('<main id="main"');
    }
    const login = await (await t.app.request('/login')).text();
    expect(login.startsWith('<!DOCTYPE html>')).toBe(true);
    const zipped = await t.app.request('/departures', { headers: { Cookie: cookie, 'Accept-Encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
  });
});
