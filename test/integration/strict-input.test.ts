import { beforeEach, describe, expect, it } from 'vitest';
import { feedbackToken } from '../../src/domain/aftercare/index.js';
import { createContact, createDeal } from '../helpers/factories.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
});

const ratings = async () => await t.database.sqlite.prepare('SELECT rating FROM feedback').all() as { rating: number }[];

describe('a trip rating is a whole number of stars from 1 to 5, and nothing else', () => {
  it('the API refuses true, [5], "5", 4.5, 0, 6 and null naming rating, records nothing, then takes 4', async () => {
    const client = await createContact(t, director, { locale: 'bg' });
    const deal = await createDeal(t, director, { contactId: client.id });
    const link = `/api/v1/public/feedback/${await feedbackToken(t.ctx(), deal.id)}`;
    for (const rating of [true, [5], '5', 4.5, 0, 6, null, { stars: 5 }]) {
      const answer = await t.call('POST', link, { body: { rating, comment: 'хубаво' } });
      expect(answer.status, JSON.stringify(rating)).toBe(400);
      expect(Object.keys(answer.body.error.details)).toEqual(['rating']);
    }
    expect(await ratings()).toEqual([]);
    const taken = await t.call('POST', link, { body: { rating: 4 } });
    expect(taken.status).toBe(201);
    expect(await ratings()).toEqual([{ rating: 4 }]);
  });

  it('the public page takes the form’s "1" to "5"; anything else is refused in the client’s language', async () => {
    const client = await createContact(t, director, { locale: 'bg' });
    const deal = await createDeal(t, director, { contactId: client.id });
    const link = `/feedback/${await feedbackToken(t.ctx(), deal.id)}`;
    const post = (form: Record<string, string>) =>
      t.app.request(link, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
    for (const rating of ['true', '4.5', '0', '6', ' 5', '5e0', '0x5', '']) {
      const refused = await post({ rating, comment: 'хубаво' });
      expect(refused.status, rating).toBe(400);
      expect(await refused.text()).toContain('Изберете от 1 до 5 звезди');
    }
    expect(await ratings()).toEqual([]);
    expect((await post({ rating: '5' })).status).toBe(303);
    expect(await ratings()).toEqual([{ rating: 5 }]);
  });
});

describe('a campaign names whom it goes to', () => {
  const draft = { name: 'Великден', subject: 'Великден в Истанбул', body: 'Здравейте, {name}!' };

  it('a campaign without segment, or with a misspelt criterion, is refused naming segment, and nothing is written', async () => {
    const missing = await t.call('POST', '/api/v1/campaigns', { token: director, body: draft });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.error.details)).toEqual(['segment']);
    for (const segment of [null, [], 'everyone', true, { tag: ['regular'] }]) {
      const bad = await t.call('POST', '/api/v1/campaigns', { token: director, body: { ...draft, segment } });
      expect(bad.status, JSON.stringify(segment)).toBe(400);
      expect(Object.keys(bad.body.error.details)).toEqual(['segment']);
    }
    expect((await t.call('GET', '/api/v1/campaigns', { token: director })).body.items).toEqual([]);
  });

  it('an empty segment says "everyone who agreed to offers" on purpose, and is taken', async () => {
    await createContact(t, director, { marketingOptIn: true });
    await createContact(t, director, { marketingOptIn: false });
    const everyone = await t.call('POST', '/api/v1/campaigns', { token: director, body: { ...draft, segment: {} } });
    expect(everyone.status).toBe(201);
    expect(everyone.body.recipients).toBe(1);
  });
});
