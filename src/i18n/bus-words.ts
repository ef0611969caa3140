/** A bus as pages and documents name it. */
import type { Locale } from '../domain/context.js';
import { t } from './index.js';

/** A label of digits only is a number ("1" → "Bus 1"); any other label is the operator's own words, shown as given. */
export const busName = (locale: Locale, label: string): string => (/^\d+$/.test(label.trim()) ? t(locale, 'busLists.bus', { label: label.trim() }) : label);

/** Extras as one cell or line: the traveller's, then the booking's, comma separated. */
export const extrasText = (row: { extras: readonly string[]; bookingExtras?: readonly string[] | undefined }): string => [...row.extras, ...(row.bookingExtras ?? [])].join(', ');
