/**
 * The answer schemas of bookings, the bus, the waiting list and the public side, held to what
 * the routes really send: each operation is called on data rich enough that the optional and
 * nullable parts of its answer appear (a payment, a refund, a reversal, extras, several
 * travellers, a cancelled booking, a held waiting-list entry, a departure of two buses).
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { busAnswers } from '../../src/http/api/answers/bus.js';
import { dealAnswers } from '../../src/http/api/answers/deals.js';
import { ANSWERS } from '../../src/http/api/answers/index.js';
import { publicAnswers } from '../../src/http/api/answers/public.js';
import { waitlistAnswers } from '../../src/http/api/answers/waitlist.js';
import { OPERATIONS } from '../../src/http/api/openapi.js';
import type { OperationKey } from '../../src/http/api/answers/types.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { expectAnswer, undeclaredFields } from '../helpers/answers.js';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { AGENCY, makeTestApp, type TestApp } from '../helpers/test-app.js';

/** Lunch and insurance per traveller, an airport transfer per booking. */
const EXTRAS = [
  { code: 'lunch', label: 'Обяд в Мелник', priceMinor: 1500, per: 'traveller' },
  { code: 'insurance', label: 'Застраховка', priceMinor: 700, per: 'traveller' },
  { code: 'transfer', label: 'Трансфер от летището', priceMinor: 4000, per: 'booking' },
];
const PRICES = [{ category: 'child', label: 'Дете до 12 г.', priceMinor: 9000, depositMinor: 3000 }];
const STOPS = [
  { name: 'София, НДК', address: 'бул. Витоша 1', offsetMinutes: 0 },
  { name: 'Перник', offsetMinutes: 40 },
];
const DEPARTS = '2027-10-29T06:30:00+03:00';

let t: TestApp;
let director: string;

/**
 * A card provider that takes the test's word: checkouts open at a made-up page, and a webhook's
 * body is the event itself (the signature is the real provider's business, tested elsewhere).
 */
function trustingProvider(): PaymentProvider {
  let opened = 0;
  return {
    openCheckout: async () => {
      opened++;
      return { id: `cs_test_${opened}`, url: `https://pay.example/cs_test_${opened}` };
    },
    readEvent: (raw) => {
      const event = JSON.parse(raw) as { id: string; type: string; sessionId: string; amountTotal: number; currency: string };
      if (event.type !== 'checkout.session.completed') return 'ignored';
      return { eventId: event.id, sessionId: event.sessionId, amountTotal: event.amountTotal, currency: event.currency, paymentStatus: 'paid' };
    },
  };
}

beforeEach(async () => {
  t = await makeTestApp({
    intake: { limit: 100, origins: [] },
    payments: trustingProvider(),
    agency: { ...AGENCY, publicUrl: 'https://desk.example', onlinePayments: true, paymentInstructions: 'IBAN BG00 TEST 0000 0000 00' },
  });
  director = (await t.as('director')).token;
});

/*
 * Every optional or nullable part of an answer, and every alternative of a union, must be seen
 * with a value in at least one answer of this file: a part never seen is one whose description
 * nobody checked. Parts are paths (`Deal.travellers[].seat`, `SeatPlan.seats[]<1>`); a named
 * part (a component) is one part wherever it appears, so its paths start at its name.
 */
type JsonSchema = Parameters<typeof undeclaredFields>[0] & { required?: string[] };

const refName = (schema: JsonSchema) => schema.$ref!.replace(/^#\/\$defs\//, '');
const resolve = (schema: JsonSchema, root: JsonSchema): JsonSchema => (schema.$ref ? resolve(root.$defs![refName(schema)]!, root) : schema);
const typesOf = (schema: JsonSchema) => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);
const onlyNull = (schema: JsonSchema) => typesOf(schema).length > 0 && typesOf(schema).every((type) => type === 'null');
const canBeNull = (schema: JsonSchema, root: JsonSchema): boolean => {
  const s = resolve(schema, root);
  return typesOf(s).includes('null') || (s.anyOf ?? []).some((a) => canBeNull(a, root));
};
/** The alternatives of a union besides null. */
const alternativesOf = (schema: JsonSchema, root: JsonSchema) => (schema.anyOf ?? schema.oneOf ?? []).filter((a) => !onlyNull(resolve(a, root)));
const lacksRequired = (schema: JsonSchema, value: unknown, root: JsonSchema) =>
  typeof value === 'object' && value !== null && (resolve(schema, root).required ?? []).some((key) => !(key in value));

