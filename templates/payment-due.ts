import { currencyDigits } from '../src/domain/money.js';
import { amountText } from './amount-text.js';

/** What a payment form offers to record now: the deposit still missing, else the balance; a cancelled booking's refund due. */
export interface DueNow {
  kind: 'deposit' | 'balance' | 'refund';
  amountMinor: number;
  currency: string;
}

/** The money of a booking as the deal page and the roster have it. */
export interface MoneyFacts {
  status: string;
  depositDueMinor: number;
  paidMinor: number;
  balanceMinor: number;
  refundDueMinor: number;
  currency: string;
}

/**
 * The amount due now, or null when nothing is: a booking still short of its deposit is asked for
 * what is missing of it (the deposit's due date comes first), then the rest of the price.
 */
export function dueNow(deal: MoneyFacts): DueNow | null {
  const { currency } = deal;
  if (deal.status === 'cancelled') return deal.refundDueMinor > 0 ? { kind: 'refund', amountMinor: deal.refundDueMinor, currency } : null;
  const depositMissing = Math.min(deal.depositDueMinor - deal.paidMinor, deal.balanceMinor);
  if (depositMissing > 0) return { kind: 'deposit', amountMinor: depositMissing, currency };
  return deal.balanceMinor > 0 ? { kind: 'balance', amountMinor: deal.balanceMinor, currency } : null;
}

/** The amount as the field shows it, in the reader's decimal sign and the currency's own scale. */
export const dueFieldText = (due: DueNow, locale: string) => amountText(due.amountMinor, currencyDigits(due.currency), locale);

/** What a worklist's money reason asks for: the deposit still missing, or the balance; other reasons ask for none. */
export function dueOfReason(
  reason: { code: 'deposit_missing'; dueMinor: number; paidMinor: number; currency: string } | { code: 'balance_due'; balanceMinor: number; currency: string } | { code: string },
): DueNow | undefined {
  if (reason.code === 'deposit_missing' && 'dueMinor' in reason && reason.dueMinor > reason.paidMinor) return { kind: 'deposit', amountMinor: reason.dueMinor - reason.paidMinor, currency: reason.currency };
  if (reason.code === 'balance_due' && 'balanceMinor' in reason && reason.balanceMinor > 0) return { kind: 'balance', amountMinor: reason.balanceMinor, currency: reason.currency };
  return undefined;
}
