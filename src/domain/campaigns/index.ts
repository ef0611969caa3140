/** Campaigns to the client base, the segments that choose whom they reach, unsubscribing, and birthday greetings. */
export * from './schemas.js';
export * from './segment.js';
export * from './campaigns.js';
export * from './greetings.js';
export * from './test-copy.js';