/** The parts of a schema an answer may leave without a value. */
function partsThatMayBeAbsent(schema: JsonSchema, root: JsonSchema, path: string): string[] {
  if (schema.$ref) return partsThatMayBeAbsent(resolve(schema, root), root, refName(schema));
  const alternatives = alternativesOf(schema, root);
  if (alternatives.length > 1) return alternatives.flatMap((a, i) => [`${path}<${i}>`, ...partsThatMayBeAbsent(a, root, `${path}<${i}>`)]);
  if (alternatives.length === 1) return partsThatMayBeAbsent(alternatives[0]!, root, path);
  if (schema.items) return partsThatMayBeAbsent(schema.items, root, `${path}[]`);
  return Object.entries(schema.properties ?? {}).flatMap(([key, field]) => {
    const at = `${path}.${key}`;
    // A field that is always null (a list's nextCursor of one page) has no value to see.
    const mayBeAbsent = !onlyNull(resolve(field, root)) && (!(schema.required ?? []).includes(key) || canBeNull(field, root));
    return [...(mayBeAbsent ? [at] : []), ...partsThatMayBeAbsent(field, root, at)];
  });
}

/** The parts this value gives a value to (present and not null; the alternative of a union it matches). */
function partsPresent(schema: JsonSchema, value: unknown, root: JsonSchema, path: string): string[] {
  if (value === null || value === undefined) return [];
  if (schema.$ref) return partsPresent(resolve(schema, root), value, root, refName(schema));
  const alternatives = alternativesOf(schema, root);
  if (alternatives.length > 1) {
    const misfit = (a: JsonSchema) => undeclaredFields(a, value, root).length + (lacksRequired(a, value, root) ? 1000 : 0);
    const i = alternatives.reduce((best, a, j) => (misfit(a) < misfit(alternatives[best]!) ? j : best), 0);
    return [`${path}<${i}>`, ...partsPresent(alternatives[i]!, value, root, `${path}<${i}>`)];
  }
  if (alternatives.length === 1) return partsPresent(alternatives[0]!, value, root, path);
  if (Array.isArray(value)) return schema.items ? value.flatMap((item) => partsPresent(schema.items!, item, root, `${path}[]`)) : [];
  if (typeof value !== 'object') return [];
  return Object.entries(schema.properties ?? {}).flatMap(([key, field]) => {
    const child = (value as Record<string, unknown>)[key];
    return child === null || child === undefined ? [] : [`${path}.${key}`, ...partsPresent(field, child, root, `${path}.${key}`)];
  });
}

const seen = new Set<string>();
const wanted = new Set<string>();
/** The operations this file called. */
const called = new Set<string>();
/** The operations these four areas describe. */
const DESCRIBED = Object.keys({ ...dealAnswers, ...busAnswers, ...waitlistAnswers, ...publicAnswers });
const jsonOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
/** An answer's own name: its component id, else its operation. */
const nameOf = (key: OperationKey) => String(z.globalRegistry.get(ANSWERS[key]!)?.id ?? key);

/** Parts no real answer can give a value to, and why. */
const NEVER_PRESENT: Record<string, string> = {
  'RecordedPayment.reversedByPaymentId': 'the row just written is not reversed yet',
  'RecordedPayment.reference': 'staff record no provider reference (the card provider and the bank import write theirs elsewhere)',
};

afterAll(() => {
  expect(DESCRIBED.filter((key) => !called.has(key)), 'described but never called here').toEqual([]);
  expect([...wanted].filter((part) => !seen.has(part) && !NEVER_PRESENT[part])).toEqual([]);
});

