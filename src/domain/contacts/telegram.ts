/**
 * A client's Telegram chat, linked when they press Start in the agency's bot from the link
 * on their card (a signed token naming them), and unlinked when they send /stop or block the
 * bot. Linking puts Telegram first among their channels: pressing Start is the client saying
 * "tell me here".
 */
import { eq } from 'drizzle-orm';
import { contacts } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import type { Ctx } from '../context.js';
import { readLink, signLink } from '../links.js';
import { channelsOf } from '../notifications/channels.js';
import type { ContactRow } from './rows.js';

/**
 * The start parameter of the client's t.me link. Telegram allows only letters, digits, `_`
 * and `-` there, so the signed link's dot becomes a dash (the id before it is digits only).
 */
export function telegramStartToken(ctx: Pick<Ctx, 'sqlite'>, contactId: number): string {
  return signLink(ctx.sqlite, 'telegram', [contactId]).replace('.', '-');
}

export function contactOfStartToken(ctx: Pick<Ctx, 'sqlite'>, token: string): number | null {
  const [id] = readLink(ctx.sqlite, 'telegram', token.replace('-', '.'), 1) ?? [];
  return id ?? null;
}

/** `https://t.me/<bot>?start=<token>`, when the agency has a bot. */
export function telegramLinkOf(ctx: Pick<Ctx, 'sqlite'>, botUsername: string | null | undefined, contactId: number): string | null {
  return botUsername ? `https://t.me/${botUsername}?start=${telegramStartToken(ctx, contactId)}` : null;
}

export function linkTelegram(ctx: Ctx, contactId: number, chatId: string): ContactRow | null {
  return atomically(ctx.sqlite, () => {
    const contact = ctx.db.select().from(contacts).where(eq(contacts.id, contactId)).get();
    if (!contact) return null;
    const channels = ['telegram' as const, ...channelsOf(contact.channels).filter((c) => c !== 'telegram')];
    return ctx.db.update(contacts).set({ telegramChatId: chatId, channels: JSON.stringify(channels), updatedAt: ctx.now }).where(eq(contacts.id, contactId)).returning().get()!;
  });
}

/** /stop, or a blocked bot: the chat is no longer a way to reach anyone. Answers how many clients it was linked to. */
export function unlinkTelegram(ctx: Ctx, chatId: string): number {
  return atomically(ctx.sqlite, () => ctx.db.update(contacts).set({ telegramChatId: null, updatedAt: ctx.now }).where(eq(contacts.telegramChatId, chatId)).run().changes);
}
