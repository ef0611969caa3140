import { forEachInOrder } from '../domain/in-order.js';
import { toLatin } from '../domain/latin.js';
import { DateTime } from 'luxon';
import { inArray, sql } from 'drizzle-orm';
import { contacts, deals, departures, inquiries, users } from '../db/schema/index.js';
import { bookInquiry, moveInquiry, takeInquiry } from '../domain/inquiries/index.js';
import { createContact, findByIdentity, identityOf, recordCommunication, type ContactRow } from '../domain/contacts/index.js';
import type { ActingCtx, Actor, Ctx, TxCtx } from '../domain/context.js';
import {
  cancelDeal,
  createDeal,
  markVoucherSent,
  getDealRow,
  paidMinorOf,
  recordDocuments,
} from '../domain/deals/index.js';
import { stopsOf } from '../domain/departures/stops.js';
import { markBoarding } from '../domain/boarding/index.js';
import { autoSeat } from '../domain/seating/index.js';
import { joinWaitlist } from '../domain/waitlist/index.js';
import { recordPayment } from '../domain/deals/payments.js';
import { createDeparture } from '../domain/departures/departures.js';
import { recordToldByPhone } from '../domain/notifications/departure-notices.js';
import { HOUR_MS, DAY_MS } from '../domain/time.js';
import { ensureDefaultPlan } from '../domain/tasks/index.js';
import type { WishesInput } from '../domain/inquiries/index.js';
import { seedImports } from './import-seed.js';
import { seedAfterTheTrip } from './aftercare-seed.js';
import type { PasswordCost } from '../domain/users/passwords.js';
import { createUser, toActor } from '../domain/users/users.js';
import { inOneTransaction } from './in-one-transaction.js';
import { morningBusAt } from './morning-bus.js';
import { seedOnline } from './online-seed.js';
import { seedBankStatement } from './bank-seed.js';
import { applySuggestion } from '../domain/rooming/index.js';

export const DEMO_PASSWORD = 'tourdesk-demo';

/** A small deterministic generator: the same demo agency every time. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
  };
}

const BULGARIAN = {
  first: ['Иван', 'Георги', 'Димитър', 'Николай', 'Петър', 'Мария', 'Елена', 'Йорданка', 'Десислава', 'Росица', 'Стоян', 'Цветелина'],
  last: ['Петров', 'Иванов', 'Георгиев', 'Димитров', 'Стоянов', 'Николов', 'Тодоров', 'Колев', 'Ангелов', 'Маринов'],
};
const RUSSIAN = {
  first: ['Алексей', 'Сергей', 'Андрей', 'Ольга', 'Татьяна', 'Наталья', 'Дмитрий', 'Екатерина', 'Юрий', 'Светлана'],
  last: ['Смирнов', 'Кузнецов', 'Попов', 'Соколов', 'Волков', 'Фёдоров', 'Морозов', 'Лебедев'],
};
const latin = (text: string) => toLatin(text.toLowerCase());

/** Female surnames take -а in both languages. */
const surname = (last: string, female: boolean) => (female ? `${last}а` : last);
/** A travelling companion of the same family: the surname follows the companion's gender. */
function companionOf(rnd: { pick: <T>(items: readonly T[]) => T }) {
  return (clientName: string) => {
    const first = rnd.pick(BULGARIAN.first);
    const family = (clientName.split(' ')[1] ?? '').replace(/(ов|ев|ин)а$/, '$1');
    return { name: `${first} ${surname(family, FEMALE.has(first))}`.trim() };
  };
}
const FEMALE = new Set(['Мария', 'Елена', 'Йорданка', 'Десислава', 'Росица', 'Цветелина', 'Ольга', 'Татьяна', 'Наталья', 'Екатерина', 'Светлана']);

