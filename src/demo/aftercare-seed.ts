/**
 * The demo agency's plan and its life after the trip: stages done with their reports (and a
 * trip whose stages are late), the trip that came back with its travellers asked how it was
 * and some answers in, clients who agreed to offers (some with birthdays), and a campaign draft.
 */
import { forEachInOrder } from '../domain/in-order.js';
import { DateTime } from 'luxon';
import { and, inArray, sql } from 'drizzle-orm';
import { contacts, deals, departures, tasks, travellers } from '../db/schema/index.js';
import type { ActingCtx, Actor, TxCtx } from '../domain/context.js';
import { answerFeedback, feedbackToken, planFeedbackRequests } from '../domain/aftercare/index.js';
import { createCampaign } from '../domain/campaigns/index.js';
import { completeTask, createTask } from '../domain/tasks/index.js';
import { DAY_MS, HOUR_MS } from '../domain/time.js';

const REPORTS: Record<string, string> = {
  реклама: 'Обява във Facebook, в сайта и на витрината в офиса',
  'събиране на заявки': 'Записани по телефона и от сайта, списъкът е в системата',
  документи: 'Договорите изпратени и получени подписани',
  капаро: 'Капарото платено от всички записани',
  плащане: 'Окончателните плащания събрани',
  ваучер: 'Ваучерите изпратени по имейл',
};

interface Rnd {
  next: () => number;
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
}

export async function seedAfterTheTrip(
  base: TxCtx,
  d: {
    rnd: Rnd;
    as: (actor: Actor, at: number) => ActingCtx;
    staff: Actor[];
    firstContactId: number;
    /** The demo set's own trips: the agency's other trips, tasks and clients are left as they are. */
    departureIds: number[];
    /** The trip whose stages are left late, so the director sees a stuck plan. */
    stuckTripId: number;
  },
) {
  const byId = new Map(d.staff.map((a) => [a.id, a]));
  const ofThisSet = inArray(tasks.departureId, d.departureIds);
  // Stages past their day are done and reported by whoever they are assigned to (a task is
  // its assignee's to close), except on the stuck trip, where two are late.
  const due = await base.db.select().from(tasks).where(and(ofThisSet, sql`${tasks.status} = 'open' AND ${tasks.dueAt} < ${base.now}`)).orderBy(tasks.dueAt).all();
  let leftLate = 0;
  for (const task of due) {
    if (task.departureId === d.stuckTripId && task.planDaysBefore !== null && task.planDaysBefore <= 21 && leftLate < 2) {
      leftLate++;
      continue;
    }
    const who = byId.get(task.assigneeId);
    if (!who) continue;
    await completeTask(d.as(who, task.dueAt - d.rnd.int(2, 30) * HOUR_MS), task.id, { report: REPORTS[task.title] ?? 'Направено' });
  }
  // A colleague's request with a deadline tomorrow, on the operator's day.
  const operator = d.staff.find((a) => a.role === 'operator');
  const nextTrip = await base.db
    .select()
    .from(departures)
    .where(and(inArray(departures.id, d.departureIds), sql`${departures.departsAt} > ${base.now}`))
    .orderBy(departures.departsAt)
    .get();
  if (operator && nextTrip) {
    await createTask(d.as(d.staff[0]!, base.now - 3 * HOUR_MS), {
      title: 'Потвърди автобуса и шофьора',
      dueAt: DateTime.fromMillis(base.now, { zone: base.agency.timeZone }).plus({ days: 1 }).set({ hour: 12, minute: 0 }).toISO()!,
      assigneeId: operator.id,
      departureId: nextTrip.id,
      note: 'Шофьорът да има списъка с пътниците',
    });
  }

  // Clients agree to offers as they book (most with an e-mail do); their birthdays come from their travel documents.
  for (const contact of await base.db.select().from(contacts).where(sql`${contacts.id} >= ${d.firstContactId}`).all()) {
    if (!contact.email || d.rnd.next() > 0.7) continue;
    const first = await base.db
      .select({ birthDate: travellers.birthDate })
      .from(travellers)
      .innerJoin(deals, sql`${deals.id} = ${travellers.dealId}`)
      .where(sql`${deals.contactId} = ${contact.id} AND ${travellers.position} = 0`)
      .get();
    await base.db.update(contacts).set({ marketingOptIn: true, birthDate: first?.birthDate ?? null }).where(sql`${contacts.id} = ${contact.id}`).run();
  }

  // The trip that came back: its travellers are asked (the mails wait in the outbox, as the
  // scheduler's pass would queue them for any trip back), and a few of the demo's answered.
  await planFeedbackRequests(base);
  const asked = await base.db
    .select({ dealId: deals.id })
    .from(deals)
    .where(
      and(
        inArray(deals.departureId, d.departureIds),
        sql`${deals.id} IN (SELECT deal_id FROM notifications WHERE kind = 'feedback_request') AND ${deals.id} NOT IN (SELECT deal_id FROM feedback)`,
      ),
    )
    .orderBy(deals.id)
    .all();
  const answers = [
    { rating: 5, comment: 'Прекрасна разходка, екскурзоводът беше чудесен!' },
    { rating: 4, comment: 'Хубаво, но автобусът закъсня с 20 минути.' },
    { rating: 5, comment: null },
  ];
  await forEachInOrder(asked.slice(0, answers.length), async ({ dealId }, i) => await answerFeedback({ ...base, now: base.now - (i + 1) * HOUR_MS }, await feedbackToken(base, dealId), answers[i]!));

  // A campaign to write: the Bulgarian clients who are not travelling now, for the spring trips.
  const manager = d.staff.find((a) => a.role === 'manager')!;
  await createCampaign(d.as(manager, base.now - 2 * DAY_MS), {
    name: 'Пролет: Истанбул и Охрид',
    subject: '{name}, пролетта е време за път',
    body: 'Здравейте, {name}!\n\nЗа пролетта подготвихме Истанбул за 3 нощувки и Охрид с Пловдивска спирка. Ранните записвания имат по-добри места в автобуса.\n\nОбадете ни се или отговорете на това писмо.',
    texts: {
      ru: {
        subject: '{name}, весной — в дорогу',
        body: 'Здравствуйте, {name}!\n\nНа весну мы подготовили Стамбул на 3 ночи и Охрид с остановкой в Пловдиве. У ранних записей лучшие места в автобусе.\n\nПозвоните нам или ответьте на это письмо.',
      },
    },
    segment: { stages: ['client', 'postsale'] },
  });
}
