/** Life after the trip: the travellers asked how it was, their answers, and their manager's follow-up. */
export * from './feedback.js';
