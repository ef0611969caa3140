/**
 * What the waiting list answers: an entry as `serializeEntry` writes it, the departure's list
 * (each entry with how to reach its client), and the booking made from held seats.
 */
import { z } from 'zod';
import { WAITLIST_STATUSES } from '../../../db/schema/index.js';
import { DealAnswer } from './deals.js';
import { Instant, type Answers } from './types.js';

const id = z.number().int().positive();

const entryFields = {
  id,
  departureId: id,
  contactId: id,
  managerId: id.nullable(),
  seats: z.number().int().positive(),
  note: z.string().nullable(),
  status: z.enum(WAITLIST_STATUSES),
  /** When seats were last offered to it; null: never. */
  offeredAt: Instant.nullable(),
  /** Until when the offered seats are held; null unless the entry is offered now. */
  holdUntil: Instant.nullable(),
  /** The booking it turned into. */
  dealId: id.nullable(),
  createdAt: Instant,
};

export const WaitlistEntryAnswer = z
  .object(entryFields)
  .meta({ id: 'WaitlistEntry', description: 'A client waiting for seats on a full departure; offered: the seats are held until holdUntil' });

export const WaitlistListEntryAnswer = z
  .object({
    ...entryFields,
    contactName: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  })
  .meta({ id: 'WaitlistListEntry', description: "A waiting-list entry as the departure's list shows it: with the client's name, phone and e-mail" });

export const WaitlistAnswer = z
  .object({ items: z.array(WaitlistListEntryAnswer) })
  .meta({ id: 'Waitlist', description: "The departure's whole waiting list, in the order the clients joined (not paged)" });

export const WaitlistBookingAnswer = z.object({ deal: DealAnswer }).meta({ id: 'WaitlistBooking', description: 'The booking made from the seats held for an entry' });

export const waitlistAnswers: Answers = {
  'get /departures/:id/waitlist': WaitlistAnswer,
  'post /departures/:id/waitlist': WaitlistEntryAnswer,
  'get /waitlist/:id': WaitlistEntryAnswer,
  'post /waitlist/:id/book': WaitlistBookingAnswer,
  'post /waitlist/:id/withdraw': WaitlistEntryAnswer,
};
