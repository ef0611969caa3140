import type { clientPagesEn } from './client-pages.en.js';

export const clientPagesRu: Record<keyof typeof clientPagesEn, string> = {
};
