import type { clientPagesEn } from './client-pages.en.js';

export const clientPagesBg: Record<keyof typeof clientPagesEn, string> = {
};
