import { afterEach, describe, expect, it } from 'vitest';
import { runNotifierPass } from '../../src/notifier/pass.js';
import { voucherOf } from '../../src/domain/deals/voucher.js';
import { TelegramChannel } from '../../src/telegram/bot.js';
import { botApi, closeBotApis } from '../helpers/bot-api.js';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { AGENCY, makeTestApp } from '../helpers/test-app.js';

const DAY = 24 * 3_600_000;
const channels: TelegramChannel[] = [];
afterEach(async () => {
  for (const channel of channels.splice(0)) await channel.stop();
  await closeBotApis();
});

async function setUp() {
  const api = await botApi();
  const mailer = memoryMailer();
  const t = await makeTestApp({ mailer, now: Date.parse('2027-03-01T09:00:00Z'), agency: { ...AGENCY, telegram: true, telegramBot: 'balkantour_bot' } });
  const telegram = new TelegramChannel({ token: '123:test', apiRoot: api.apiRoot, ctxOf: t.ctx });
  channels.push(telegram);
  expect(await telegram.username()).toBe('balkantour_bot');
  const token = (await t.as('manager')).token;
  const dep = await createDeparture(t, token, { title: 'Охрид 29.10', departsAt: '2027-10-29T06:30:00+03:00', stops: [{ name: 'София, НДК', offsetMinutes: 0 }] });
  const client = await createContact(t, token, { name: 'Иван Петров', locale: 'bg', email: 'ivan@example.com' });
  const deal = await createDeal(t, token, { departureId: dep.id, contactId: client.id, seats: 1 });
  const card = async () => (await t.call('GET', `/api/v1/contacts/${client.id}`, { token: (await t.as('manager')).token })).body;
  /** Feeds one update from the stand-in through the bot, as polling would. */
  const deliver = (update: object) => telegram.bot.handleUpdate(update as never);
  const pass = async () => await runNotifierPass(t.ctx, mailer, { channels: { telegram } });
  const rows = async () => (await t.database.sqlite.prepare('SELECT * FROM notifications WHERE deal_id = ? ORDER BY id').all(deal.id)) as any[];
  return { api, mailer, t, telegram, client, deal, dep, card, deliver, pass, rows, departsAt: Date.parse(dep.departsAt) };
}

describe('Telegram', () => {
  it('links the chat of a client who presses Start from their link, answers in their language, and tells them the trip there', async () => {
    const s = await setUp();
    const before = await s.card();
    expect(before.telegramLinked).toBe(false);
    // The default order, as far as this agency (no SMS centre) and this client reach.
    expect(before.channels).toEqual(['email']);
    const link = new URL(before.telegramLink);
    expect(link.origin + link.pathname).toBe('https://t.me/balkantour_bot');
    const start = link.searchParams.get('start')!;
    expect(start).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    // The voucher carries the same link (its second QR code) while the client has not linked.
    expect((await voucherOf(s.t.ctx(), s.deal.id)).data.telegramLink).toBe(before.telegramLink);

    await s.deliver(s.api.command(5551, `/start ${start}`, 'ru'));
    expect(s.api.sent.at(-1)).toMatchObject({ chat_id: '5551' });
    expect(s.api.sent.at(-1)!.text).toContain('Здравейте, Иван Петров!');
    const after = await s.card();
    expect(after).toMatchObject({ telegramLinked: true, channels: ['telegram', 'email', 'sms'] });
    expect((await voucherOf(s.t.ctx(), s.deal.id)).data.telegramLink).toBeNull();

    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    const notice = s.api.sent.at(-1)!;
    expect(notice.chat_id).toBe('5551');
    expect(notice.text).toContain('Охрид 29.10');
    expect(notice.text).toContain('06:30');
    expect((await s.rows())[0]).toMatchObject({ channel: 'telegram', status: 'sent', to_address: '5551' });
    expect(s.mailer.sent).toHaveLength(0);
  });

  it('refuses an altered link, and /stop unlinks', async () => {
    const s = await setUp();
    const start = new URL((await s.card()).telegramLink).searchParams.get('start')!;
    await s.deliver(s.api.command(5552, `/start ${start.slice(0, -2)}xx`, 'en'));
    expect(s.api.sent.at(-1)!.text).toContain('This link is not one Балкан Тур sent');
    expect((await s.card()).telegramLinked).toBe(false);
    await s.deliver(s.api.command(5552, `/start ${start}`));
    expect((await s.card()).telegramLinked).toBe(true);
    await s.deliver(s.api.command(5552, '/stop'));
    expect((await s.card()).telegramLinked).toBe(false);
    expect(s.api.sent.at(-1)!.text).toContain('няма да ви пише повече');
  });

  it('a client who blocked the bot is unlinked and gets the notice by e-mail instead', async () => {
    const s = await setUp();
    const start = new URL((await s.card()).telegramLink).searchParams.get('start')!;
    await s.deliver(s.api.command(5553, `/start ${start}`));
    s.api.block(5553);
    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    expect((await s.rows())[0]).toMatchObject({ channel: 'email', status: 'pending' });
    expect((await s.rows())[0].error).toMatch(/^telegram: the client blocked the bot/);
    expect((await s.card()).telegramLinked).toBe(false);
    await s.pass();
    expect((await s.rows())[0]).toMatchObject({ channel: 'email', status: 'sent' });
    expect(s.mailer.sent).toHaveLength(1);
  });

  it('polls the Bot API in the background: Start from the phone links the chat', async () => {
    const s = await setUp();
    const start = new URL((await s.card()).telegramLink).searchParams.get('start')!;
    s.telegram.startPolling();
    s.api.command(5554, `/start ${start}`);
    for (let i = 0; i < 100 && !(await s.card()).telegramLinked; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await s.card()).telegramLinked).toBe(true);
  });
});
