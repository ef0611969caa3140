import { afterEach, describe, expect, it } from 'vitest';
import { signLink } from '../../src/domain/links.js';
import { runNotifierPass } from '../../src/notifier/pass.js';
import { TelegramChannel } from '../../src/telegram/bot.js';
import { botApi, closeBotApis } from '../helpers/bot-api.js';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { AGENCY, makeTestApp } from '../helpers/test-app.js';

const channels: TelegramChannel[] = [];
afterEach(async () => {
  for (const channel of channels.splice(0)) await channel.stop();
  await closeBotApis();
});

/** A client of a trip with the agency's bot, spoken to through the local Bot API stand-in. */
async function setUp() {
  const api = await botApi();
  const t = await makeTestApp({ mailer: memoryMailer(), now: Date.parse('2027-03-01T09:00:00Z'), agency: { ...AGENCY, telegram: true, telegramBot: 'balkantour_bot' } });
  const telegram = new TelegramChannel({ token: '123:test', apiRoot: api.apiRoot, ctxOf: t.ctx });
  channels.push(telegram);
  await telegram.username();
  const token = (await t.as('manager')).token;
  const dep = await createDeparture(t, token, { title: 'Охрид 29.10', departsAt: '2027-10-29T06:30:00+03:00', stops: [{ name: 'София, НДК', offsetMinutes: 0 }] });
  const client = await createContact(t, token, { name: 'Иван Петров', locale: 'bg', email: 'ivan@example.com' });
  await createDeal(t, token, { departureId: dep.id, contactId: client.id, seats: 1 });
  const card = async () => (await t.call('GET', `/api/v1/contacts/${client.id}`, { token })).body;
  const startOf = async () => new URL((await card()).telegramLink).searchParams.get('start')!;
  const chatOf = async () => (await t.database.sqlite.prepare('SELECT telegram_chat_id AS chat FROM contacts WHERE id = ?').get(client.id) as { chat: string | null }).chat;
  /** The person in `chat` pressed Start with `start`; answers the bot's reply. */
  const press = async (chat: number, start: string, language = 'en') => {
    await telegram.bot.handleUpdate(api.command(chat, `/start ${start}`, language) as never);
    const reply = api.sent.at(-1)!;
    expect(reply.chat_id).toBe(String(chat));
    return reply.text;
  };
  return { api, t, telegram, client, dep, card, startOf, chatOf, press, departsAt: Date.parse(dep.departsAt) };
}

describe('a Telegram start link links once', () => {
  it('a used link sent again from another chat is refused in the client’s language and does not relink; the notice still goes to the first chat', async () => {
    const s = await setUp();
    const start = await s.startOf();
    expect(await s.press(5551, start)).toContain('Здравейте, Иван Петров!');
    expect(await s.chatOf()).toBe('5551');

    // Someone else got hold of the link (a forwarded mail, a photo of the voucher).
    const refused = await s.press(6666, start, 'en');
    expect(refused).toContain('Тази връзка вече е използвана');
    expect(refused).not.toContain('Иван Петров');
    expect(await s.chatOf()).toBe('5551');
    expect((await s.card()).telegramLinked).toBe(true);

    s.t.setNow(s.departsAt - 24 * 3_600_000);
    await runNotifierPass(s.t.ctx, memoryMailer(), { channels: { telegram: s.telegram } });
    const notice = s.api.sent.at(-1)!;
    expect(notice.text).toContain('Охрид 29.10');
    expect(notice.chat_id).toBe('5551');
    expect(s.api.sent.filter((m) => m.chat_id === '6666')).toHaveLength(1);
  });

  it('the chat it linked may press it again harmlessly', async () => {
    const s = await setUp();
    const start = await s.startOf();
    await s.press(5551, start);
    expect(await s.press(5551, start)).toContain('този чат вече е свързан');
    expect(await s.chatOf()).toBe('5551');
  });

  it('after /stop the card offers a new link: the old one no longer links any chat, the new one links once', async () => {
    const s = await setUp();
    const first = await s.startOf();
    await s.press(5551, first);
    await s.telegram.bot.handleUpdate(s.api.command(5551, '/stop') as never);
    expect(await s.chatOf()).toBeNull();
    const second = await s.startOf();
    expect(second).not.toBe(first);
    expect(second).toMatch(/^[A-Za-z0-9_-]{1,64}$/);

    expect(await s.press(6666, first)).toContain('Тази връзка вече е използвана');
    expect(await s.press(5551, first)).toContain('Тази връзка вече е използвана');
    expect(await s.chatOf()).toBeNull();
    expect((await s.card()).telegramLinked).toBe(false);

    expect(await s.press(7777, second)).toContain('Здравейте, Иван Петров!');
    expect(await s.chatOf()).toBe('7777');
    expect(await s.press(6666, second)).toContain('Тази връзка вече е използвана');
    expect(await s.chatOf()).toBe('7777');
  });

  it('a link handed out before links were versioned still links once, then is used like any other', async () => {
    const s = await setUp();
    const old = (await signLink(s.t.database.sqlite, 'telegram', [s.client.id])).replace('.', '-');
    expect(await s.press(5551, old)).toContain('Здравейте, Иван Петров!');
    expect(await s.press(6666, old)).toContain('Тази връзка вече е използвана');
    expect(await s.chatOf()).toBe('5551');
  });

  it('a link altered to name another client is not one the agency sent', async () => {
    const s = await setUp();
    const start = await s.startOf();
    const other = await createContact(s.t, (await s.t.as('manager')).token, { name: 'Друг Клиент', locale: 'bg' });
    const altered = start.replace(/^\d+-/, `${other.id}-`);
    expect(await s.press(6666, altered, 'ru')).toContain('Эта ссылка не от Балкан Тур');
    expect(await s.chatOf()).toBeNull();
  });
});