interface Trip {
  title: string;
  destination: string;
  /** Local departure time in the agency zone. */
  departsLocal: DateTime;
  days: number;
  meetingPoint: string;
  seats: number;
  priceMinor: number;
  depositMinor: number;
  /** How many bookings and how far along they are (0 = just booked, 1 = notified). */
  bookings: number;
  progress: number;
  /** The last booking is cancelled after paying its deposit: 'due' keeps the refund owed, 'refunded' pays it out. */
  cancelLast?: 'due' | 'refunded';
  /** The last bookings paid their deposit only: the balance is collected in cash at the bus door. */
  balanceAtDoor?: number;
  /** Pickup stops after the meeting point: name and minutes after the departure. */
  moreStops?: { name: string; address?: string; offsetMinutes: number }[];
  /** Price categories besides the adult's; the third traveller of a booking travels as the first of them. */
  prices?: { category: string; label?: string; priceMinor: number; depositMinor: number }[];
  /** The bus fills up and clients wait for seats: a cancellation offers them to the first. */
  waitingList?: boolean;
  /** Two buses instead of one of `seats` (their seats add up to it). */
  vehicles?: { label: string; seats: number }[];
  /** What is sold besides the seat; travellers take them by a rule of their place, not by chance (see `extrasTaken`). */
  extras?: { code: string; label: string; priceMinor: number; per: 'traveller' | 'booking' }[];
}

/**
 * Who takes which extra on a trip that sells them, by the booking's and traveller's place so
 * the rest of the demo draws the same numbers: the client and every other companion take
 * lunch, a client travelling alone wants a room alone, every third booking is insured.
 */
function extrasTaken(trip: Trip, traveller: number, travellers: number): string[] {
  const sold = new Set((trip.extras ?? []).filter((e) => e.per === 'traveller').map((e) => e.code));
  const taken: string[] = [];
  if (sold.has('lunch') && traveller % 2 === 0) taken.push('lunch');
  if (sold.has('single') && travellers === 1) taken.push('single');
  return taken;
}
const bookingExtrasTaken = (trip: Trip, booking: number) => (trip.extras?.some((e) => e.code === 'insurance') && booking % 3 === 0 ? ['insurance'] : []);

/** Tomorrow's bus: seated, its travellers without e-mail told by SMS or on the list to phone. */
const FIRST_BUS = 'Рилски манастир';
/** The full bus with a waiting list. */
const FULL_BUS = 'Мелник — винен тур';
/** The trip whose stages are left late, so the director sees a stuck plan. */
const STUCK_TRIP = 'Букурещ и Синая';

