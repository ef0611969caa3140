/** The words of a client import that are written into cards and files, in a given language. */
import type { Locale } from '../domain/context.js';
import type { CarriedNote, Conflict, RejectedRow } from '../domain/imports/index.js';
import { fieldErrorText } from './errors.js';
import { label, t } from './index.js';

/**
 * A second phone or e-mail kept in a card's notes, in the agency's language: the card's
 * readers are its staff, whoever imported the file.
 */
export function carriedNoteIn(locale: Locale): CarriedNote {
  return (fileName, carried) =>
    t(locale, 'import.carriedNote', {
      file: fileName,
      items: carried.map((c) => t(locale, c.field === 'phone' ? 'import.carriedPhone' : 'import.carriedEmail', { value: c.value, row: c.row })).join('; '),
    });
}

const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** A conflict in words: what the row shares, with whom, and what differs. */
export function conflictText(locale: Locale, conflict: Conflict): string {
  return capitalised(conflictWords(locale, conflict));
}

function conflictWords(locale: Locale, conflict: Conflict): string {
  const field = label(locale, 'importField', conflict.field);
  if (conflict.existingRow !== undefined) {
    return conflict.differs.field === 'name'
      ? t(locale, 'import.conflict.rowName', { field, row: conflict.existingRow, name: conflict.existingName })
      : t(locale, 'import.conflict.rowBirthDate', { row: conflict.existingRow, date: conflict.differs.onFile });
  }
  return conflict.differs.field === 'name'
    ? t(locale, 'import.conflict.name', { field, id: conflict.existingId ?? 0, name: conflict.existingName })
    : t(locale, 'import.conflict.birthDate', { id: conflict.existingId ?? 0, name: conflict.existingName, date: conflict.differs.onFile });
}

/** Everything wrong with a left-out row, one line: "phone: …; e-mail: …". */
export function rejectedRowText(locale: Locale, row: RejectedRow): string {
  return [
    ...row.errors.map((e) => `${label(locale, 'importField', e.field)}: ${fieldErrorText(locale, e.message)}`),
    ...row.conflicts.map((c) => conflictText(locale, c)),
  ].join('; ');
}
