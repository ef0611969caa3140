import type { directorEn } from './director.en.js';

/** The director's My day and the reports on a phone. */
export const directorRu: Record<keyof typeof directorEn, string> = {
};