function trips(now: DateTime): Trip[] {
  const at = (days: number, hour: number, minute = 0) => now.plus({ days }).set({ hour, minute, second: 0, millisecond: 0 });
  let ohrid = DateTime.fromObject({ year: now.year, month: 10, day: 29, hour: 6, minute: 30 }, { zone: now.zone });
  if (ohrid <= now) ohrid = ohrid.plus({ years: 1 });
  return [
    { title: FIRST_BUS, destination: 'Рила', departsLocal: morningBusAt(now), days: 1, meetingPoint: 'София, НДК, паркинг при входа А', seats: 30, priceMinor: 4500, depositMinor: 1500, bookings: 12, progress: 0.9, balanceAtDoor: 2 },
    {
      title: STUCK_TRIP, destination: 'Румъния', departsLocal: at(9, 6, 30), days: 3, meetingPoint: 'София, Централна гара, перон 3', seats: 45, priceMinor: 22000, depositMinor: 7000, bookings: 14, progress: 0.6, cancelLast: 'due', moreStops: [{ name: 'Перник, автогара', offsetMinutes: 40 }],
      vehicles: [{ label: 'Автобус 1 — CB 1234 AB', seats: 25 }, { label: 'Микробус — CB 5678 KM', seats: 20 }],
      extras: [
        { code: 'lunch', label: 'Обяд в Синая', priceMinor: 1800, per: 'traveller' },
        { code: 'single', label: 'Единична стая (доплащане)', priceMinor: 6000, per: 'traveller' },
        { code: 'insurance', label: 'Застраховка „Отмяна на пътуване“', priceMinor: 1200, per: 'booking' },
      ],
    },
    { title: 'Истанбул — 3 нощувки', destination: 'Турция', departsLocal: at(24, 21), days: 4, meetingPoint: 'Пловдив, хотел „Тримонциум“', seats: 49, priceMinor: 39000, depositMinor: 10000, bookings: 12, progress: 0.35, cancelLast: 'refunded', prices: [{ category: 'child', priceMinor: 29000, depositMinor: 8000 }] },
    { title: FULL_BUS, destination: 'Мелник', departsLocal: at(16, 7), days: 2, meetingPoint: 'София, НДК, паркинг при входа А', seats: 12, priceMinor: 18000, depositMinor: 6000, bookings: 6, progress: 0.4, waitingList: true },
    { title: 'Солун — шопинг', destination: 'Гърция', departsLocal: at(38, 5, 45), days: 1, meetingPoint: 'София, метростанция „Джеймс Баучер“', seats: 30, priceMinor: 7500, depositMinor: 2500, bookings: 8, progress: 0.2 },
    { title: `Охрид ${ohrid.toFormat('dd.MM')}`, destination: 'Охрид, Северна Македония', departsLocal: ohrid, days: 3, meetingPoint: 'София, НДК, паркинг при входа А', seats: 49, priceMinor: 15000, depositMinor: 5000, bookings: 10, progress: 0.15, prices: [{ category: 'child', priceMinor: 9000, depositMinor: 3000 }, { category: 'senior', priceMinor: 13500, depositMinor: 4500 }], moreStops: [{ name: 'Пловдив, хотел „Тримонциум“', address: 'пл. „Централен“ 2', offsetMinutes: 90 }] },
    { title: 'Пловдив — Старият град', destination: 'Пловдив', departsLocal: at(-12, 8), days: 1, meetingPoint: 'София, НДК', seats: 30, priceMinor: 3500, depositMinor: 3500, bookings: 9, progress: 1 },
  ];
}

export async function isEmpty(ctx: Ctx): Promise<boolean> {
  const count = async (table: typeof departures | typeof deals | typeof contacts) =>
    (await ctx.db.select({ n: sql<number>`count(*)` }).from(table).get())!.n;
  return await count(departures) === 0 && await count(deals) === 0 && await count(contacts) === 0;
}

async function staff(ctx: Ctx, cost?: PasswordCost): Promise<Actor[]> {
  const wanted = [
    { email: 'maria@demo.tourdesk', name: 'Мария Георгиева', role: 'manager' as const, locale: 'bg' as const },
    { email: 'alexey@demo.tourdesk', name: 'Алексей Смирнов', role: 'manager' as const, locale: 'ru' as const },
    { email: 'elena@demo.tourdesk', name: 'Елена Колева', role: 'operator' as const, locale: 'bg' as const },
  ];
  const actors: Actor[] = [];
  for (const person of wanted) {
    const existing = await ctx.db.select().from(users).where(sql`${users.email} = ${person.email}`).get();
    actors.push(toActor(existing ?? (await createUser(ctx, { ...person, password: DEMO_PASSWORD }, cost))));
  }
  return actors;
}

export interface DemoSummary {
  departures: number;
  contacts: number;
  deals: number;
  byStatus: Record<string, number>;
  staff: { email: string; role: string }[];
  /** Inquiries by status. */
  inquiries: Record<string, number>;
  /** Tomorrow's bus, the one whose reminders are due: what `npm run notify` works on. */
  firstBus: { id: number; title: string; departsAt: number };
}

