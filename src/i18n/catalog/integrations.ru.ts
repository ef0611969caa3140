import type { integrationsEn } from './integrations.en.js';

/** Webhook words: event names as the reader says them, the test ping, the secret. */
export const integrationsRu: Record<keyof typeof integrationsEn, string> = {
};
