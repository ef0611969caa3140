/**
 * The worker thread that reads a file of clients: bytes to rows (unzipping and parsing a
 * workbook, decoding a CSV) and rows to people, the part that takes seconds for a large file.
 * It touches no database. It takes its jobs one at a time; the desk ends it after a large
 * file (its memory with it) and keeps one loaded ahead, so a file does not wait for it to load.
 */
import { parentPort } from 'node:worker_threads';
import { DomainError } from '../errors.js';
import { readFile, type Person } from './read-file.js';
import type { ReadJob, ReadReply } from './read-job.js';
import { readTable } from './table.js';

const reply = (message: ReadReply) => parentPort!.postMessage(message);
/** People or rows per message: a megabyte or two, taken by the desk in a few milliseconds. */
const SLICE = 1_000;
/**
 * Slices go a few ahead of what the desk has taken, no more: sent all at once they would
 * wait in its queue and be taken in one go, holding it as long as one large message would.
 */
const AHEAD = 4;
let unanswered = 0;
let taken: (() => void) | null = null;
async function sendSlice(message: ReadReply) {
  if (unanswered >= AHEAD) await new Promise<void>((resolve) => (taken = resolve));
  unanswered++;
  reply(message);
}
function sliceTaken() {
  unanswered = Math.max(0, unanswered - 1);
  const next = taken;
  taken = null;
  next?.();
}

async function read(job: ReadJob) {
  unanswered = 0;
  try {
    const table = await readTable(job.bytes);
    const file = readFile({ agency: job.agency, now: job.now }, table, { country: job.country }, (phase, done, total) => reply({ kind: 'progress', phase, done, total }));
    // Each person's rows only: the desk merges them again as they come (half the bytes).
    const rowsOf = (person: Person) => ({ rows: job.forWriting ? person.rows : person.rows.map((row) => ({ ...row, notes: null })) });
    for (let at = 0; at < file.people.length; at += SLICE) await sendSlice({ kind: 'people', people: file.people.slice(at, at + SLICE).map(rowsOf) });
    if (job.withTable) for (let at = 0; at < table.rows.length; at += SLICE) await sendSlice({ kind: 'rows', rows: table.rows.slice(at, at + SLICE) });
    reply({ kind: 'done', file: { ...file, people: [] }, ...(job.withTable ? { table: { ...table, rows: [] } } : {}) });
  } catch (error) {
    if (error instanceof DomainError) reply({ kind: 'refused', code: error.code, message: error.message, details: error.details });
    else reply({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

parentPort!.on('message', (message: ReadJob | 'next') => {
  if (message === 'next') sliceTaken();
  else void read(message);
});
reply({ kind: 'ready' });
