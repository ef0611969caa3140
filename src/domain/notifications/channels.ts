/**
 * By which way a notice reaches a client: the first of their channels (in their order) that
 * can reach them, the rest kept in order to fall back on when one fails. Only notices that
 * tell a traveller something time-bound follow it (booking confirmations, departure notices,
 * payment reminders, waiting-list offers); vouchers, feedback requests and campaigns are mail.
 */
import { z } from 'zod';
import type { Agency } from '../context.js';

export const MESSAGE_CHANNELS = ['email', 'sms', 'telegram'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** A client who never chose: e-mail, then SMS (each where they have the address and the agency the channel). */
export const DEFAULT_CHANNELS: MessageChannel[] = ['email', 'sms'];

export const ChannelsInput = z
  .array(z.enum(MESSAGE_CHANNELS))
  .max(MESSAGE_CHANNELS.length)
  .refine((list) => new Set(list).size === list.length, 'must not name a channel twice');

export interface Reachable {
  email: string | null;
  phone: string | null;
  /** JSON array as stored, or null for the default. */
  channels: string | null;
  telegramChatId: string | null;
}

export interface Hop {
  channel: MessageChannel;
  to: string;
}

/** The client's order as stored; anything unreadable is the default. */
export function channelsOf(stored: string | null): MessageChannel[] {
  if (!stored) return DEFAULT_CHANNELS;
  try {
    const parsed = ChannelsInput.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : DEFAULT_CHANNELS;
  } catch {
    return DEFAULT_CHANNELS;
  }
}

/**
 * The client's channels as the desk shows them: their own order when they chose one, else the
 * default, each only where the client has the address and the agency the channel.
 */
export function effectiveChannels(agency: Agency, client: Reachable): MessageChannel[] {
  if (client.channels) return channelsOf(client.channels);
  const has: Record<MessageChannel, boolean> = { email: Boolean(client.email), sms: Boolean(client.phone), telegram: Boolean(client.telegramChatId) };
  return DEFAULT_CHANNELS.filter((channel) => has[channel] && agencyHas(agency, channel));
}

/** Which channels the agency has: SMS with an SMS centre, Telegram with a bot. */
export const agencyHas = (agency: Agency, channel: MessageChannel) => channel === 'email' || (channel === 'sms' ? Boolean(agency.sms) : Boolean(agency.telegram));

/** The ways that can reach this client now, in their order. */
export function routeOf(agency: Agency, client: Reachable): Hop[] {
  const to: Record<MessageChannel, string | null> = { email: client.email, sms: client.phone, telegram: client.telegramChatId };
  return channelsOf(client.channels)
    .filter((channel) => agencyHas(agency, channel) && to[channel])
    .map((channel) => ({ channel, to: to[channel]! }));
}

/** A notice's first way and what is left, as the outbox row stores them; no way: a phone call. */
export function routedColumns(agency: Agency, client: Reachable) {
  const [first, ...rest] = routeOf(agency, client);
  return {
    channel: first?.channel ?? 'email',
    toAddress: first?.to ?? null,
    fallbacks: rest.length ? JSON.stringify(rest) : null,
    status: first ? ('pending' as const) : ('no_address' as const),
  };
}

export function fallbacksOf(stored: string | null): Hop[] {
  if (!stored) return [];
  try {
    return (JSON.parse(stored) as Hop[]).filter((hop) => (MESSAGE_CHANNELS as readonly string[]).includes(hop.channel) && typeof hop.to === 'string');
  } catch {
    return [];
  }
}