/** Calls the route, expects its success status, and holds the body to the operation's schema. */
async function answer(key: OperationKey, path: string, options: { body?: unknown; raw?: string; token?: string | null; headers?: Record<string, string>; status?: number } = {}) {
  const method = key.slice(0, key.indexOf(' ')).toUpperCase();
  const { status = 200, token = director, ...rest } = options;
  const reply = await t.call(method, `/api/v1${path}`, { ...rest, token, address: '192.0.2.10' });
  expect(reply.status, `${key}: ${JSON.stringify(reply.body)}`).toBe(status);
  expectAnswer(key, reply.body);
  called.add(key);
  const json = jsonOf(ANSWERS[key]!);
  for (const part of partsThatMayBeAbsent(json, json, nameOf(key))) wanted.add(part);
  for (const part of partsPresent(json, reply.body, json, nameOf(key))) seen.add(part);
  return reply.body;
}

describe('the answers of bookings, the bus, the waiting list and the public side', () => {
  it('describe every JSON operation of these areas, and only operations that exist', () => {
    const ours = OPERATIONS.filter(
      (o) => !o.produces && (['deals', 'bus', 'waiting list'].includes(o.tag) || (o.tag === 'public' && /^\/public\/(departures|bookings|inquiries|waitlist|payments)\b/.test(o.path))),
    ).map((o) => `${o.method} ${o.path}`);
    expect([...DESCRIBED].sort()).toEqual(ours.sort());
  });
});

