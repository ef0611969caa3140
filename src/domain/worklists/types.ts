import { z } from 'zod';
import { pagingQuery } from '../paging.js';
import type { Urgency } from './priority.js';

export const DEAL_LISTS = ['new', 'documents-missing', 'deposit-missing', 'balance-due', 'voucher-due', 'notify-due'] as const;
/** Waiting-list entries offered seats and not yet booked: the client should be called before the hold ends. */
export const WAITLIST_LIST = 'waitlist-offers' as const;
/** Lists of inquiries only; `new` holds both deals and inquiries. */
export const INQUIRY_LISTS = ['first-offer-overdue', 'offer-expiring'] as const;
export const INQUIRY_LIST_NAMES = ['new', ...INQUIRY_LISTS] as const;
/** Open tasks due within a day or overdue. */
export const TASK_LIST = 'tasks-due' as const;
export const WORKLISTS = [...DEAL_LISTS, ...INQUIRY_LISTS, 'contacts-due', TASK_LIST, WAITLIST_LIST, 'my-day'] as const;
export type WorklistName = (typeof WORKLISTS)[number];
export type DealList = (typeof DEAL_LISTS)[number];
export type InquiryListName = (typeof INQUIRY_LIST_NAMES)[number];

export const WorklistQuery = z.object({
  departureId: z.coerce.number().int().positive().optional(),
  managerId: z.coerce.number().int().positive().optional(),
  ...pagingQuery,
});
export type WorklistQuery = z.infer<typeof WorklistQuery>;

/** Where a booking's notice for the current departure time stands, when nobody is told yet. */
export type NoticeState = 'none' | 'pending' | 'sending' | 'no_address' | 'failed' | 'uncertain';

export type InquiryReason =
  | { code: 'new_inquiry'; source: string | null; reactivation: boolean }
  | { code: 'first_offer_overdue'; dueAt: number }
  | { code: 'offer_expiring'; expiresAt: number; contacts: number; tooFewContacts: boolean };

/** Why an item is on a list; the words are chosen by the reader's language at the edge. */
export type Reason =
  | { code: 'new_booking' }
  | { code: 'documents_not_sent' }
  | { code: 'documents_not_back'; sentAt: number }
  | { code: 'deposit_missing'; dueMinor: number; paidMinor: number; currency: string; dueAt: number; overdueDays: number }
  | { code: 'balance_due'; balanceMinor: number; currency: string; dueAt: number; overdueDays: number }
  | { code: 'waitlist_offer'; seats: number; holdUntil: number }
  | { code: 'voucher_due' }
  | { code: 'not_notified'; departsAt: number; notice: NoticeState }
  | { code: 'planned_contact'; summary: string | null }
  | { code: 'follow_up'; trip: string; departureId: number }
  | { code: 'task_due'; title: string; overdue: boolean; planned: boolean }
  | { code: 'newly_received'; receivedAt: number }
  | InquiryReason;

export interface WorkItem {
  kind: 'deal' | 'inquiry' | 'contact' | 'task';
  id: number;
  list: Exclude<WorklistName, 'my-day'>;
  contactId: number;
  contactName: string;
  managerId: number | null;
  departureId: number | null;
  departureTitle: string | null;
  departsAt: number | null;
  dealStatus: string | null;
  amountMinor: number;
  currency: string | null;
  reason: Reason;
  dueAt: number;
  /** deposit-missing and balance-due: whole days past the due date (0 while not yet due). */
  overdueDays?: number;
  /** tasks-due: kind `task`, `id` is the task; `contactId` is 0 when it is about no client. */
  /** waitlist-offers: the entry offered seats. */
  waitlistEntryId?: number;
  priority: number;
  urgency: Urgency;
}

/** A lead on a worklist: a work item whose reason is about an inquiry. */
export type InquiryItem = WorkItem & { kind: 'inquiry'; reason: InquiryReason };

/** A client on my-day: once, with every reason from every list. */
export interface MyDayItem extends WorkItem {
  reasons: WorkItem[];
}

/** A page of one list: its items and each one's keyset position. */
export interface Listed<T extends WorkItem = WorkItem> {
  items: T[];
  keys: [number, number][];
}
