/** Small desk details: payment forms, the waiting list from the roster, document stages, the inquiry board. */
export const deskDetailsEn = {
};
