/**
 * The channels besides mail a process sends by, from the configuration: the SMS centre
 * (SMS_URL) and the Telegram bot (TELEGRAM_BOT_TOKEN). Receipts from the SMS centre are
 * recorded as they arrive; the server also polls the bot for clients pressing Start.
 */
import type { Config } from './config.js';
import { toLatin } from './domain/latin.js';
import type { Ctx } from './domain/context.js';
import { recordReceipt } from './domain/notifications/index.js';
import type { TextChannels } from './notifier/dispatch.js';
import { SmppGateway } from './sms/smpp-gateway.js';
import { TelegramChannel } from './telegram/bot.js';

/** SMS_SENDER, else the agency's name in Latin letters and digits (what an alphanumeric sender may carry). */
export function smsSenderOf(config: Pick<Config, 'SMS_SENDER' | 'AGENCY_NAME'>): string {
  if (config.SMS_SENDER) return config.SMS_SENDER;
  const latin = toLatin(config.AGENCY_NAME).replace(/[^A-Za-z0-9 ]/g, '').trim().slice(0, 11).trim();
  return latin || 'tourdesk';
}

export interface OpenChannels extends TextChannels {
  sms?: SmppGateway | undefined;
  telegram?: TelegramChannel | undefined;
  close(): Promise<void>;
}

export function openChannels(config: Config, ctxOf: () => Ctx, log: (line: string) => void): OpenChannels {
  const sms = config.SMS_URL
    ? new SmppGateway({
        url: config.SMS_URL,
        sender: smsSenderOf(config),
        onReceipt: async (receipt) => {
          try {
            await recordReceipt(ctxOf(), receipt);
          } catch (error) {
            log(`SMS receipt ${receipt.messageId} not recorded: ${error instanceof Error ? error.message : String(error)}`);
          }
        },
        log,
      })
    : undefined;
  const telegram = config.TELEGRAM_BOT_TOKEN ? new TelegramChannel({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_URL, ctxOf, log }) : undefined;
  return {
    sms,
    telegram,
    async close() {
      await Promise.all([sms?.close(), telegram?.stop()]);
    },
  };
}

/**
 * Asks the Bot API who the bot is (its @name makes the clients' links) and starts polling;
 * a Bot API out of reach leaves the links off and is logged, the desk runs on.
 */
export async function startTelegram(channels: OpenChannels, agency: { telegramBot?: string | null }, log: (line: string) => void): Promise<void> {
  if (!channels.telegram) return;
  try {
    agency.telegramBot = await channels.telegram.username();
    channels.telegram.startPolling();
    log(`Telegram bot @${agency.telegramBot}: clients link their chat from the link on their card`);
  } catch (error) {
    log(`Telegram bot unreachable (${error instanceof Error ? error.message : String(error)}): no client links until the next start`);
  }
}