/**
 * Fills the database with a living agency: trips from tomorrow to next autumn and one that
 * has left, Bulgarian and Russian clients, bookings in every status with payments, a
 * cancellation with a refund still due and one refunded.
 *
 * On a database that has data (another demo set, or an agency's own trips and clients) it
 * adds its own set beside it: seating, boarding, stages done, feedback answered, inquiries
 * booked and clients found again all work on this set's trips and clients only (the agency's
 * own trips just get the feedback requests the scheduler would queue for them anyway). The
 * set is written whole or not at all.
 */
export function seedDemo(base: Ctx, options: { seed?: number; cost?: PasswordCost } = {}): Promise<DemoSummary> {
  return inOneTransaction(base, (base) => writeDemoSet(base, options));
}

async function writeDemoSet(base: TxCtx, options: { seed?: number; cost?: PasswordCost }): Promise<DemoSummary> {
  const rnd = random(options.seed ?? 2911);
  const companion = companionOf(rnd);
  const [maria, alexey, elena] = await staff(base, options.cost);
  const managers = [maria!, alexey!];
  const now = DateTime.fromMillis(base.now, { zone: base.agency.timeZone });
  const existingContacts = (await base.db.select({ n: sql<number>`count(*)` }).from(contacts).get())!.n;
  const firstContactId = (await base.db.select({ id: sql<number>`coalesce(max(id), 0) + 1` }).from(contacts).get())!.id;
  const firstInquiryId = (await base.db.select({ id: sql<number>`coalesce(max(id), 0) + 1` }).from(inquiries).get())!.id;
  const as = (actor: Actor, at: number): ActingCtx => ({ ...base, actor, now: Math.min(at, base.now) });

  let phoneSerial = 1000 + existingContacts;
  const newContact = async (manager: Actor, at: number, options: { email?: boolean } = {}) => {
    const russian = rnd.next() < 0.35;
    const names = russian ? RUSSIAN : BULGARIAN;
    const first = rnd.pick(names.first);
    const name = `${first} ${surname(rnd.pick(names.last), FEMALE.has(first))}`;
    const moscow = russian && rnd.next() < 0.5;
    const withEmail = options.email ?? rnd.next() < 0.8;
    // The agency may already have a client with the number or address a serial makes: the next serial.
    for (;;) {
      const serial = phoneSerial++;
      const phone = moscow ? `+7 916 ${String(1000000 + serial).slice(-7)}` : `+359 88 ${String(1000000 + serial * 7).slice(-7)}`;
      const email = withEmail ? `${latin(name).replace(/\s+/g, '.')}.${serial}@example.com` : null;
      if (await findByIdentity(base, identityOf(base, { phone, email }))) continue;
      return await createContact(as(elena!, at), { name, phone, email, locale: russian ? 'ru' : 'bg', managerId: manager.id });
    }
  };

  /** A common Bulgarian policy: 10 % from a month before, 30 % from two weeks, everything in the last three days. */
  const DEMO_FEES = [
    { daysBefore: 30, percent: 10 },
    { daysBefore: 14, percent: 30 },
    { daysBefore: 3, percent: 100 },
  ];
  const summary: Omit<DemoSummary, 'firstBus'> = { departures: 0, contacts: 0, deals: 0, byStatus: {}, staff: [], inquiries: {} };
  /** This set's trips, in the order of `trips`: everything after the bookings works on these only. */
  const written: { id: number; title: string; departsAt: number }[] = [];
  // Every trip gets the agency's plan; the demo's trips are run by Elena with one of the managers.
  await ensureDefaultPlan(base, 'bg');
  let tripNo = 0;
  for (const trip of trips(now)) {
    const departsAt = trip.departsLocal.toMillis();
    const createdAt = Math.min(departsAt, base.now) - 60 * DAY_MS;
    const departure = await createDeparture(as(elena!, createdAt), {
      title: trip.title,
      destination: trip.destination,
      departsAt: trip.departsLocal.toISO({ includeOffset: false })!,
      returnsAt: trip.departsLocal.plus({ days: trip.days - 1 }).set({ hour: 22, minute: 0 }).toISO({ includeOffset: false })!,
      meetingPoint: trip.meetingPoint,
      ...(trip.vehicles ? { vehicles: trip.vehicles } : { seats: trip.seats }),
      ...(trip.extras ? { extras: trip.extras } : {}),
      priceMinor: trip.priceMinor,
      depositMinor: trip.depositMinor,
      cancellationFees: DEMO_FEES,
      operatorId: elena!.id,
      managerId: managers[tripNo++ % managers.length]!.id,
      ...(trip.prices ? { prices: trip.prices } : {}),
      ...(trip.moreStops ? { stops: [{ name: trip.meetingPoint, offsetMinutes: 0 }, ...trip.moreStops] } : {}),
    });
    written.push(departure);
    const stops = await stopsOf(base, departure.id);
    // What the trip costs the agency, as its director would enter it: the bus and the guide.
    const costs = [
      { label: 'Автобус', amountMinor: trip.seats * trip.days * 2500 },
      { label: 'Екскурзовод', amountMinor: trip.days * 12000 },
    ];
    await base.db.update(departures).set({ costs: JSON.stringify(costs) }).where(sql`${departures.id} = ${departure.id}`).run();
    summary.departures++;
    let seatsLeft = trip.seats;

    for (let i = 0; i < trip.bookings; i++) {
      const manager = rnd.pick(managers);
      const daysIn = rnd.int(1, 40);
      const hour = rnd.int(9, 18);
      // A trip months away is still being sold: its bookings came in the last few days, their
      // deposits due soon (and reminded), not long overdue.
      const bookedAt =
        departsAt - base.now > 60 * DAY_MS
          ? now.startOf('day').minus({ days: daysIn % 5 }).set({ hour: Math.min(hour, now.hour > 9 ? now.hour - 1 : 9) }).toMillis()
          : createdAt + daysIn * DAY_MS + hour * HOUR_MS;
      // Tomorrow's bus has travellers without e-mail: told by SMS where the agency has an SMS
      // centre, else on the operator's list to phone.
      const withoutEmail = tripNo === 1 && i % 4 === 1;
      const contact = await newContact(manager, bookedAt - HOUR_MS, withoutEmail ? { email: false } : {});
      summary.contacts++;
      // Never more than the bus holds: the capacity check would rightly refuse the booking. A bus
      // with a waiting list is filled by its last booking.
      const seats = trip.waitingList && i === trip.bookings - 1 ? seatsLeft : Math.min(seatsLeft, rnd.next() < 0.6 ? 2 : rnd.int(1, 4));
      if (seats === 0) break;
      seatsLeft -= seats;
      const travellers = Array.from({ length: seats }, (_, k) => ({
        ...(k === 0
          ? { name: contact.name, birthDate: `19${rnd.int(50, 99)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`, documentNumber: String(rnd.int(300000000, 399999999)) }
          : { ...companion(contact.name), ...(k === 2 && trip.prices ? { category: trip.prices[0]!.category } : {}) }),
        ...(trip.extras ? { extras: extrasTaken(trip, k, seats) } : {}),
      }));
      const actor = as(manager, bookedAt);
      // On a trip with several stops, every third booking boards further along the route.
      const stopId = stops.length > 1 && i % 3 === 1 ? stops[1]!.id : undefined;
      const dealId = await createDeal(actor, { departureId: departure.id, contactId: contact.id, seats, travellers, ...(stopId ? { stopId } : {}), ...(trip.extras ? { extras: bookingExtrasTaken(trip, i) } : {}) });
      summary.deals++;
      const deal = (await base.db.select().from(deals).where(sql`${deals.id} = ${dealId}`).get())!;

      // How far this booking got: the trip's progress plus some spread, as in a real roster.
      const spread = Math.min(6, Math.max(0, Math.round(trip.progress * 6 + (rnd.next() - 0.5) * 4)));
      const stage = i >= trip.bookings - (trip.balanceAtDoor ?? 0) ? 3 : spread;
      let at = bookedAt;
      const step = () => (at += rnd.int(1, 4) * DAY_MS);
      if (stage >= 1) await recordDocuments(as(manager, step()), dealId, { state: 'sent' });
      if (stage >= 2) await recordDocuments(as(manager, step()), dealId, { state: 'received' });
      if (stage >= 3) {
        await recordPayment(as(manager, step()), dealId, { amountMinor: deal.depositDueMinor || 1000, kind: 'payment', method: rnd.pick(['cash', 'bank_transfer', 'card']) });
      }
      if (stage >= 4) {
        const paid = deal.depositDueMinor || 1000;
        await recordPayment(as(manager, step()), dealId, { amountMinor: deal.priceMinor - paid, kind: 'payment', method: rnd.pick(['cash', 'bank_transfer', 'card']) });
      }
      if (stage >= 5) await markVoucherSent(as(elena!, step()), dealId);
      if (stage >= 6 && departsAt - base.now < DAY_MS && contact.email) await recordToldByPhone(as(elena!, Math.min(departsAt - 20 * HOUR_MS, base.now)), dealId);

      if (trip.cancelLast && i === trip.bookings - 1) {
        if (stage < 3) {
          await recordPayment(as(manager, step()), dealId, { amountMinor: deal.depositDueMinor, kind: 'payment', method: 'cash' });
        }
        const refunded = trip.cancelLast === 'refunded';
        await cancelDeal(as(manager, step()), dealId, { reason: refunded ? 'Промени плановете си' : 'Заболял, отказва пътуването' });
        if (refunded) {
          const owed = await paidMinorOf(base, dealId) - (await getDealRow(base, dealId)).feeMinor;
          if (owed > 0) await recordPayment(as(manager, step()), dealId, { amountMinor: owed, kind: 'refund', method: 'bank_transfer', note: 'Върнати пари' });
        }
      }
      if (rnd.next() < 0.4) {
        await recordCommunication(as(manager, bookedAt + HOUR_MS), contact.id, {
          channel: rnd.pick(['call', 'messenger', 'email'] as const),
          summary: rnd.pick(['Пита за места до прозореца', 'Ще изпрати документите довечера', 'Иска фактура на фирма', 'Обещал доплащане в петък']),
          nextContactAt: rnd.next() < 0.5 ? DateTime.fromMillis(base.now).plus({ days: rnd.int(-1, 5) }).toISO()! : undefined,
        });
      }
    }
  }

  const ids = written.map((departure) => departure.id);
  const titled = (title: string) => written.find((departure) => departure.title === title)!;
  await seedWaitingList(base, { full: titled(FULL_BUS), as, managers, newContact, at: base.now - 6 * HOUR_MS });

  // The buses of the next days are seated, families together; the trip that has left was boarded.
  for (const departure of written) {
    const soon = departure.departsAt - base.now < 10 * DAY_MS;
    if (soon) await autoSeat(as(elena!, base.now), departure.id);
    if (departure.departsAt < base.now) {
      const live = await base.db.select({ id: deals.id }).from(deals).where(sql`${deals.departureId} = ${departure.id} AND ${deals.cancelledAt} IS NULL`).all();
      await forEachInOrder(live, async (deal, i) => await markBoarding(as(elena!, departure.departsAt), deal.id, { state: i === live.length - 1 ? 'no_show' : 'boarded' }));
    }
  }

  // The trip with nights and two buses has its rooming list, as suggested: each booking together, a room alone for the supplement.
  await applySuggestion(as(elena!, base.now - 2 * HOUR_MS), titled(STUCK_TRIP).id);

  const upcoming = written.filter((departure) => departure.departsAt > base.now);
  summary.inquiries = await seedInquiries(base, { rnd, managers, upcoming, firstInquiryId, newContact, as });
  await seedAfterTheTrip(base, { rnd, as, staff: [maria!, alexey!, elena!], firstContactId, departureIds: ids, stuckTripId: titled(STUCK_TRIP).id });
  await seedImports(as(alexey!, base.now - 5 * DAY_MS), as(maria!, base.now), firstContactId);
  await seedOnline(base, written);
  await seedBankStatement(base, ids);

  // What this set wrote: the agency's own bookings are not the demo's to count.
  for (const row of await base.db.select({ status: deals.status, n: sql<number>`count(*)` }).from(deals).where(inArray(deals.departureId, ids)).groupBy(deals.status).all()) {
    summary.byStatus[row.status] = row.n;
  }
  summary.staff = [maria!, alexey!, elena!].map((a) => ({ email: a.email, role: a.role }));
  const firstBus = titled(FIRST_BUS);
  return { ...summary, firstBus: { id: firstBus.id, title: firstBus.title, departsAt: firstBus.departsAt } };
}

