/**
 * A stand-in for the Telegram Bot API on loopback: getMe, deleteWebhook, getUpdates (the
 * updates a test pushes, held briefly like a long poll) and sendMessage (recorded; a chat
 * the test marked blocked gets the 403 Telegram answers). Real HTTP, so grammY talks to it
 * as to api.telegram.org.
 */
import { createServer, type Server } from 'node:http';

export interface SentMessage {
  chat_id: string;
  text: string;
}

const servers: Server[] = [];

export async function botApi(options: { username?: string } = {}) {
  const updates: { update_id: number; [key: string]: unknown }[] = [];
  const sent: SentMessage[] = [];
  const blocked = new Set<string>();
  let nextUpdate = 1;
  let nextMessage = 100;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      const method = /\/bot[^/]+\/(\w+)/.exec(req.url ?? '')?.[1] ?? '';
      const params = body ? (JSON.parse(body) as Record<string, any>) : {};
      const answer = (result: unknown) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
      if (method === 'getMe') return answer({ id: 42, is_bot: true, first_name: 'Balkan Tour', username: options.username ?? 'balkantour_bot' });
      if (method === 'deleteWebhook' || method === 'setMyCommands') return answer(true);
      if (method === 'getUpdates') {
        const offset = Number(params.offset ?? 0);
        for (let i = 0; i < 10 && !updates.some((u) => u.update_id >= offset); i++) await new Promise((resolve) => setTimeout(resolve, 30));
        return answer(updates.filter((u) => u.update_id >= offset));
      }
      if (method === 'sendMessage') {
        const chat = String(params.chat_id);
        if (blocked.has(chat)) return res.writeHead(403, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }));
        sent.push({ chat_id: chat, text: String(params.text) });
        return answer({ message_id: nextMessage++, date: 0, chat: { id: Number(chat), type: 'private' }, text: params.text });
      }
      res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 404, description: `Not Found: ${method}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const chat = (id: number, language = 'bg') => ({ chat: { id, type: 'private' as const, first_name: 'Клиент' }, from: { id, is_bot: false, first_name: 'Клиент', language_code: language } });
  return {
    apiRoot: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    sent,
    block: (chatId: number) => blocked.add(String(chatId)),
    /** The client typed a command (as Telegram sends /start <payload> from a t.me link). */
    command(chatId: number, text: string, language = 'bg') {
      const update = { update_id: nextUpdate++, message: { message_id: nextMessage++, date: Math.floor(Date.now() / 1000), text, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }], ...chat(chatId, language) } };
      updates.push(update);
      return update;
    },
  };
}

export async function closeBotApis() {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
