import type { deskDetailsEn } from './desk-details.en.js';

/** Small desk details: payment forms, the waiting list from the roster, document stages, the inquiry board. */
export const deskDetailsRu: Record<keyof typeof deskDetailsEn, string> = {
};
