/** English words of the client's own pages (/trips, the booking page); merged into the catalogue. */
export const clientPagesEn = {
} as const;
