/**
 * The agency's Telegram bot (grammY, against TELEGRAM_API_URL): it links a client who
 * presses Start from their card's link (once: a used link links no other chat), unlinks one who sends /stop or blocks it, and sends
 * notices with sendMessage. A message the Bot API refuses because the client blocked the bot
 * unlinks them, and the notice falls back to their next channel.
 */
import { Bot, GrammyError } from 'grammy';
import type { Ctx, Locale } from '../domain/context.js';
import { LOCALES } from '../domain/context.js';
import { linkTelegramChat, unlinkTelegram } from '../domain/contacts/index.js';
import { t } from '../i18n/index.js';
import type { TextSender } from '../notifier/dispatch.js';

export interface TelegramOptions {
  token: string;
  apiRoot: string;
  ctxOf: () => Ctx;
  log?: (message: string) => void;
}

/** The client's language from what Telegram says of them, else the agency's. */
const languageOf = (code: string | undefined, fallback: Locale): Locale => {
  const short = (code ?? '').slice(0, 2) as Locale;
  return (LOCALES as readonly string[]).includes(short) ? short : fallback;
};

export class TelegramChannel implements TextSender {
  readonly bot: Bot;
  private polling = false;

  constructor(private readonly options: TelegramOptions) {
    this.bot = new Bot(options.token, { client: { apiRoot: options.apiRoot } });
    this.bot.command('start', async (update) => {
      const ctx = options.ctxOf();
      const reader = languageOf(update.from?.language_code, ctx.agency.locale);
      const token = update.match.trim();
      const started = token ? await linkTelegramChat(ctx, token, String(update.chat.id)) : ({ outcome: 'unknown' } as const);
      switch (started.outcome) {
        case 'linked':
          return void (await update.reply(t(started.contact.locale ?? ctx.agency.locale, 'telegram.linked', { name: started.contact.name, agency: ctx.agency.name })));
        case 'already_linked':
          return void (await update.reply(t(started.contact.locale ?? ctx.agency.locale, 'telegram.alreadyLinked', { name: started.contact.name, agency: ctx.agency.name })));
        // Whoever holds a used link is not told whose it was: only that it no longer links.
        case 'used':
          return void (await update.reply(t(started.locale ?? reader, 'telegram.usedLink', { agency: ctx.agency.name })));
        case 'unknown':
          return void (await update.reply(t(reader, 'telegram.unknownLink', { agency: ctx.agency.name })));
      }
    });
    this.bot.command('stop', async (update) => {
      const ctx = options.ctxOf();
      await unlinkTelegram(ctx, String(update.chat.id));
      await update.reply(t(languageOf(update.from?.language_code, ctx.agency.locale), 'telegram.stopped', { agency: ctx.agency.name }));
    });
    // The client blocked the bot (or left its chat): nobody is linked to it any more.
    this.bot.on('my_chat_member', async (update) => {
      const status = update.myChatMember.new_chat_member.status;
      if (status === 'kicked' || status === 'left') await unlinkTelegram(options.ctxOf(), String(update.chat.id));
    });
    this.bot.catch((error) => options.log?.(`Telegram bot: ${error.message}`));
  }

  /** The bot's @name, for the t.me links; asks the Bot API once. */
  async username(): Promise<string> {
    await this.bot.init();
    return this.bot.botInfo.username;
  }

  /** Long polling in the background, for as long as the process runs. */
  startPolling(): void {
    if (this.polling) return;
    this.polling = true;
    void this.bot.start({ allowed_updates: ['message', 'my_chat_member'], onStart: () => this.options.log?.('Telegram bot: polling') }).catch((error: unknown) => {
      this.polling = false;
      this.options.log?.(`Telegram bot stopped: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  async send(chatId: string, text: string): Promise<{ messageId: string }> {
    try {
      const message = await this.bot.api.sendMessage(chatId, text, { link_preview_options: { is_disabled: true } });
      return { messageId: String(message.message_id) };
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 403) {
        await unlinkTelegram(this.options.ctxOf(), chatId);
        throw new Error(`the client blocked the bot (${error.description})`);
      }
      throw error;
    }
  }

  async stop(): Promise<void> {
    if (this.polling) await this.bot.stop();
    this.polling = false;
  }
}
