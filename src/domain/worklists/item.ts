import { urgencyOf } from './priority.js';
import type { WorkItem } from './types.js';

/** What a list knows of an item; the rest of a work item defaults to "not about a trip or money". */
type ItemFacts = Pick<WorkItem, 'kind' | 'id' | 'list' | 'contactId' | 'contactName' | 'managerId' | 'reason' | 'dueAt' | 'priority'> &
  Partial<Pick<WorkItem, 'departureId' | 'departureTitle' | 'departsAt' | 'dealStatus' | 'amountMinor' | 'currency' | 'overdueDays' | 'waitlistEntryId'>>;

/** The one builder of work items, whatever list they come from. */
export function workItem(facts: ItemFacts): WorkItem {
  return {
    departureId: null,
    departureTitle: null,
    departsAt: null,
    dealStatus: null,
    amountMinor: 0,
    currency: null,
    ...facts,
    urgency: urgencyOf(facts.priority),
  };
}

/** Who and which trip a list's row is about: the columns every list selects under these names. */
export type RowPlace = Pick<WorkItem, 'contactId' | 'contactName' | 'managerId' | 'departureId' | 'departureTitle' | 'departsAt'>;

export const placeOf = (row: RowPlace): RowPlace => ({
  contactId: row.contactId,
  contactName: row.contactName,
  managerId: row.managerId,
  departureId: row.departureId,
  departureTitle: row.departureTitle,
  departsAt: row.departsAt,
});
