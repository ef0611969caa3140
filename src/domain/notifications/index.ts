/** The outbox and the departure notices that fill it. */
export * from './rows.js';
export { claimDue, exchange, markHandedOver, settle, type Claim, type Exchange, type Outcome } from './claims.js';
export { dueVoucherRecipients, queueDueVouchers, queueVoucher } from './vouchers.js';
export { getNotification, listNotifications, ListNotificationsQuery } from './list.js';
export * from './departure-notices.js';
export * from './payment-reminders.js';
export * from './channels.js';
export { fallBack, recordReceipt } from './claims.js';
export { queueBookingConfirmation } from './booking-confirmations.js';
