/**
 * A bank statement file, whichever format the bank exported: told by its content (the file
 * name only words the refusal), then read by its format's reader.
 */
import { parseCamt053 } from './camt053.js';
import { checkSize, refuse } from './common.js';
import { ONE_C_FIRST_LINE, parseOneC } from './one-c.js';
import type { ParsedStatement } from './types.js';

export { MAX_STATEMENT_BYTES } from './common.js';

const isSpace = (byte: number | undefined) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/** The first bytes past a UTF-8 byte order mark and white space. */
function firstContent(bytes: Uint8Array): number {
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (at < bytes.length && isSpace(bytes[at])) at++;
  return at;
}

function looksLikeXml(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const head = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(0, 512));
    return /^\s*</.test(head);
  }
  return bytes[firstContent(bytes)] === 0x3c;
}

function looksLike1C(bytes: Uint8Array): boolean {
  const at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const head = new TextDecoder('latin1').decode(bytes.subarray(at, at + ONE_C_FIRST_LINE.length + 2));
  return head.startsWith(ONE_C_FIRST_LINE) && /^(\s|$)/.test(head.slice(ONE_C_FIRST_LINE.length));
}

/** What else the file seems to be, for the refusal. */
function otherKind(bytes: Uint8Array, fileName: string | undefined): string {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'an archive or a spreadsheet';
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (extension && ['csv', 'xls', 'xlsx', 'ods'].includes(extension)) return 'a spreadsheet';
  if (extension && ['mt940', 'sta', '940'].includes(extension)) return 'an MT940 statement';
  return 'not a bank statement';
}

/**
 * The credits of a camt.053 XML statement or a 1CClientBankExchange file. Anything else,
 * and any statement that breaks a rule or a limit, is refused with a DomainError
 * ('validation_failed') whose details name `file`.
 */
export function parseBankStatement(bytes: Uint8Array, fileName?: string): ParsedStatement {
  checkSize(bytes);
  if (firstContent(bytes) === bytes.length) throw refuse('is empty');
  if (looksLikeXml(bytes)) return parseCamt053(bytes);
  if (looksLike1C(bytes)) return parseOneC(bytes);
  const kind = otherKind(bytes, fileName);
  throw refuse(`is ${kind}: export the statement from the bank as camt.053 (XML) or for 1C (${ONE_C_FIRST_LINE})`);
}
