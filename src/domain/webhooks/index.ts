/** Webhooks: subscriptions, the events the domain emits, and their deliveries. */
export * from './events.js';
export * from './subscriptions.js';
export * from './deliveries.js';
export * from './targets.js';
export * from './test-ping.js';
