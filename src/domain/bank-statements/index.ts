/** Bank statements into the ledger: camt.053 and 1CClientBankExchange read, credits matched to bookings by their reference. */
export * from './types.js';
export { MAX_STATEMENT_BYTES, parseBankStatement } from './parse.js';
export * from './match.js';
export * from './import.js';
export * from './views.js';
