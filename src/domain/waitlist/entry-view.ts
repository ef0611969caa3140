/** A waiting-list entry as the API answers it; apart so the offers (which the capacity check imports) can carry it in their event. */
import type { waitlistEntries } from '../../db/schema/index.js';

export type WaitlistRow = typeof waitlistEntries.$inferSelect;

export function serializeEntry(row: WaitlistRow, contact?: { name: string; phone: string | null; email: string | null }) {
  return {
    id: row.id,
    departureId: row.departureId,
    contactId: row.contactId,
    ...(contact ? { contactName: contact.name, phone: contact.phone, email: contact.email } : {}),
    managerId: row.managerId,
    seats: row.seats,
    note: row.note,
    status: row.status,
    offeredAt: row.offeredAt,
    holdUntil: row.status === 'offered' ? row.holdUntil : null,
    dealId: row.dealId,
    createdAt: row.createdAt,
  };
}
