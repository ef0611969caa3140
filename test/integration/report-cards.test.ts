import { beforeEach, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/i18n/index.js';
import { createDeal, createDeparture, pay } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;

beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
});

const eur = (minor: number) => formatMoney('bg', minor, 'EUR');

describe('reports on a phone', () => {
  it('renders each trip as a card with collected, owed and margin first, beside the table the desktop keeps', async () => {
    const rila = await createDeparture(t, director, { title: 'Рила', departsAt: '2026-12-10T07:00:00+02:00', seats: 30, costs: [{ label: 'Автобус', amountMinor: 50_000 }] });
    const deal = await createDeal(t, director, { departureId: rila.id, seats: 2 }); // 300,00
    await pay(t, director, deal.id, 12_000);
    const client = await pageClient(t, DIRECTOR);
    const page = await client.get('/reports?from=2026-12-01&to=2026-12-31', 'bg');
    expect(page.status).toBe(200);
    const html = page.html;

    // The desktop's table is still there, and the phone's card comes after it.
    expect(html).toContain(`<tr data-departure="${rila.id}">`);
    const start = html.indexOf(`data-trip-card="${rila.id}"`);
    expect(start).toBeGreaterThan(html.indexOf(`<tr data-departure="${rila.id}">`));
    const card = html.slice(start, html.indexOf('</li>', start));
    expect(card).toContain(`href="/departures/${rila.id}"`);
    // Collected, owed, margin, in that order, before the rest (seats, contracted, costs).
    const order = ['Събрано', 'За събиране', 'Марж', 'Заети', 'По договори', 'Разходи'].map((word) => card.indexOf(`<dt>${word}</dt>`));
    expect(order.every((at) => at > -1)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(card).toContain(`<dd>${eur(12_000)}</dd>`);
    expect(card).toContain(`<dd>${eur(18_000)}</dd>`);
    // The margin is a loss (300 contracted, 500 costs): marked so.
    expect(card).toMatch(new RegExp(`<div class="loss" data-margin="-20000"><dt>Марж</dt><dd>${eur(-20_000).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</dd>`));
    expect(card).toContain('2 / 30');
    // A totals card per currency closes the list.
    expect(html).toContain('data-total-card="EUR"');

    // The charts: the wide drawing and, for a phone, a row of words over a bar per trip.
    const rows = html.slice(html.indexOf('<div class="chart-rows"'));
    expect(html).toContain('<svg class="chart"');
    expect(rows).toContain('<span class="chart-label">Рила · ');
    expect(rows).toContain('<span class="chart-value">2 / 30</span>');
    expect(rows).toMatch(/<svg class="chart-bar" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true"/);
  });

  it('shows no cards for a period without trips', async () => {
    const client = await pageClient(t, DIRECTOR);
    const page = await client.get('/reports?from=2030-01-01&to=2030-01-31', 'ru');
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('class="trip-cards"');
  });
});