describe('the answers of bookings', () => {
  it('a booking through its life: made, listed, changed, documents, money in and out, a reversal, a new link, cancelled', async () => {
    const trip = await createDeparture(t, director, { public: true, departsAt: DEPARTS, returnsAt: '2027-10-31T21:00:00+03:00', extras: EXTRAS, prices: PRICES, stops: STOPS });
    const manager = await t.as('manager');
    const contact = await createContact(t, director);
    const made = await answer('post /deals', '/deals', {
      status: 201,
      body: {
        departureId: trip.id,
        contactId: contact.id,
        managerId: manager.id,
        seats: 3,
        stopId: trip.stops[1].id,
        extras: ['transfer'],
        travellers: [
          { name: 'Иван Петров', birthDate: '1980-04-02', documentNumber: '645123987', extras: ['lunch', 'insurance'] },
          { name: 'Мария Петрова', birthDate: '2017-06-11', category: 'child', extras: ['lunch'] },
        ],
      },
    });
    expect(made).toMatchObject({ seats: 3, managerId: manager.id, stopId: trip.stops[1].id, extras: ['transfer'], source: 'office' });
    expect(made.travellers).toHaveLength(2);

    const changed = await answer('patch /deals/:id', `/deals/${made.id}`, {
      body: {
        travellers: [
          { name: 'Иван Петров', birthDate: '1980-04-02', documentNumber: '645123987', extras: ['lunch', 'insurance'] },
          { name: 'Мария Петрова', birthDate: '2017-06-11', category: 'child', extras: ['lunch'] },
          { name: 'Елена Петрова' },
        ],
      },
    });
    expect(changed.travellers.map((x: { category: string }) => x.category)).toEqual(['adult', 'child', 'adult']);
    await answer('post /deals/:id/documents', `/deals/${made.id}/documents`, { body: { state: 'sent' } });
    const received = await answer('post /deals/:id/documents', `/deals/${made.id}/documents`, { body: { state: 'received' } });
    expect(received.documentsReceivedAt).not.toBeNull();

    const cash = await answer('post /deals/:id/payments', `/deals/${made.id}/payments`, {
      status: 201,
      headers: { 'Idempotency-Key': 'deposit-1' },
      body: { amountMinor: 15000, method: 'cash', note: 'в офиса' },
    });
    expect(cash).toMatchObject({ kind: 'payment', note: 'в офиса', createdBy: 1, deal: { status: 'deposit_paid' } });
    expect(cash.receiptNumber).toMatch(/^\d{4}-\d{6}$/);
    // The same key again is the first answer, as it was.
    await answer('post /deals/:id/payments', `/deals/${made.id}/payments`, { status: 201, headers: { 'Idempotency-Key': 'deposit-1' }, body: { amountMinor: 15000, method: 'cash', note: 'в офиса' } });
    const typo = await answer('post /deals/:id/payments', `/deals/${made.id}/payments`, { status: 201, body: { amountMinor: 2500, method: 'bank_transfer', receivedAt: '2026-11-21T10:00:00+02:00' } });
    const reversal = await answer('post /deals/:id/payments/:paymentId/reverse', `/deals/${made.id}/payments/${typo.id}/reverse`, { status: 201, body: { reason: 'записано два пъти' } });
    expect(reversal).toMatchObject({ kind: 'reversal', reversesPaymentId: typo.id, deltaMinor: -2500 });
    const refund = await answer('post /deals/:id/payments', `/deals/${made.id}/payments`, { status: 201, body: { amountMinor: 1000, kind: 'refund', method: 'cash' } });
    expect(refund.kind).toBe('refund');

    // Paid in full, its voucher sent and its travellers told by phone.
    const rest = (await t.call('GET', `/api/v1/deals/${made.id}`, { token: director })).body.balanceMinor;
    await answer('post /deals/:id/payments', `/deals/${made.id}/payments`, { status: 201, body: { amountMinor: rest, method: 'card' } });
    expect((await t.call('POST', `/api/v1/deals/${made.id}/voucher/send`, { token: director })).status).toBe(200);
    expect((await t.call('POST', `/api/v1/deals/${made.id}/told-by-phone`, { token: director })).status).toBe(200);

    const deal = await answer('get /deals/:id', `/deals/${made.id}`);
    expect(deal.voucherSentAt).not.toBeNull();
    expect(deal.notifiedAt).not.toBeNull();
    expect(deal.payments.map((p: { kind: string }) => p.kind)).toEqual(['payment', 'payment', 'reversal', 'refund', 'payment']);
    expect(deal.payments[1].reversedByPaymentId).toBe(reversal.id);
    expect(deal.history[0]).toMatchObject({ from: null, to: 'new', byName: expect.any(String) });
    expect(deal.history.length).toBeGreaterThan(3);

    const link = await answer('post /deals/:id/manage-link', `/deals/${made.id}/manage-link`, { status: 201 });
    expect(link.manageUrl).toMatch(/^https:\/\/desk\.example\/b\//);

    // A second booking, online and untouched, and a third cancelled with a fee kept.
    await answer('post /public/bookings', '/public/bookings', { token: null, status: 201, body: { departureId: trip.id, name: 'Онлайн Клиент', phone: '0887 300 001', email: 'online@example.test', seats: 1 } });
    const other = await createDeal(t, director, { departureId: trip.id, seats: 2 });
    await t.call('POST', `/api/v1/deals/${other.id}/payments`, { token: director, body: { amountMinor: 8000, method: 'card' } });
    const cancelled = await answer('post /deals/:id/cancel', `/deals/${other.id}/cancel`, { body: { reason: 'болест', feeMinor: 3000 } });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'болест', feeMinor: 3000, refundDueMinor: 5000, balanceMinor: 0 });
    expect(cancelled.cancelledAt).not.toBeNull();

    const list = await answer('get /deals', `/deals?departureId=${trip.id}`);
    expect(list.items.map((d: { source: string }) => d.source)).toEqual(['office', 'online', 'office']);
    expect(list.nextCursor).toBeNull();
    const firstPage = await answer('get /deals', `/deals?departureId=${trip.id}&limit=1`);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    await answer('get /deals', `/deals?reference=${deal.reference}`);
  });
});

