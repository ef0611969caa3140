/**
 * Selling online in the demo: four trips on sale at /trips with a word for clients, and the
 * three ways an online booking goes: one just made with its deposit due tonight, one whose
 * client paid the deposit by card and filled in the passports, one that was never paid and
 * gave its seats back.
 */
import { eq } from 'drizzle-orm';
import { checkoutSessions, departures } from '../db/schema/index.js';
import type { TxCtx } from '../domain/context.js';
import { getDealRow } from '../domain/deals/index.js';
import { forEachInOrder } from '../domain/in-order.js';
import { bookOnline, cancelUnpaidOnline, checkoutAsk, clientBooking, settleCompletedCheckout, updateTravellersByClient } from '../domain/online/index.js';
import { DAY_MS, HOUR_MS } from '../domain/time.js';

const DESCRIPTIONS: Record<string, string> = {
  Истанбул: 'Три нощувки в хотел 4* в Султанахмет със закуски.\nРазходка с корабче по Босфора, Капалъ чаршъ, Света София.\nВодач от агенцията през цялото време.',
  Охрид: 'Охридското езеро, старият град и манастирът „Св. Наум“.\nДве нощувки със закуски, екскурзовод на български.',
  Солун: 'Еднодневна пазарска екскурзия: Аристотелус, Бялата кула, мол „Медитеранео“.\nСвободно време 6 часа.',
  Мелник: 'Най-малкият град в България, винарна „Кордопулова къща“ с дегустация, Роженският манастир.',
};

export async function seedOnline(base: TxCtx, trips: { id: number; title: string; departsAt: number }[]): Promise<void> {
  const onSale = trips.filter((trip) => trip.departsAt > base.now && Object.keys(DESCRIPTIONS).some((word) => trip.title.startsWith(word)));
  await forEachInOrder(onSale, async (trip) => {
    const word = Object.keys(DESCRIPTIONS).find((w) => trip.title.startsWith(w))!;
    await base.db.update(departures).set({ public: true, description: DESCRIPTIONS[word]! }).where(eq(departures.id, trip.id)).run();
  });
  const ohrid = onSale.find((trip) => trip.title.startsWith('Охрид'));
  const solun = onSale.find((trip) => trip.title.startsWith('Солун'));
  if (!ohrid || !solun) return;
  const at = (ms: number): TxCtx => ({ ...base, actor: null, now: base.now - ms });

  // Booked three hours ago by a mother and her son: the deposit is due tonight.
  await bookOnline(at(3 * HOUR_MS), {
    departureId: ohrid.id,
    name: 'Виктория Славова',
    phone: '+359 89 555 0101',
    email: 'viktoria.slavova@example.com',
    locale: 'bg',
    seats: 2,
    travellers: [{ name: 'Виктория Славова' }, { name: 'Борис Славов', category: 'child', birthDate: '2016-05-14' }],
    message: 'Може ли места отпред?',
  });

  // Booked two days ago, the deposit paid by card at once, the passports filled in the next day.
  const paid = await bookOnline(at(2 * DAY_MS), {
    departureId: solun.id,
    name: 'Анна Лебедева',
    phone: '+7 916 555 0202',
    email: 'anna.lebedeva@example.com',
    locale: 'ru',
    seats: 2,
    travellers: [{ name: 'Анна Лебедева' }, { name: 'Игорь Лебедев' }],
  });
  const paidAt = at(2 * DAY_MS - 10 * 60_000);
  const ask = await checkoutAsk(paidAt, await getDealRow(paidAt, paid.dealId), 'deposit');
  const sessionId = `cs_demo_${paid.dealId}`;
  await paidAt.db.insert(checkoutSessions).values({ dealId: paid.dealId, providerId: sessionId, purpose: 'deposit', amountMinor: ask.amountMinor, currency: ask.currency, url: `https://checkout.example/pay/${sessionId}`, createdAt: paidAt.now }).run();
  await settleCompletedCheckout(paidAt, { eventId: `evt_demo_${paid.dealId}`, sessionId, amountTotal: ask.amountMinor, currency: ask.currency.toLowerCase(), paymentStatus: 'paid' });
  const filled = at(DAY_MS);
  const page = await clientBooking(filled, await getDealRow(filled, paid.dealId));
  await updateTravellersByClient(filled, paid.dealId, {
    travellers: [
      { id: page.travellers[0]!.id, birthDate: '1984-03-02', documentNumber: '75 1234567' },
      { id: page.travellers[1]!.id, birthDate: '1982-11-19', documentNumber: '75 7654321' },
    ],
  });

  // Booked two days ago and never paid: the scheduler gave the seats back.
  const booked = at(2 * DAY_MS + 2 * HOUR_MS);
  await bookOnline(booked, { departureId: ohrid.id, name: 'Калин Пеев', phone: '+359 87 555 0303', email: 'kalin.peev@example.com', locale: 'bg', seats: 3 });
  await cancelUnpaidOnline(at(DAY_MS));
}
