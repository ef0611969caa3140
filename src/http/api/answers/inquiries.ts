/** Inquiries (leads): the row, the list, the inquiry with its history, intake and booking. */
import { z } from 'zod';
import { BLACKLIST_REASONS, INQUIRY_EVENTS, INQUIRY_STATUSES, REFUSAL_REASONS } from '../../../db/schema/index.js';
import { Contact } from './contact.js';
import { DealAnswer } from './deals.js';
import { Day, Instant, Minor, type Answers } from './types.js';

const id = z.number().int();

/** Why an inquiry closed: a refusal's or a black-listing's reason. */
const ClosingReason = z.enum([...new Set([...REFUSAL_REASONS, ...BLACKLIST_REASONS])] as [string, ...string[]]);

/** What the client wants; only the wishes given are present. */
export const Wishes = z
  .object({
    destination: z.string().optional(),
    dateFrom: Day.optional(),
    dateTo: Day.optional(),
    people: z.number().int().min(1).optional(),
    budgetMinor: Minor.optional().meta({ description: 'For the whole party' }),
    notes: z.string().optional(),
  })
  .meta({ id: 'InquiryWishes', description: "The client's wishes: where, when, how many, for how much" });

const inquiryFields = {
  id,
  contactId: id,
  managerId: id.nullable(),
  status: z.enum(INQUIRY_STATUSES),
  source: z.string().nullable().meta({ description: 'Where it came from (phone, site, an ad campaign...), as given' }),
  departureId: id.nullable(),
  reactivation: z.boolean().meta({ description: 'The client came back after an earlier inquiry was closed' }),
  flagged: z.boolean().meta({ description: 'A black-listed or "do not contact" client: on no worklist' }),
  reason: ClosingReason.nullable(),
  firstOfferDueAt: Instant,
  firstOfferAt: Instant.nullable(),
  offerMadeAt: Instant.nullable(),
  offerExpiresAt: Instant.nullable(),
  dealId: id.nullable(),
  lastMessageAt: Instant.nullable().meta({ description: 'A message merged in since: new activity' }),
  wishes: Wishes,
  closedAt: Instant.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
};

/** The inquiry's own fields. */
export const InquirySummary = z.object(inquiryFields).meta({ id: 'InquirySummary', description: "An inquiry's own fields" });

/** An item of `GET /inquiries` (and of the client card's inquiries). */
export const InquiryListItem = z
  .object({ ...inquiryFields, contactName: z.string() })
  .meta({ id: 'InquiryListItem', description: "An inquiry with its client's name" });

/** The `GET /inquiries/:id` answer: the inquiry with its client, history and the moves allowed. */
export const InquiryAnswer = z
  .object({
    ...inquiryFields,
    contact: z.object({ id, name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
    allowedMoves: z.array(z.enum(INQUIRY_STATUSES)).meta({ description: 'The statuses a person may move it to now' }),
    contactsSinceOffer: z.number().int().meta({ description: 'Conversations recorded with the client since the offer was made' }),
    history: z.array(
      z.object({
        kind: z.enum(INQUIRY_EVENTS),
        from: z.enum(INQUIRY_STATUSES).nullable(),
        to: z.enum(INQUIRY_STATUSES).nullable(),
        reason: ClosingReason.nullable(),
        note: z.string().nullable(),
        message: z.string().nullable(),
        source: z.string().nullable(),
        at: Instant,
        by: id.nullable(),
        byName: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Inquiry', description: 'An inquiry with its client, its history and the moves allowed' });

export const inquiryAnswers: Answers = {
  'post /inquiries': z
    .object({
      inquiry: InquiryAnswer,
      contact: Contact,
      merged: z.boolean().meta({ description: "true (status 200): the message joined the person's open inquiry; false (201): a new inquiry" }),
    })
    .meta({ id: 'InquiryTaken', description: 'The inquiry the message is in, and its client' }),
  'get /inquiries': z
    .object({ items: z.array(InquiryListItem), nextCursor: z.string().nullable() })
    .meta({ id: 'InquiryList', description: 'Inquiries, oldest first' }),
  'get /inquiries/:id': InquiryAnswer,
  'patch /inquiries/:id': InquiryAnswer,
  'post /inquiries/:id/status': InquiryAnswer,
  'post /inquiries/:id/book': z
    .object({ deal: DealAnswer, inquiry: InquirySummary })
    .meta({ id: 'InquiryBooked', description: 'The booking made and the inquiry, now booked' }),
};
