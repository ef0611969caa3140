/** What the desk hands the reading worker, and what it hears back. */
import type { CountryCode } from 'libphonenumber-js';
import type { Agency } from '../context.js';
import type { ErrorCode } from '../errors.js';
import type { ImportPhase, Person, ReadFile } from './read-file.js';
import type { Table } from './table.js';

export interface ReadJob {
  bytes: Uint8Array;
  agency: Agency;
  now: number;
  country: CountryCode;
  /** Send the rows back too (the rejected rows' file is made from them). */
  withTable: boolean;
  /**
   * The people are to be written: their notes come too. A check (a preview, a dry run) needs
   * none, and the desk holds far less without a client base's notes.
   */
  forWriting: boolean;
}

export type ReadReply =
  /** Loaded and waiting for its job. */
  | { kind: 'ready' }
  | { kind: 'progress'; phase: ImportPhase; done: number; total: number }
  /**
   * The people, and the rows when asked, come a slice per message before `done` (which has
   * none of them): the desk takes each in its own turn and answers others in between, where
   * one message of 100,000 people would hold it for seconds.
   */
  | { kind: 'people'; people: Pick<Person, 'rows'>[] }
  | { kind: 'rows'; rows: Table['rows'] }
  | { kind: 'done'; file: ReadFile; table?: Table }
  | { kind: 'refused'; code: ErrorCode; message: string; details: unknown }
  | { kind: 'failed'; message: string };
