import { INQUIRY_STATUSES } from '../../db/schema/inquiries.js';

export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

export const OPEN_STATUSES = ['new', 'no_offer', 'selecting', 'offer_made'] as const satisfies readonly InquiryStatus[];
export const isOpen = (status: InquiryStatus) => (OPEN_STATUSES as readonly string[]).includes(status);

/**
 * The moves a person may make by hand. `booked` is reached only by booking (any open status),
 * `refused` and `booked` are closed (a new contact opens a reactivation), and `blacklisted`
 * is a director's decision.
 */
export const MOVES: Record<InquiryStatus, readonly InquiryStatus[]> = {
  new: ['no_offer', 'selecting', 'refused', 'blacklisted'],
  no_offer: ['selecting', 'refused'],
  selecting: ['offer_made', 'no_offer', 'refused'],
  offer_made: ['selecting', 'refused'],
  booked: [],
  refused: [],
  blacklisted: [],
};

export const allowedMoves = (from: InquiryStatus) => MOVES[from];
