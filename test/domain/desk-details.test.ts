import { describe, expect, it } from 'vitest';
import { createDeal, recordDocuments, recordPayment, documentStagesOf } from '../../src/domain/deals/index.js';
import { createDeparture, CreateDepartureInput } from '../../src/domain/departures/departures.js';
import { DomainError } from '../../src/domain/errors.js';
import { createContact, CreateContactInput } from '../../src/domain/contacts/index.js';
import { knownStageOf } from '../../src/domain/tasks/index.js';
import { waitNewClient } from '../../src/domain/waitlist/index.js';
import { domainWorld } from '../helpers/domain.js';

const count = async (world: Awaited<ReturnType<typeof domainWorld>>, table: string) =>
  Number(((await world.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get()) as { n: number }).n);
const refusal = async (work: () => Promise<unknown>) => {
  try {
    await work();
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return (error.details as { reason?: string } | undefined)?.reason ?? error.code;
    throw error;
  }
};
const trip = (seats: number) => CreateDepartureInput.parse({ title: 'Охрид', departsAt: '2027-10-29T06:30:00+03:00', meetingPoint: 'НДК', seats, priceMinor: 10000, depositMinor: 3000 });

describe('a new client waiting for a full bus', () => {
  it('gets a card and an entry together; a refusal of the entry leaves no card', async () => {
    const world = await domainWorld();
    const manager = await world.ctxAs('manager');
    const full = await createDeparture(manager(), trip(1));
    const first = await createDeal(manager(), { departureId: full.id, contactId: (await aContact(world)).id, seats: 1 });
    expect(first).toBeGreaterThan(0);
    const entry = await waitNewClient(manager(), full.id, CreateContactInput.parse({ name: 'Нова', phone: '+359888000111' }), { seats: 2, note: 'двама' });
    expect(entry).toMatchObject({ departureId: full.id, seats: 2, note: 'двама', status: 'waiting', managerId: manager().actor.id });

    const roomy = await createDeparture(manager(), trip(10));
    const contacts = await count(world, 'contacts');
    expect(await refusal(() => waitNewClient(manager(), roomy.id, CreateContactInput.parse({ name: 'Друга', phone: '+359888000222' }), { seats: 1 }))).toBe('seats_free');
    expect(await count(world, 'contacts')).toBe(contacts);
    expect(await count(world, 'waitlist_entries')).toBe(1);
  });
});

/** A card made the ordinary way, for a booking. */
async function aContact(world: Awaited<ReturnType<typeof domainWorld>>) {
  return await createContact((await world.ctxAs('operator'))(), CreateContactInput.parse({ name: 'Първа', phone: '+359888000999' }));
}

describe('the document stages of a booking', () => {
  it('keep who recorded each, the first one only', async () => {
    const world = await domainWorld();
    const manager = await world.ctxAs('manager');
    const operator = await world.ctxAs('operator');
    const departure = await createDeparture(manager(), trip(5));
    const contact = await aContact(world);
    const dealId = await createDeal(manager(), { departureId: departure.id, contactId: contact.id, seats: 1 });
    expect(await documentStagesOf(manager(), dealId)).toEqual({ sent: null, received: null });
    await recordPayment(manager(), dealId, { amountMinor: 3000, method: 'cash', kind: 'payment' });
    world.advance(60_000);
    await recordDocuments(operator(), dealId, { state: 'received' }); // sent and received at once, by the operator
    const sentAt = world.now;
    world.advance(60_000);
    await recordDocuments(manager(), dealId, { state: 'received' });
    expect(await documentStagesOf(manager(), dealId)).toEqual({
      sent: { at: sentAt, byName: operator().actor.name, byClient: false },
      received: { at: sentAt, byName: operator().actor.name, byClient: false },
    });
  });
});

describe('the stages the code knows', () => {
  it('in any language they are seeded in, whatever the spacing and case; a typed stage is none', () => {
    expect(knownStageOf('събиране на заявки')).toBe('collecting');
    expect(knownStageOf('  Сбор   заявок ')).toBe('collecting');
    expect(knownStageOf('Reminder of departure time and place')).toBe('reminder');
    expect(knownStageOf('ваучер')).toBe('vouchers');
    expect(knownStageOf('Потвърди автобуса')).toBeNull();
  });
});
