import { stringify } from 'csv-stringify/sync';

/** What a spreadsheet runs as a formula whatever follows: =, @, and the tab and CR it strips first. */
const FORMULA_START = /^[=@\t\r]/;
/** + and - start a formula too ("+HYPERLINK(…)", "-1+2"), unless the cell is only a number or a phone. */
const SIGN_START = /^[+-]/;
/** A number as our cells write one, in either decimal style: "-100,00", "-100.00", "+5". */
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;
/**
 * A phone written with its groups apart ("+359 88 123 4567"): spreadsheets open it as the
 * text it is (a space is no operator between numbers there), and nothing in it can call.
 */
const SPACED_PHONE = /^\+\d{1,4}(?: \d{1,8}){1,6}$/;

/**
 * A cell a spreadsheet would run as a formula is prefixed with an apostrophe, OWASP's advice
 * against CSV injection: "=HYPERLINK(…)", "@SUM(…)", "+1+1", "-1+2" open as the text they
 * are. Only real formula starts: a negative amount stays a number a spreadsheet sums, and a
 * phone keeps its plus without an apostrophe shown in front of it.
 */
export function neutralizeCell(value: string): string {
  if (FORMULA_START.test(value)) return `'${value}`;
  if (SIGN_START.test(value) && !PLAIN_NUMBER.test(value) && !SPACED_PHONE.test(value)) return `'${value}`;
  return value;
}

/** UTF-8 with BOM, so Excel opens Cyrillic intact; CRLF and quoting as Excel writes them. */
export function csvDocument(records: string[][], delimiter: ',' | ';' = ','): string {
  return (
    '\uFEFF' +
    stringify(
      records.map((record) => record.map(neutralizeCell)),
      { delimiter, record_delimiter: 'windows', quoted_match: delimiter === ';' ? /[";\r\n]/ : /[",\r\n]/ },
    )
  );
}
