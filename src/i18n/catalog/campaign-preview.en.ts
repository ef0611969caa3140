/** Campaign words: the preview with a real recipient, the test copy, the recipients list. */
export const campaignPreviewEn = {
};
