/** The client's own side: the booking page, selling online, card payments, unpaid online bookings. */
export * from './booking-page.js';
export * from './public-departures.js';
export * from './online-booking.js';
export * from './checkout.js';
export * from './unpaid.js';
