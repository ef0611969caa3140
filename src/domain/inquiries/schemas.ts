/** What an inquiry request may say, and the timers' rules. */
import { z } from 'zod';
import { line, prose, requiredLine } from '../text.js';
import { inquiries, INQUIRY_STATUSES } from '../../db/schema/index.js';
import { TravellerInput } from '../deals/index.js';
import { pagingQuery } from '../paging.js';
import { minorAmount } from '../money.js';
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


/** What the client wants (the card's "tour selection"): where, when, how many, for how much. */
export const WishesInput = z
  .object({
    destination: line(200).nullish(),
    dateFrom: calendarDate.nullish(),
    dateTo: calendarDate.nullish(),
    people: z.number({ error: 'must be a whole number from 1 to 1000' }).int('must be a whole number from 1 to 1000').min(1, 'must be a whole number from 1 to 1000').max(1000, 'must be a whole number from 1 to 1000').nullish(),
    budgetMinor: minorAmount.nullish(),
    notes: prose(2000).nullish(),
  })
  .superRefine((wishes, issues) => {
    if (wishes.dateFrom && wishes.dateTo && wishes.dateTo < wishes.dateFrom) issues.addIssue({ code: 'custom', path: ['dateTo'], message: 'must not be before dateFrom' });
  });
export type WishesInput = z.infer<typeof WishesInput>;
export type Wishes = { [K in keyof WishesInput]?: NonNullable<WishesInput[K]> };

export const UpdateInquiryInput = z.object({ wishes: WishesInput });
export type UpdateInquiryInput = z.infer<typeof UpdateInquiryInput>;

export const CreateInquiryInput = z
  .object({
    name: requiredLine(200),
    phone: line(40).nullish(),
    email: z.string().trim().email('must be an e-mail address').max(254).nullish(),
    message: prose(10_000).nullish(),
    source: line(100).nullish(),
    departureId: z.number({ error: 'must be an id (a positive whole number)' }).int().positive().nullish(),
    wishes: WishesInput.optional(),
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
