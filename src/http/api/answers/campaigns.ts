/** Campaigns: drafts with whom they reach, their counts once sent, and birthday greetings. */
import { z } from 'zod';
import { CAMPAIGN_STATUSES } from '../../../db/schema/index.js';
import { STAGES } from '../../../domain/contacts/index.js';
import { LOCALES } from '../../../domain/context.js';
import { NotificationAnswer } from './notifications.js';
import { Day, Instant, type Answers } from './types.js';

const id = z.number().int();
const count = z.number().int();

/** Whom a campaign reaches, as it was given. */
const Segment = z
  .object({
    tags: z.array(z.string()).optional(),
    stages: z.array(z.enum(STAGES)).optional(),
    locales: z.array(z.enum(LOCALES)).optional(),
    travelledDepartureIds: z.array(id).optional(),
    lastTripBefore: Day.optional(),
    lastTripAfter: Day.optional(),
    birthdayMonth: z.number().int().min(1).max(12).optional(),
  })
  .meta({ id: 'CampaignSegment', description: 'Whom a campaign reaches: any value within a criterion, every criterion given; {} is everyone who agreed to offers' });

const Text = z.object({ subject: z.string(), body: z.string() });
const Texts = z
  .object(Object.fromEntries(LOCALES.map((locale) => [locale, Text.optional()])) as Record<(typeof LOCALES)[number], z.ZodOptional<typeof Text>>)
  .meta({ id: 'CampaignTexts', description: "A text per language; a reader whose language has none gets the campaign's own" });

const Recipient = z
  .object({ id, name: z.string(), email: z.string(), locale: z.enum(LOCALES) })
  .meta({ id: 'CampaignRecipient', description: 'A client the campaign goes to' });

/** A campaign with its counts; a draft's `recipients` are counted now, a sent one's are the mails queued. */
export const Campaign = z
  .object({
    id,
    name: z.string(),
    subject: z.string(),
    body: z.string(),
    texts: Texts,
    segment: Segment,
    status: z.enum(CAMPAIGN_STATUSES).meta({ description: 'sending while any of its mails waits' }),
    recipients: count,
    recipientsPreview: z
      .array(Recipient)
      .optional()
      .meta({ description: 'A draft: the first 50 it reaches (absent from lists and once sent)' }),
    sent: count,
    failed: count,
    pending: count,
    skipped: count.meta({ description: 'Not sent: the client unsubscribed or was barred before their mail went' }),
    unsubscribed: count.meta({ description: 'Clients who unsubscribed from this campaign' }),
    queuedAt: Instant.nullable(),
    createdBy: id.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Campaign', description: 'A mail to a part of the client base' });

const Greetings = z.object({ enabled: z.boolean() }).meta({ id: 'BirthdayGreetings', description: 'Whether birthday greetings are on' });

/** One copy sent to an address to look at: whose name it carries, what it says, and the outbox row. */
const TestCopy = z
  .object({
    to: z.string(),
    name: z.string(),
    contactId: id.nullable().meta({ description: 'The client whose name the copy carries; null when the campaign reaches nobody (the sender\'s own name)' }),
    locale: z.enum(LOCALES),
    subject: z.string(),
    text: z.string(),
    notification: NotificationAnswer,
  })
  .meta({ id: 'CampaignTestCopy', description: 'A test copy of a campaign: never counted, the campaign unchanged' });

export const campaignAnswers: Answers = {
  'post /campaigns': Campaign,
  'get /campaigns': z
    .object({ items: z.array(Campaign), nextCursor: z.string().nullable() })
    .meta({ id: 'CampaignList', description: 'Campaigns, newest first' }),
  'post /campaigns/preview': z
    .object({ recipients: count, recipientsPreview: z.array(Recipient).meta({ description: 'The first 50' }) })
    .meta({ id: 'CampaignPreview', description: 'Whom a segment reaches: how many, and the first of them' }),
  'get /campaigns/birthday-greetings': Greetings,
  'put /campaigns/birthday-greetings': Greetings,
  'get /campaigns/:id': Campaign,
  'patch /campaigns/:id': Campaign,
  'post /campaigns/:id/send': Campaign,
  'post /campaigns/:id/test': TestCopy,
};
