/** A contact's row and its answer shape. */
import { contacts } from '../../db/schema/index.js';
import { channelsOf } from '../notifications/channels.js';

export type ContactRow = typeof contacts.$inferSelect;

export function serializeContact(row: ContactRow) {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    locale: row.locale,
    tags: JSON.parse(row.tags) as string[],
    managerId: row.managerId,
    notes: row.notes,
    nextContactAt: row.nextContactAt,
    followUpDepartureId: row.followUpDepartureId,
    birthDate: row.birthDate,
    marketingOptIn: row.marketingOptIn,
    unsubscribedAt: row.unsubscribedAt,
    channels: channelsOf(row.channels),
    telegramLinked: row.telegramChatId !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
