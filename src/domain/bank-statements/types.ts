/** One payment into the agency's account, as a bank statement lists it. */
export interface BankCredit {
  /**
   * The bank's own id for this credit, stable across exports of the same statement (camt:
   * AcctSvcrRef of the transaction or entry, else NtryRef/EndToEndId...; 1C: built from
   * Номер + Дата + payer account/INN). Never empty, at most 200 chars, and unique within
   * one statement.
   */
  entryId: string;
  /** Positive, in the currency's minor units (currencyDigits of src/domain/money.ts). */
  amountMinor: number;
  /** ISO 4217, upper case, as the statement gives it (never converted). */
  currency: string;
  /** Booking (else value) date, YYYY-MM-DD, or null. */
  bookedOn: string | null;
  payerName: string | null;
  payerAccount: string | null;
  /** The remittance information: unstructured lines joined by a space, plus any structured creditor reference; '' when none. */
  text: string;
}

export interface ParsedStatement {
  format: 'camt.053' | '1c';
  /** The statement's own account (IBAN or account number), when given; null when the file covers several. */
  account: string | null;
  credits: BankCredit[];
  /** Debit entries seen and skipped (money going out), reversals included. */
  debits: number;
}