describe('the answers of the bus', () => {
  it('two buses: the seat plans, seating everyone, moves within and between buses, marks at the door, the boarding list', async () => {
    const trip = await createDeparture(t, director, {
      departsAt: DEPARTS,
      seats: undefined,
      stops: STOPS,
      extras: EXTRAS,
      vehicles: [
        { label: 'Автобус 1', seats: 10, seatLayout: { seatsPerRow: 4, aisleAfter: 2, lastRowSeats: 2 } },
        { label: 'Автобус 2', seats: 8 },
      ],
    });
    const [one, two] = trip.vehicles;
    const [sofia, pernik] = trip.stops;
    const family = await createDeal(t, director, {
      departureId: trip.id,
      seats: 3,
      vehicleId: one.id,
      stopId: sofia.id,
      extras: ['transfer'],
      travellers: [{ name: 'Иван Петров', extras: ['lunch'] }, { name: 'Мария Петрова' }],
    });
    const couple = await createDeal(t, director, { departureId: trip.id, seats: 2, vehicleId: two.id, stopId: pernik.id, travellers: [{ name: 'Борис Борисов' }, { name: 'Вера Борисова' }] });

    const empty = await answer('get /departures/:id/seating', `/departures/${trip.id}/seating`);
    expect(empty).toMatchObject({ vehicleId: one.id, unseated: 3 });
    expect(empty.vehicle.seatLayout).toEqual({ seatsPerRow: 4, aisleAfter: 2, lastRowSeats: 2 });
    const seated = await answer('post /departures/:id/seating/auto', `/departures/${trip.id}/seating/auto`);
    // A named traveller, a seat held for the family's third (no name yet), and free seats.
    expect(seated.seats.slice(0, 4)).toEqual([
      expect.objectContaining({ number: 1, travellerId: family.travellers[0].id }),
      expect.objectContaining({ number: 2, travellerId: family.travellers[1].id }),
      { number: 3, dealId: family.id, travellerNumber: 3, unnamed: true },
      { number: 4 },
    ]);
    await answer('get /departures/:id/seating', `/departures/${trip.id}/seating?vehicleId=${two.id}`);
    const moved = await answer('post /deals/:id/seats', `/deals/${family.id}/seats`, { body: { assignments: [{ travellerId: family.travellers[0].id, seat: 9 }] } });
    expect(moved.seats[8]).toMatchObject({ travellerId: family.travellers[0].id });

    // The door on the day: cash collected, a traveller boarded, another a no-show.
    t.setNow(Date.parse('2027-10-29T03:00:00Z'));
    const guide = await t.as('operator');
    await t.call('POST', `/api/v1/deals/${family.id}/payments`, { token: guide.token, body: { amountMinor: 5000, method: 'cash' } });
    const marked = await answer('post /deals/:id/boarding', `/deals/${family.id}/boarding`, { token: guide.token, headers: { 'Idempotency-Key': 'door-1' }, body: { travellerIds: [family.travellers[0].id], state: 'boarded' } });
    expect(marked.travellers[0].boarding).toBe('boarded');
    await answer('post /deals/:id/boarding', `/deals/${couple.id}/boarding`, { token: guide.token, body: { travellerIds: [couple.travellers[1].id], state: 'no_show' } });

    const every = await answer('get /departures/:id/boarding', `/departures/${trip.id}/boarding`, { token: guide.token });
    expect(every.vehicleId).toBeNull();
    expect(every.vehicles).toHaveLength(2);
    const door = every.stops[0].travellers;
    expect(door.find((x: { travellerId: number | null }) => x.travellerId === null)).toMatchObject({ name: '', dealId: family.id });
    expect(door.find((x: { boarding: string }) => x.boarding === 'boarded')).toMatchObject({ boardingBy: expect.any(String), extras: ['Обяд в Мелник'], bookingExtras: ['Трансфер от летището'] });
    expect(every.cashReceipts).toEqual([expect.objectContaining({ dealId: family.id, amountMinor: 5000, by: expect.any(String) })]);
    expect(every.totals).toMatchObject({ total: 5, boarded: 1, noShow: 1, expected: 3, cash: [{ currency: 'EUR', amountMinor: 5000 }] });
    const bus = await answer('get /departures/:id/boarding', `/departures/${trip.id}/boarding?vehicleId=${two.id}&q=Борис`, { token: guide.token });
    expect(bus.vehicleId).toBe(two.id);

    const otherBus = await answer('post /deals/:id/vehicle', `/deals/${couple.id}/vehicle`, { token: guide.token, body: { vehicleId: one.id } });
    expect(otherBus.vehicleId).toBe(one.id);
    expect(otherBus.bookings.map((b: { dealId: number }) => b.dealId)).toEqual([family.id, couple.id]);
  });
});