type Rnd = Awaited<ReturnType<typeof random>>;

/**
 * The full bus with a waiting list: a couple and a family of four wait; then a booking of two
 * is cancelled, and the couple is offered the freed seats for the hold (the family of four
 * does not fit and keeps waiting).
 */
async function seedWaitingList(
  base: Ctx,
  d: { full: { id: number }; as: (actor: Actor, at: number) => ActingCtx; managers: Actor[]; newContact: (manager: Actor, at: number) => Promise<ContactRow>; at: number },
) {
  const { full } = d;
  const [maria, alexey] = d.managers as [Actor, Actor];
  const couple = await d.newContact(maria, d.at - DAY_MS);
  const family = await d.newContact(alexey, d.at - DAY_MS);
  await joinWaitlist(d.as(maria, d.at - 20 * HOUR_MS), full.id, { contactId: couple.id, seats: 2, note: 'Двойка, искат да седят заедно' });
  await joinWaitlist(d.as(alexey, d.at - 18 * HOUR_MS), full.id, { contactId: family.id, seats: 4, note: 'Семейство с две деца' });
  const twoSeats = await base.db.select().from(deals).where(sql`${deals.departureId} = ${full.id} AND ${deals.seats} = 2 AND ${deals.cancelledAt} IS NULL`).get();
  if (twoSeats) await cancelDeal(d.as(maria, d.at), twoSeats.id, { reason: 'Отказаха се: смяна на работата' });
}

