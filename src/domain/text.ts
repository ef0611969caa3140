import { z } from 'zod';

/**
 * Text as people type it. Refused anywhere: C0 and C1 control characters and DEL (a NUL
 * cuts strings short in other tools), lone surrogates (half an emoji; the database would
 * keep U+FFFD instead), and the bidirectional overrides and isolates that make a name read
 * differently from what it is. Tabs and line breaks are refused in one-line fields and kept
 * in notes and messages.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const LINE_BREAK = /[\t\n\r\u2028\u2029]/u;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const LONE_SURROGATE = /\p{Cs}/u;

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with a text, or null: the first character that may not be stored, named. */
export function textProblem(value: string, multiline: boolean): string | null {
  const control = CONTROL.exec(value) ?? (multiline ? null : LINE_BREAK.exec(value));
  if (control) return `must not contain control characters (${codePoint(control[0])})${multiline ? '' : '; line breaks and tabs are not allowed here'}`;
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi) return `must not contain text-direction override characters (${codePoint(bidi[0])})`;
  if (LONE_SURROGATE.test(value)) return 'contains a broken character (half of an emoji or symbol)';
  return null;
}

const checked = (schema: z.ZodString, multiline: boolean) =>
  schema.superRefine((value, issues) => {
    const problem = textProblem(value, multiline);
    if (problem) issues.addIssue({ code: 'custom', message: problem });
  });

/** A one-line text (a name, a title, a method): trimmed, at most `max` characters. */
export const line = (max: number) => checked(z.string().trim().max(max), false);

/** A one-line text that must not be empty. */
export const requiredLine = (max: number) => checked(z.string().trim().min(1, 'must not be empty').max(max), false);

/** A text of several lines (a note, a message, a summary): line breaks and tabs allowed. */
export const prose = (max: number) => checked(z.string().trim().max(max), true);

export const requiredProse = (max: number) => checked(z.string().trim().min(1, 'must not be empty').max(max), true);
