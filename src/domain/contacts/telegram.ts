import { changesOf } from '../../db/handle.js';
/**
 * A client's Telegram chat, linked when they press Start in the agency's bot from the link
 * on their card (a signed token naming them), and unlinked when they send /stop or block the
 * bot. Linking puts Telegram first among their channels: pressing Start is the client saying
 * "tell me here".
 *
 * A link works once. Its token is signed with the contact's `telegramLinkVersion`, and linking
 * a chat moves the version on: the same link pressed again from another chat (a forwarded
 * mail, a photographed voucher) is refused and links nothing, and the card shows a new link.
 * The chat it linked may press it again harmlessly.
 */
import { eq } from 'drizzle-orm';
import { contacts } from '../../db/schema/index.js';
import { statement } from '../../db/statements.js';
import { atomically } from '../../db/transaction.js';
import type { Ctx, Locale } from '../context.js';
import { readLink, signLink } from '../links.js';
import { channelsOf } from '../notifications/channels.js';
import type { ContactRow } from './rows.js';

const versionOf = async (ctx: Pick<Ctx, 'sqlite'>, contactId: number): Promise<number | null> =>
  (await statement(ctx.sqlite, 'SELECT telegram_link_version AS version FROM contacts WHERE id = ?').get(contactId) as { version: number } | undefined)?.version ?? null;

/**
 * The start parameter of the client's current t.me link: `<id>-<version>-<signature>`.
 * Telegram allows only letters, digits, `_` and `-` there, so the signed link's dots become
 * dashes (the id and version before them are digits only).
 */
export async function telegramStartToken(ctx: Pick<Ctx, 'sqlite'>, contactId: number): Promise<string> {
  return (await signLink(ctx.sqlite, 'telegram', [contactId, await versionOf(ctx, contactId) ?? 1])).replace('.', '-').replace('.', '-');
}

/**
 * Whom a start parameter names, and with which version of their link; null when it is not a
 * link this installation signed. A link made before links were versioned (`<id>-<signature>`)
 * is read as version 1, so one handed out then still works, once.
 */
export async function startLinkOf(ctx: Pick<Ctx, 'sqlite'>, token: string): Promise<{ contactId: number; version: number } | null> {
  const versioned = /^(\d{1,15})-(\d{1,15})-([\w-]+)$/.exec(token);
  const ids = versioned ? await readLink(ctx.sqlite, 'telegram', `${versioned[1]}.${versioned[2]}.${versioned[3]}`, 2) : null;
  if (ids) return { contactId: ids[0]!, version: ids[1]! };
  const legacy = /^(\d{1,15})-([\w-]+)$/.exec(token);
  const [id] = (legacy && await readLink(ctx.sqlite, 'telegram', `${legacy[1]}.${legacy[2]}`, 1)) || [];
  return id ? { contactId: id, version: 1 } : null;
}

/** `https://t.me/<bot>?start=<token>`, when the agency has a bot. */
export async function telegramLinkOf(ctx: Pick<Ctx, 'sqlite'>, botUsername: string | null | undefined, contactId: number): Promise<string | null> {
  return botUsername ? `https://t.me/${botUsername}?start=${await telegramStartToken(ctx, contactId)}` : null;
}

export type StartOutcome =
  /** The chat is linked now. */
  | { outcome: 'linked'; contact: ContactRow }
  /** The chat this link already linked pressed it again: nothing changes. */
  | { outcome: 'already_linked'; contact: ContactRow }
  /** The link was used (by another chat, or before a /stop): nothing is linked; the client asks for a new one. */
  | { outcome: 'used'; locale: Locale | null }
  /** Not a link of this installation, or its client is gone. */
  | { outcome: 'unknown' };

/** The client pressed Start with `token` in `chatId`: link it if the link is still unused. */
export async function linkTelegramChat(ctx: Ctx, token: string, chatId: string): Promise<StartOutcome> {
  const link = await startLinkOf(ctx, token);
  if (!link) return { outcome: 'unknown' };
  return await atomically(ctx, async (ctx) => {
    const contact = await ctx.db.select().from(contacts).where(eq(contacts.id, link.contactId)).get();
    if (!contact) return { outcome: 'unknown' };
    if (link.version !== contact.telegramLinkVersion) {
      return contact.telegramChatId === chatId ? { outcome: 'already_linked', contact } : { outcome: 'used', locale: contact.locale };
    }
    const channels = ['telegram' as const, ...channelsOf(contact.channels).filter((c) => c !== 'telegram')];
    const linked = (await ctx.db
      .update(contacts)
      .set({ telegramChatId: chatId, channels: JSON.stringify(channels), telegramLinkVersion: contact.telegramLinkVersion + 1, updatedAt: ctx.now })
      .where(eq(contacts.id, contact.id))
      .returning()
      .get())!;
    return { outcome: 'linked', contact: linked };
  });
}

/** /stop, or a blocked bot: the chat is no longer a way to reach anyone. Answers how many clients it was linked to. */
export async function unlinkTelegram(ctx: Ctx, chatId: string): Promise<number> {
  return await atomically(ctx, async (ctx) => changesOf(await ctx.db.update(contacts).set({ telegramChatId: null, updatedAt: ctx.now }).where(eq(contacts.telegramChatId, chatId)).run()));
}
