/**
 * An XLSX workbook is a zip, and a zip can inflate a thousandfold. Its central directory is
 * read here, the size each part says it inflates to checked before anything is inflated, and
 * every part is inflated as a stream, counting bytes (a part can lie about its size) and
 * stopping at once past a limit, so the reader above never holds more than a piece of it.
 */
import { createInflateRaw } from 'node:zlib';
import { DomainError, invalid } from '../errors.js';
import { MAX_ENTRY_INFLATED_BYTES, MAX_INFLATED_BYTES, MAX_ZIP_ENTRIES, MiB } from './limits.js';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** What the directory says it inflates to. */
  declaredSize: number;
  localHeaderOffset: number;
}

export interface ZipLimits {
  entries: number;
  entryBytes: number;
  totalBytes: number;
}

export const XLSX_LIMITS: ZipLimits = { entries: MAX_ZIP_ENTRIES, entryBytes: MAX_ENTRY_INFLATED_BYTES, totalBytes: MAX_INFLATED_BYTES };

export const unreadable = () => invalid({ file: 'is not a readable XLSX workbook' });
const tooBig = (limit: number) =>
  new DomainError('payload_too_large', `The file inflates to more than ${MiB(limit)} MB`, { file: `inflates to more than ${MiB(limit)} MB: too big to read; save it as CSV or split it` });
export const tooManyRows = (limit: number) => invalid({ file: `has more than ${limit} rows: split it into several files` });
export const tooManyCells = (limit: number) => invalid({ file: `has more than ${limit} cells: split it into several files` });

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;

/** The archive's table of contents, read from its end as every unzip tool reads it. */
export function zipEntries(bytes: Uint8Array, maxEntries = MAX_ZIP_ENTRIES): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record sits in the last 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable();
  let count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if ((count === 0xffff || offset === 0xffffffff) && end >= 20 && view.getUint32(end - 20, true) === ZIP64_END_LOCATOR) {
    const record = Number(view.getBigUint64(end - 12, true));
    if (record + 56 > bytes.length || view.getUint32(record, true) !== ZIP64_END) throw unreadable();
    count = Number(view.getBigUint64(record + 32, true));
    offset = Number(view.getBigUint64(record + 48, true));
  }
  if (count > maxEntries) throw invalid({ file: `is not a readable XLSX workbook (more than ${maxEntries} parts)` });
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== DIRECTORY_ENTRY) throw unreadable();
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      declaredSize: view.getUint32(offset + 24, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    };
    readZip64Sizes(view, offset + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes past 4 GiB are kept in the "zip64" extra field, in this order, only those that overflowed. */
function readZip64Sizes(view: DataView, start: number, length: number, entry: ZipEntry) {
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        const value = field + 8 <= at + 4 + size ? Number(view.getBigUint64(field, true)) : Number.NaN;
        field += 8;
        return value;
      };
      if (entry.declaredSize === 0xffffffff) entry.declaredSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + size;
  }
}

/** Where an entry's bytes start: after its local header, whose name and extra field may differ in length. */
function dataOf(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (!Number.isFinite(at) || at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) throw unreadable();
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (!Number.isFinite(entry.compressedSize) || start + entry.compressedSize > bytes.length) throw unreadable();
  return bytes.subarray(start, start + entry.compressedSize);
}

/** The inflated bytes of a whole archive, shared by its parts: each part and the whole are bounded. */
export class InflateBudget {
  total = 0;
  constructor(readonly limits: Pick<ZipLimits, 'entryBytes' | 'totalBytes'> = XLSX_LIMITS) {}
}

/**
 * Refuses an archive whose directory declares too many parts, or parts that inflate past the
 * limits: an honest bomb is refused here without inflating anything.
 */
export function checkDeclaredSizes(entries: ZipEntry[], limits: Pick<ZipLimits, 'entryBytes' | 'totalBytes'> = XLSX_LIMITS): void {
  let declared = 0;
  for (const entry of entries) {
    if (entry.declaredSize > limits.entryBytes) throw tooBig(limits.entryBytes);
    declared += entry.declaredSize;
    if (declared > limits.totalBytes) throw tooBig(limits.totalBytes);
  }
}

/**
 * Inflates one part as a stream, handing each piece to `take` and keeping none: a part that
 * inflates past its limit or the archive's (whatever it declared) is dropped at that byte.
 * `take` throwing stops it at once too.
 */
export async function inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget, take: (chunk: Uint8Array) => void): Promise<void> {
  const data = dataOf(bytes, entry);
  let size = 0;
  const count = (chunk: Uint8Array) => {
    size += chunk.length;
    budget.total += chunk.length;
    if (size > budget.limits.entryBytes) throw tooBig(budget.limits.entryBytes);
    if (budget.total > budget.limits.totalBytes) throw tooBig(budget.limits.totalBytes);
    take(chunk);
  };
  if (entry.method === 0) {
    for (let at = 0; at < data.length; at += 64 * 1024) count(data.subarray(at, at + 64 * 1024));
  } else if (entry.method === 8) {
    await inflateCounting(data, count);
  } else {
    throw unreadable();
  }
}

/** Inflates in 64 KiB pieces, each handed to `take` and forgotten; `take` throwing stops it at once. */
function inflateCounting(data: Uint8Array, take: (chunk: Uint8Array) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
    let failed = false;
    inflater.on('data', (chunk: Buffer) => {
      if (failed) return;
      try {
        take(chunk);
      } catch (error) {
        failed = true;
        inflater.destroy();
        reject(error);
      }
    });
    inflater.on('error', () => {
      if (!failed) reject(unreadable());
      failed = true;
    });
    inflater.on('end', () => {
      if (!failed) resolve();
    });
    inflater.end(data);
  });
}
