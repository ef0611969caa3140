/**
 * One file out of a multipart/form-data body, found with the platform's byte search. The
 * general form parser walks a 20 MB upload in script for a second or more, holding the desk
 * that long; an import only needs where its one file starts and ends.
 */

export interface MultipartFile {
  name: string;
  bytes: Uint8Array;
}

const boundaryOf = (contentType: string) => /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)?.slice(1).find(Boolean) ?? null;

/** A part's file name as browsers and curl send it: UTF-8 in quotes, or RFC 5987's filename*. */
function fileNameOf(disposition: string): string {
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(disposition)?.[1]?.replace(/\\(.)/g, '$1') ?? /filename\s*=\s*([^;\s]+)/.exec(disposition)?.[1] ?? '';
}

/**
 * The part named `field` that carries a file, or null when the body has none (or is not
 * multipart as it says).
 */
export function multipartFile(body: Uint8Array, contentType: string, field = 'file'): MultipartFile | null {
  const boundary = boundaryOf(contentType);
  if (!boundary) return null;
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  let at = buffer.indexOf(delimiter);
  while (at >= 0) {
    const headersStart = at + delimiter.length + 2;
    // "--boundary--" closes the body.
    if (buffer[at + delimiter.length] === 0x2d && buffer[at + delimiter.length + 1] === 0x2d) return null;
    const headersEnd = buffer.indexOf('\r\n\r\n', headersStart);
    if (headersEnd < 0) return null;
    const headers = buffer.subarray(headersStart, headersEnd).toString('utf8');
    const end = buffer.indexOf(next, headersEnd + 4);
    if (end < 0) return null;
    const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
    const name = /(?:^|;)\s*name\s*=\s*"([^"]*)"/.exec(disposition)?.[1] ?? /(?:^|;)\s*name\s*=\s*([^;\s]+)/.exec(disposition)?.[1];
    if (name === field && /filename/i.test(disposition)) return { name: fileNameOf(disposition), bytes: buffer.subarray(headersEnd + 4, end) };
    at = end + 2;
  }
  return null;
}
