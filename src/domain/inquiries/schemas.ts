/** What an inquiry request may say, and the timers' rules. */
import { z } from 'zod';
import { line, prose, requiredLine } from '../text.js';
import { inquiries, INQUIRY_STATUSES } from '../../db/schema/index.js';
import { TravellerInput } from '../deals/index.js';
import { pagingQuery } from '../paging.js';
import { calendarDate, instantInput } from '../time.js';

export type InquiryRow = typeof inquiries.$inferSelect;

/** The first offer is owed within 8 hours (office hours, when the agency set them). */
export const FIRST_OFFER_HOURS = 8;
/** An offer without an agreed decision date lasts a week. */
export const OFFER_DAYS = 7;
/** An offer should see at least this many recorded contacts before it runs out. */
export const OFFER_MIN_CONTACTS = 2;
/** The given tag that keeps a client off every list; only a director sets or removes it. */
export const DO_NOT_CONTACT = 'do_not_contact';


export const CreateInquiryInput = z
  .object({
    name: requiredLine(200),
    phone: line(40).nullish(),
    email: z.string().trim().email('must be an e-mail address').max(254).nullish(),
    message: prose(10_000).nullish(),
    source: line(100).nullish(),
    departureId: z.number({ error: 'must be an id (a positive whole number)' }).int().positive().nullish(),
  })
  .superRefine((input, issues) => {
    if (!input.phone && !input.email) issues.addIssue({ code: 'custom', path: ['phone'], message: 'phone or email is required' });
  });
export type CreateInquiryInput = z.infer<typeof CreateInquiryInput>;

export const MoveInquiryInput = z.object({
  status: z.enum(INQUIRY_STATUSES, { error: `must be one of ${INQUIRY_STATUSES.join(', ')}` }),
  reason: z.string().trim().optional(),
  decisionDate: z.union([calendarDate, instantInput]).optional(),
  note: prose(2000).optional(),
});
export type MoveInquiryInput = z.infer<typeof MoveInquiryInput>;

export const BookInquiryInput = z.object({
  departureId: z.number({ error: 'must be an id (a positive whole number)' }).int().positive(),
  seats: z.number({ error: 'must be a whole number of seats' }).int().min(1).max(1000),
  travellers: z.array(TravellerInput).max(1000).optional(),
});
export type BookInquiryInput = z.infer<typeof BookInquiryInput>;

export const ListInquiriesQuery = z.object({
  status: z.enum(INQUIRY_STATUSES).optional(),
  managerId: z.coerce.number().int().positive().optional(),
  contactId: z.coerce.number().int().positive().optional(),
  ...pagingQuery,
});
export type ListInquiriesQuery = z.infer<typeof ListInquiriesQuery>;
