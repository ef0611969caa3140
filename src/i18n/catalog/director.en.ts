/** The director's My day and the reports on a phone. */
export const directorEn = {
};
