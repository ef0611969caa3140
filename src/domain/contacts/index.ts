/** Contacts: the client card, its conversations and the rules that keep one person one card. */
export * from './schemas.js';
export * from './rows.js';
export * from './identity.js';
export * from './reads.js';
export * from './changes.js';
export * from './communications.js';
export { foldText } from './phone.js';
export * from './facts.js';
export * from './telegram.js';