describe('the answers of the waiting list', () => {
  it('entries waiting, offered with their seats held, booked and withdrawn', async () => {
    const trip = await createDeparture(t, director, { departsAt: DEPARTS, seats: 4 });
    const manager = await t.as('manager');
    const full = await createDeal(t, director, { departureId: trip.id, seats: 2 });
    await createDeal(t, director, { departureId: trip.id, seats: 2 });
    const couple = await createContact(t, director, { name: 'Петрови' });
    const single = await createContact(t, director, { name: 'Стоянов', email: null });
    const first = await answer('post /departures/:id/waitlist', `/departures/${trip.id}/waitlist`, { status: 201, body: { contactId: couple.id, seats: 2, note: 'по прозореца', managerId: manager.id } });
    expect(first).toMatchObject({ status: 'waiting', holdUntil: null, offeredAt: null, dealId: null, managerId: manager.id });
    const second = await answer('post /departures/:id/waitlist', `/departures/${trip.id}/waitlist`, { status: 201, body: { contactId: single.id, seats: 1 } });

    await t.call('POST', `/api/v1/deals/${full.id}/cancel`, { token: director, body: { reason: 'болест' } });
    const list = await answer('get /departures/:id/waitlist', `/departures/${trip.id}/waitlist`);
    expect(list.items.map((e: { status: string }) => e.status)).toEqual(['offered', 'waiting']);
    expect(list.items[1]).toMatchObject({ contactName: 'Стоянов', email: null });
    const held = await answer('get /waitlist/:id', `/waitlist/${first.id}`);
    expect(held.holdUntil).not.toBeNull();
    expect(held.offeredAt).not.toBeNull();

    const booked = await answer('post /waitlist/:id/book', `/waitlist/${first.id}/book`, { status: 201, body: { travellers: [{ name: 'Петър Петров' }, { name: 'Пена Петрова' }] } });
    expect(booked.deal).toMatchObject({ contactId: couple.id, seats: 2 });
    expect((await answer('get /departures/:id/waitlist', `/departures/${trip.id}/waitlist`)).items[0].dealId).toBe(booked.deal.id);
    expect(await answer('get /waitlist/:id', `/waitlist/${first.id}`)).toMatchObject({ status: 'booked', dealId: booked.deal.id });
    expect(await answer('post /waitlist/:id/withdraw', `/waitlist/${second.id}/withdraw`)).toMatchObject({ status: 'withdrawn' });
  });
});

