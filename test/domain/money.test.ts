import { describe, expect, it } from 'vitest';
import { createContact } from '../../src/domain/contacts/index.js';
import { createDeal, dealView, recordPayment, reversePayment, RecordPaymentInput } from '../../src/domain/deals/index.js';
import { createDeparture, CreateDepartureInput } from '../../src/domain/departures/departures.js';
import { DomainError } from '../../src/domain/errors.js';
import { domainWorld } from '../helpers/domain.js';

/** A booking of two seats at 150.00 with a 50.00 deposit each, made by an operator. */
async function booking() {
  const world = await domainWorld();
  const operator = await world.ctxAs('operator');
  const director = await world.ctxAs('director');
  const departure = await createDeparture(
    operator(),
    CreateDepartureInput.parse({ title: 'Охрид 29.10', departsAt: '2027-10-29T06:30', meetingPoint: 'НДК', seats: 49, priceMinor: 15000, depositMinor: 5000 }),
  );
  const contact = await createContact(operator(), { name: 'Иван Петров', phone: '+359881234567' });
  const dealId = await createDeal(operator(), { departureId: departure.id, contactId: contact.id, seats: 2 });
  const pay = async (body: Record<string, unknown>, key?: string) => await recordPayment(operator(), dealId, RecordPaymentInput.parse({ method: 'cash', ...body }), key);
  const code = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      if (error instanceof DomainError) return error.code;
      throw error;
    }
    return 'ok';
  };
  return { world, operator, director, dealId, pay, code, view: async () => await dealView(operator(), dealId) };
}

describe('money on a booking, through the domain verbs', () => {
  it('a deposit and then the balance move the status by themselves; overpaying is refused and changes nothing', async () => {
    const b = await booking();
    expect(await b.view()).toMatchObject({ status: 'new', priceMinor: 30000, depositDueMinor: 10000, balanceMinor: 30000 });
    await b.pay({ amountMinor: 10000 });
    expect(await b.view()).toMatchObject({ status: 'deposit_paid', paidMinor: 10000, balanceMinor: 20000 });
    expect(await b.code(() => b.pay({ amountMinor: 20001 }))).toBe('conflict');
    expect((await b.view()).paidMinor).toBe(10000);
    await b.pay({ amountMinor: 20000 });
    expect(await b.view()).toMatchObject({ status: 'fully_paid', balanceMinor: 0 });
  });

  it('the same idempotency key counts once; the same key with another body is a conflict', async () => {
    const b = await booking();
    const first = await b.pay({ amountMinor: 5000 }, 'till-7');
    const again = await b.pay({ amountMinor: 5000 }, 'till-7');
    expect(again.replayed).toBe(true);
    expect(again.result.id).toBe(first.result.id);
    expect((await b.view()).paidMinor).toBe(5000);
    expect(await b.code(() => b.pay({ amountMinor: 6000 }, 'till-7'))).toBe('conflict');
    expect((await b.view()).payments).toHaveLength(1);
  });

  it('a director reverses a payment once; the ledger keeps both rows and the status follows', async () => {
    const b = await booking();
    const payment = (await b.pay({ amountMinor: 10000 })).result;
    expect(await b.code(async () => await reversePayment(b.operator(), b.dealId, payment.id, { reason: 'typo' }))).toBe('forbidden');
    await reversePayment(b.director(), b.dealId, payment.id, { reason: 'typed on the wrong booking' });
    expect(await b.view()).toMatchObject({ status: 'new', paidMinor: 0 });
    expect((await b.view()).payments.map((p) => p.kind)).toEqual(['payment', 'reversal']);
    expect(await b.code(async () => await reversePayment(b.director(), b.dealId, payment.id, { reason: 'again' }))).toBe('conflict');
  });

  it('a refund beyond what is held is refused', async () => {
    const b = await booking();
    await b.pay({ amountMinor: 10000 });
    expect(await b.code(() => b.pay({ amountMinor: 10001, kind: 'refund' }))).toBe('conflict');
    await b.pay({ amountMinor: 10000, kind: 'refund' });
    expect((await b.view()).paidMinor).toBe(0);
  });
});
