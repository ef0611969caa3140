import { describe, expect, it } from 'vitest';
import { createContact } from '../../src/domain/contacts/index.js';
import { createDeal } from '../../src/domain/deals/index.js';
import { createDeparture, CreateDepartureInput } from '../../src/domain/departures/departures.js';
import { changeDeparture } from '../../src/domain/departures/reschedule.js';
import { listNotifications } from '../../src/domain/notifications/index.js';
import { HOUR_MS } from '../../src/domain/time.js';
import { dispatchOutbox } from '../../src/notifier/dispatch.js';
import { planDueNotices } from '../../src/notifier/pass.js';
import { domainWorld } from '../helpers/domain.js';
import { memoryMailer } from '../helpers/memory-mailer.js';

describe('departure notices, through the domain verbs', () => {
  it('plan a reminder per booking from T-24h, record a client without e-mail for a call, correct only those told', async () => {
    const world = await domainWorld(Date.parse('2027-10-27T12:00:00Z'));
    const operator = await world.ctxAs('operator');
    const departure = await createDeparture(
      operator(),
      CreateDepartureInput.parse({ title: 'Охрид', departsAt: '2027-10-29T06:30', meetingPoint: 'НДК', seats: 10, priceMinor: 100, depositMinor: 0 }),
    );
    const mailed = await createContact(operator(), { name: 'Anna', email: 'anna@example.com', locale: 'en' });
    const phoned = await createContact(operator(), { name: 'Boris', phone: '+359881111111' });
    const a = await createDeal(operator(), { departureId: departure.id, contactId: mailed.id, seats: 1 });
    const b = await createDeal(operator(), { departureId: departure.id, contactId: phoned.id, seats: 1 });
    expect(await planDueNotices(operator(), false)).toEqual([]); // more than a day ahead
    world.setNow(departure.departsAt - 24 * HOUR_MS);
    expect((await planDueNotices(operator(), false)).map((n) => [n.dealId, n.kind, n.toAddress])).toEqual([
      [a, 'departure_reminder', 'anna@example.com'],
      [b, 'departure_reminder', null],
    ]);
    expect(await planDueNotices(operator(), false)).toEqual([]); // once per booking and time
    const mailer = memoryMailer();
    expect(await dispatchOutbox(operator, mailer)).toMatchObject({ sent: 1 });
    const notices = async () => (await listNotifications(operator(), { departureId: departure.id, limit: 50 })).items;
    expect((await notices()).map((n) => [n.dealId, n.status])).toEqual([
      [a, 'sent'],
      [b, 'no_address'],
    ]);
    // An hour later: the one who was told gets a correction at once; nobody else is written to.
    await changeDeparture(operator(), departure.id, { departsAt: '2027-10-29T07:30' });
    const after = await notices();
    expect(after.filter((n) => n.kind === 'departure_changed').map((n) => n.dealId)).toEqual([a]);
    expect(await dispatchOutbox(operator, mailer)).toMatchObject({ sent: 1 });
    expect(mailer.sent.map((m) => m.subject.startsWith('Changed'))).toEqual([false, true]);
  });
});
