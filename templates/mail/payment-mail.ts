import type { Tr } from '../tr.js';
import type { MailLines } from './mail-layout.js';
import { instructionLines } from './booking-mail.js';

export interface PaymentMailProps {
  tr: Tr;
  paymentKind: 'deposit' | 'balance';
  stage: 'upcoming' | 'overdue';
  clientName: string;
  trip: string;
  departsAt: number;
  dueAt: number;
  amountMinor: number;
  currency: string;
  reference: string;
  /** How to pay, as the agency writes it (bank account, office hours); may be empty. */
  instructions: string;
  /** The client's own booking page, and whether it takes cards (then it is where to pay). */
  manageUrl: string;
  payOnline: boolean;
  agencyName: string;
  agencyContacts: string;
}

/** A reminder before a deposit or balance falls due, or on the day after it did. */
export function paymentMailLines(p: PaymentMailProps): MailLines {
  const { tr } = p;
  const amount = tr.money(p.amountMinor, p.currency);
  const due = tr.date(p.dueAt);
  const what = p.paymentKind === 'deposit' ? 'deposit' : 'balance';
  return {
    subject: tr.t(`mail.payment.${p.stage}.${what}.subject`, { trip: p.trip, date: due }),
    greeting: tr.t('mail.greeting', { name: p.clientName }),
    body: [tr.t(`mail.payment.${p.stage}.${what}.body`, { trip: p.trip, amount, date: due })],
    facts: [
      tr.t('mail.reference', { reference: p.reference }),
      tr.t('mail.when', { when: tr.dateTime(p.departsAt) }),
      tr.t('mail.payment.amount', { amount }),
      tr.t('mail.payment.due', { date: due }),
      ...(p.instructions.trim() ? [...instructionLines(tr, p.instructions), tr.t('ledger.transferReference', { reference: p.reference })] : []),
    ],
    action: { label: tr.t(p.payOnline ? 'mail.manage.pay' : 'mail.manage.action'), href: p.manageUrl },
    closing: tr.t('mail.payment.closing'),
    signature: [p.agencyName, p.agencyContacts].filter(Boolean),
  };
}
