/** The waiting list: entries, the offers that hold freed seats, booking within the hold. */
export * from './entries.js';
export * from './offers.js';
export * from './new-client.js';
