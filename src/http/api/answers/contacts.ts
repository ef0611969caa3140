/** Contacts: the client, the client card, conversations, and the card's parts. */
import { z } from 'zod';
import { AUTOMATIC_TAGS, CHANNELS, STAGES } from '../../../domain/contacts/index.js';
import { MONEY_KINDS } from '../../../domain/ledger/ledger.js';
import { DEAL_STATUSES } from '../../../db/schema/index.js';
import { TripFeedback } from './aftercare.js';
import { Contact, contactFields } from './contact.js';
import { InquiryListItem } from './inquiries.js';
import { Instant, Minor, type Answers } from './types.js';

const id = z.number().int();

/** A conversation with the client. */
export const Communication = z
  .object({
    id,
    contactId: id,
    channel: z.enum(CHANNELS),
    summary: z.string(),
    outcome: z.string().nullable(),
    at: Instant,
    nextContactAt: Instant.nullable().meta({ description: 'The next contact planned in it' }),
    createdBy: id.nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'Communication', description: 'A conversation with a client' });

const TimelineEntry = z
  .object({
    at: Instant,
    type: z.enum(['communication', 'inquiry', 'deal', 'payment', 'notice']),
    id: id.meta({ description: 'The communication, inquiry, deal, payment or notice it is about' }),
    dealId: id.nullable(),
    inquiryId: id.nullable(),
    what: z.string().meta({ description: 'What happened, as a code: a channel, `kind:status` of an inquiry event or a notice, a deal status, a money kind' }),
    detail: z.string().nullable(),
    amountMinor: Minor.nullable(),
    currency: z.string().nullable(),
    by: z.string().nullable().meta({ description: 'The name of the person who did it' }),
  })
  .meta({ id: 'ContactTimelineEntry', description: 'One thing that happened with a client' });

const cardFields = {
  ...contactFields,
  tags: z.array(z.string()).meta({ description: 'The given and the automatic tags together' }),
  givenTags: z.array(z.string()),
  automaticTags: z.array(z.enum(AUTOMATIC_TAGS)),
  stage: z.enum(STAGES),
  telegramLink: z.string().nullable().meta({ description: "The client's link to the agency's bot; null without a bot" }),
  lastTripAt: Instant.nullable(),
  communications: z.array(Communication),
  inquiries: z.array(InquiryListItem),
  payments: z.array(
    z
      .object({
        id,
        dealId: id,
        kind: z.enum(MONEY_KINDS),
        method: z.string(),
        amountMinor: Minor.meta({ description: 'Signed: + in, - out' }),
        currency: z.string(),
        receivedAt: Instant,
      })
      .meta({ id: 'ContactPayment', description: "Money in or out on one of the client's bookings" }),
  ),
  timeline: z.array(TimelineEntry),
  deals: z.array(
    z
      .object({
        id,
        departureId: id,
        departureTitle: z.string(),
        departsAt: Instant,
        status: z.enum(DEAL_STATUSES),
        seats: z.number().int(),
        priceMinor: Minor,
        currency: z.string(),
        paidMinor: Minor,
        balanceMinor: Minor,
        feeMinor: Minor,
        refundDueMinor: Minor,
      })
      .meta({ id: 'ContactDeal', description: "One of the client's bookings, latest trip first" }),
  ),
};

/** The client card: details, tags, stage, conversations, inquiries, money, bookings. */
export const ContactCard = z.object(cardFields).meta({ id: 'ContactCard', description: 'The client card' });

const ContactCardWithFeedback = z
  .object({ ...cardFields, feedback: z.array(TripFeedback).meta({ description: 'What the client said after their trips, newest first' }) })
  .meta({ id: 'ContactCardWithFeedback', description: 'The client card with what the client said after their trips' });

export const contactAnswers: Answers = {
  'post /contacts': ContactCard,
  'get /contacts': z
    .object({ items: z.array(Contact), nextCursor: z.string().nullable() })
    .meta({ id: 'ContactList', description: 'Clients by name' }),
  'get /contacts/:id': ContactCardWithFeedback,
  'patch /contacts/:id': ContactCard,
  'post /contacts/:id/communications': Communication,
  'post /contacts/:id/transfer': ContactCard,
};
