/** Each person's calendar feed: their departures and tasks behind a private, renewable link. */
export * from './feed.js';
