/** A contact's row and its answer shape. */
import { contacts } from '../../db/schema/index.js';
import { effectiveChannels } from '../notifications/channels.js';
import type { Agency } from '../context.js';

export type ContactRow = typeof contacts.$inferSelect;

export function serializeContact(row: ContactRow, agency: Agency) {
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
    channels: effectiveChannels(agency, row),
    /** Whether the client chose their channels (else the default order applies, as the agency's channels change). */
    channelsChosen: row.channels !== null,
    telegramLinked: row.telegramChatId !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
