import { DEAL_STATUSES } from '../../db/schema/deals.js';

export type DealStatus = (typeof DEAL_STATUSES)[number];

/** The stages a booking moves through, in order; `cancelled` stands outside the order. */
export const DEAL_STAGES = DEAL_STATUSES.filter((s) => s !== 'cancelled') as Exclude<DealStatus, 'cancelled'>[];

/** Everything a deal's status follows from. */
export interface DealFacts {
  priceMinor: number;
  depositDueMinor: number;
  /** Net money held for the deal: payments minus refunds, reversals undone. */
  paidMinor: number;
  documentsSentAt: number | null;
  documentsReceivedAt: number | null;
  voucherSentAt: number | null;
  notifiedAt: number | null;
  cancelledAt: number | null;
}

/** Paid in full; a free seat (price 0) counts as paid from the start. */
export const isFullyPaid = (f: Pick<DealFacts, 'paidMinor' | 'priceMinor'>) =>
  f.paidMinor >= f.priceMinor && (f.paidMinor > 0 || f.priceMinor === 0);

/** The deposit is in: some money arrived and it covers the deposit due. */
export const isDepositPaid = (f: Pick<DealFacts, 'paidMinor' | 'priceMinor' | 'depositDueMinor'>) =>
  f.paidMinor >= f.depositDueMinor && (f.paidMinor > 0 || f.priceMinor === 0);

/** Whether the facts reach a stage; voucher and notice only count for a deal paid in full. */
export function reaches(stage: (typeof DEAL_STAGES)[number], f: DealFacts): boolean {
  switch (stage) {
    case 'new':
      return true;
    case 'documents_sent':
      return f.documentsSentAt !== null;
    case 'documents_received':
      return f.documentsReceivedAt !== null;
    case 'deposit_paid':
      return isDepositPaid(f);
    case 'fully_paid':
      return isFullyPaid(f);
    case 'voucher_sent':
      return f.voucherSentAt !== null && isFullyPaid(f);
    case 'notified':
      return f.notifiedAt !== null && isFullyPaid(f);
  }
}

/**
 * The one place a deal's status comes from: cancelled if cancelled, otherwise the furthest
 * stage its facts reach (a payment without documents is still `deposit_paid`).
 */
export function deriveDealStatus(f: DealFacts): DealStatus {
  if (f.cancelledAt !== null) return 'cancelled';
  for (let i = DEAL_STAGES.length - 1; i >= 0; i--) {
    const stage = DEAL_STAGES[i]!;
    if (reaches(stage, f)) return stage;
  }
  return 'new';
}
