/** What `GET /worklists/:name` answers, my-day included (src/http/api/worklists.ts `serializeItem`). */
import { z } from 'zod';
import { WORKLISTS } from '../../../domain/worklists/index.js';
import { Instant, Minor, type Answers } from './types.js';

const LISTS = WORKLISTS.filter((name) => name !== 'my-day') as [Exclude<(typeof WORKLISTS)[number], 'my-day'>, ...Exclude<(typeof WORKLISTS)[number], 'my-day'>[]];

const item = {
  kind: z.enum(['deal', 'inquiry', 'contact', 'task']),
  /** The deal's, inquiry's, contact's or task's id, by `kind`. */
  id: z.number().int(),
  title: z.string(),
  /** Why it is on the list, in the reader's language (my-day: every reason, joined). */
  reason: z.string(),
  /** The reason as a code (`deposit_missing`, `task_due`, ...): new codes may come. */
  reasonCode: z.string(),
  dueAt: Instant,
  /** deposit-missing and balance-due: whole days past the due date (0 while not yet due). */
  overdueDays: z.number().int().optional(),
  /** waitlist-offers: the entry offered seats. */
  waitlistEntryId: z.number().int().optional(),
  /** Higher is more urgent. */
  priority: z.number(),
  urgency: z.enum(['urgent', 'today', 'later']),
  /** The list it comes from. */
  list: z.enum(LISTS),
  /** 0 for a task about no client. */
  contactId: z.number().int(),
  contactName: z.string(),
  managerId: z.number().int().nullable(),
  departureId: z.number().int().nullable(),
  departureTitle: z.string().nullable(),
  departsAt: Instant.nullable(),
  dealStatus: z.string().nullable(),
  amountMinor: Minor,
  currency: z.string().nullable(),
};

const WorklistReason = z.object(item).meta({ id: 'WorklistReason', description: 'One reason a client is on my-day: an item of one list' });

export const WorklistItemAnswer = z
  .object({
    ...item,
    /** my-day only: the item of every list the client is on, most urgent first. */
    reasons: z.array(WorklistReason).optional(),
  })
  .meta({ id: 'WorklistItem', description: 'Something to do: a deal, inquiry, contact or task with why and by when' });

export const WorklistAnswer = z.object({ items: z.array(WorklistItemAnswer), nextCursor: z.string().nullable() });

export const worklistAnswers: Answers = {
  'get /worklists/:name': WorklistAnswer,
};