describe('the answers of the public side', () => {
  it('trips sold online, a booking made and paid by card, the client’s page, a sold-out trip’s waiting list, the site form', async () => {
    const trip = await createDeparture(t, director, {
      public: true,
      title: 'Охрид и Струга',
      description: 'Три дни край езерото',
      departsAt: DEPARTS,
      returnsAt: '2027-10-31T21:00:00+03:00',
      seats: 20,
      prices: PRICES,
      stops: STOPS,
      extras: EXTRAS,
    });
    const full = await createDeparture(t, director, { public: true, title: 'Мелник', departsAt: DEPARTS, seats: 1 });
    await createDeal(t, director, { departureId: full.id, seats: 1 });

    const trips = await answer('get /public/departures', '/public/departures', { token: null });
    expect(trips.items.map((d: { id: number }) => d.id)).toEqual([trip.id, full.id]);
    const shown = await answer('get /public/departures/:id', `/public/departures/${trip.id}`, { token: null });
    expect(shown.prices[1]).toMatchObject({ category: 'child', label: 'Дете до 12 г.' });

    const booked = await answer('post /public/bookings', '/public/bookings', {
      token: null,
      status: 201,
      body: {
        departureId: trip.id,
        name: 'Елена Георгиева',
        phone: '0887 200 001',
        email: 'elena@example.test',
        locale: 'ru',
        seats: 3,
        stopId: trip.stops[0].id,
        extras: ['transfer'],
        travellers: [{ name: 'Елена Георгиева', extras: ['lunch', 'insurance'] }, { name: 'Ана Георгиева', category: 'child', extras: ['lunch'] }],
      },
    });
    const token = String(booked.manageUrl).split('/b/')[1]!;
    await answer('post /departures/:id/seating/auto', `/departures/${trip.id}/seating/auto`);
    const page = await answer('get /public/bookings/:token', `/public/bookings/${token}`, { token: null });
    expect(page).toMatchObject({ locale: 'ru', payOnline: true, money: { next: { purpose: 'deposit' } } });
    expect(page.travellers[1].categoryLabel).toBe('Дете до 12 г.');
    expect(page.priceLines.extras.map((l: { code: string }) => l.code)).toEqual(['lunch', 'insurance', 'transfer']);
    const corrected = await answer('patch /public/bookings/:token', `/public/bookings/${token}`, {
      token: null,
      body: { travellers: [{ id: page.travellers[0].id, birthDate: '1985-03-14', documentNumber: '612345678' }, { name: 'Георги Георгиев' }] },
    });
    expect(corrected.travellers.map((x: { name: string }) => x.name)).toEqual(['Елена Георгиева', 'Ана Георгиева', 'Георги Георгиев']);

    const checkout = await answer('post /public/bookings/:token/checkout', `/public/bookings/${token}/checkout`, { token: null, status: 201, body: { purpose: 'deposit' } });
    const sessionId = String(checkout.url).split('/').at(-1);
    const event = (id: string, type = 'checkout.session.completed') => JSON.stringify({ id, type, sessionId, amountTotal: page.money.next.amountMinor, currency: 'eur' });
    const webhook = (raw: string) => answer('post /public/payments/webhook', '/public/payments/webhook', { token: null, raw, headers: { 'Content-Type': 'application/json', 'Stripe-Signature': 't=1,v1=trusted' } });
    expect(await webhook(event('evt_1'))).toEqual({ received: true, outcome: 'recorded' });
    expect(await webhook(event('evt_1'))).toEqual({ received: true, outcome: 'replayed' });
    expect(await webhook(event('evt_2', 'charge.refunded'))).toEqual({ received: true, outcome: 'ignored' });
    const paid = await answer('get /public/bookings/:token', `/public/bookings/${token}`, { token: null });
    expect(paid.money.next).toMatchObject({ purpose: 'balance' });
    expect(paid.travellers[0].seat).toBe(1);
    const dealId = (await answer('get /deals', `/deals?reference=${booked.reference}`)).items[0].id;
    const byCard = await answer('get /deals/:id', `/deals/${dealId}`);
    expect(byCard.payments).toEqual([expect.objectContaining({ method: 'card', reference: sessionId, createdBy: null })]);
    expect(byCard.history.at(-1)).toMatchObject({ byClient: true, by: null });

    // Cancelled by the desk: nothing more is due, the page still opens.
    await t.call('POST', `/api/v1/deals/${dealId}/cancel`, { token: director, body: { reason: 'по молба на клиента' } });
    const after = await answer('get /public/bookings/:token', `/public/bookings/${token}`, { token: null });
    expect(after).toMatchObject({ cancelled: true, editable: false, payOnline: false, money: { next: null } });

    expect(await answer('post /public/waitlist', '/public/waitlist', { token: null, status: 202, body: { departureId: full.id, name: 'Чакащ Клиент', phone: '0887 200 002', email: 'waits@example.test', seats: 2 } })).toEqual({ received: true });
    expect(await answer('post /public/inquiries', '/public/inquiries', { token: null, status: 202, body: { name: 'Сайт Клиент', email: 'site@example.test', message: 'Истанбул за двама' } })).toEqual({ received: true });
  });
});
