import type { campaignPreviewEn } from './campaign-preview.en.js';

/** Campaign words: the preview with a real recipient, the test copy, the recipients list. */
export const campaignPreviewRu: Record<keyof typeof campaignPreviewEn, string> = {
};
