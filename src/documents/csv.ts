import { stringify } from 'csv-stringify/sync';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with an
 * apostrophe, OWASP's advice against CSV injection: "+359…" opens as text, not a sum.
 */
export function neutralizeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
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
