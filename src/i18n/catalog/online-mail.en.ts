/** English words of the booking confirmation and the booking-page link in mails and short texts; merged into the catalogue. */
export const onlineMailEn = {
} as const;
