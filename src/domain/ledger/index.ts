/** The money ledger, the cash book and the receipts: the accountant's view of the money rows. */
export * from './ledger.js';
export * from './cashbook.js';
export * from './receipt.js';
