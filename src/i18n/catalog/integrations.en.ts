/** Webhook words: event names as the reader says them, the test ping, the secret. */
export const integrationsEn = {
};