/** What clients write, and what the manager notes down of it on the selection tab. */
const WISHES: { message: string; wishes: WishesInput }[] = [
  { message: 'Охрид за двама в октомври', wishes: { destination: 'Охрид', people: 2, notes: 'октомври' } },
  { message: 'Истанбул, 3 нощувки, с дете', wishes: { destination: 'Истанбул', people: 2, budgetMinor: 80000, notes: 'с дете на 7 години' } },
  { message: 'Букурещ и Синая, група от 6', wishes: { destination: 'Букурещ', people: 6 } },
  { message: 'Нещо на море за уикенда', wishes: { notes: 'море, уикенд' } },
  { message: 'Солун за шопинг преди Нова година', wishes: { destination: 'Солун', people: 1 } },
  { message: 'Рилски манастир с баба', wishes: { destination: 'Рилски манастир', people: 2, notes: 'баба трудно ходи' } },
];
const REFUSALS = ['not_going', 'changed_mind', 'bought_elsewhere', 'price_shopping', 'not_relevant', 'no_suitable_offer'] as const;

/**
 * The lead pipeline of the last month: fresh inquiries (some past their 8 hours), offers out,
 * refusals with every kind of reason, a client who came back, and leads that became bookings.
 */
async function seedInquiries(
  base: Ctx,
  d: {
    rnd: Rnd;
    managers: Actor[];
    /** This set's trips still to come: its leads book these, never the agency's own. */
    upcoming: { id: number }[];
    firstInquiryId: number;
    newContact: (manager: Actor, at: number) => Promise<ContactRow>;
    as: (actor: Actor, at: number) => ActingCtx;
  },
): Promise<Record<string, number>> {
  const { rnd, upcoming } = d;
  const lead = async (daysAgo: number, hoursAgo = 0) => {
    const manager = rnd.pick(d.managers);
    const at = base.now - daysAgo * DAY_MS - hoursAgo * HOUR_MS;
    const contact = await d.newContact(manager, at - HOUR_MS);
    const source = rnd.pick(['phone', 'site', 'messenger', 'ad', 'office'] as const);
    const wish = rnd.pick(WISHES);
    const { inquiry } = await takeInquiry(d.as(manager, at), { name: contact.name, phone: contact.phone, email: contact.email, message: wish.message, wishes: wish.wishes, source });
    return { manager, at, inquiry, contact };
  };
  const step = async (manager: Actor, at: number, id: number, status: Parameters<typeof moveInquiry>[2]['status'], reason?: string) =>
    await moveInquiry(d.as(manager, at), id, { status, ...(reason ? { reason } : {}) });

  for (let i = 0; i < 4; i++) await lead(0, rnd.int(1, 12)); // new today; the oldest are past their 8 hours
  for (let i = 0; i < 3; i++) {
    const l = await lead(rnd.int(1, 4));
    await step(l.manager, l.at + 2 * HOUR_MS, l.inquiry.id, 'selecting');
  }
  for (let i = 0; i < 2; i++) {
    const l = await lead(rnd.int(2, 5));
    await step(l.manager, l.at + HOUR_MS, l.inquiry.id, 'no_offer');
  }
  for (let i = 0; i < 4; i++) {
    const l = await lead(rnd.int(3, 8));
    await step(l.manager, l.at + HOUR_MS, l.inquiry.id, 'selecting');
    await step(l.manager, l.at + 5 * HOUR_MS, l.inquiry.id, 'offer_made');
    await recordCommunication(d.as(l.manager, l.at + DAY_MS), l.contact.id, { channel: 'call', summary: 'Изпратихме програмата и цената', nextContactAt: DateTime.fromMillis(base.now).plus({ days: 1 }).toISO()! });
  }
  for (const [i, reason] of REFUSALS.entries()) {
    const l = await lead(rnd.int(6, 28));
    if (i % 2 === 0) await step(l.manager, l.at + 3 * HOUR_MS, l.inquiry.id, 'selecting');
    await step(l.manager, l.at + DAY_MS, l.inquiry.id, 'refused', reason);
    if (reason === 'changed_mind') {
      // A month later she is back: a reactivation, counted apart in the funnel.
      await takeInquiry(d.as(l.manager, base.now - 2 * HOUR_MS), { name: l.contact.name, phone: l.contact.phone, message: 'Все пак искаме да пътуваме', source: 'phone' });
    }
  }
  for (let i = 0; i < 3 && upcoming.length; i++) {
    const l = await lead(rnd.int(5, 20));
    await step(l.manager, l.at + HOUR_MS, l.inquiry.id, 'selecting');
    await step(l.manager, l.at + 4 * HOUR_MS, l.inquiry.id, 'offer_made');
    const departure = rnd.pick(upcoming);
    try {
      await bookInquiry(d.as(l.manager, l.at + 2 * DAY_MS), l.inquiry.id, { departureId: departure.id, seats: 1 });
    } catch {
      // The bus filled up in the meantime: the offer stays open, as it would.
    }
  }
  const counts: Record<string, number> = {};
  for (const row of await base.db.select({ status: inquiries.status, n: sql<number>`count(*)` }).from(inquiries).where(sql`${inquiries.id} >= ${d.firstInquiryId}`).groupBy(inquiries.status).all()) {
    counts[row.status] = row.n;
  }
  return counts;
}
