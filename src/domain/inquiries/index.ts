/** Inquiries (leads): intake with de-duplication, moves by the table, timers, booking. */
export * from './schemas.js';
export * from './rows.js';
export * from './intake.js';
export * from './status-changes.js';
export * from './booking.js';
export * from './view.js';
export * from './moves.js';
export { inquiryBoard } from './board.js';
export * from './wishes.js';
