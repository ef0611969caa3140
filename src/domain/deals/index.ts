/** Bookings: made under the capacity check, changed, paid, cancelled; status derived from facts. */
export * from './schemas.js';
export * from './rows.js';
export * from './status-refresh.js';
export * from './events.js';
export * from './travellers.js';
export * from './booking.js';
export * from './changes.js';
export * from './view.js';
export * from './payments.js';
export * from './status.js';
export * from './voucher.js';
export * from './reference.js';
export * from './manage-link.js';
export * from './money-rows.js';
export * from './document-stages.js';
