/** The rooming list of trips with nights: rooms, who sleeps where, and a suggestion that keeps bookings together. */
export * from './rooms.js';
export * from './nights.js';
export * from './suggest.js';
export * from './rooming.js';
export * from './edits.js';
