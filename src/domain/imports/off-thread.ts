/**
 * Reading a file of clients in a worker thread, so a 20 MB file (or a crafted one) never
 * stalls the desk: the worker has its own heap limit and a time limit, at most a couple read
 * at once, and each is ended when it has answered, failed or overrun, its memory with it.
 * Loading the reader's code takes a moment, so one worker is kept loaded and idle for the
 * next file (it holds no file and does not keep a command-line run alive).
 */
import { Worker } from 'node:worker_threads';
import { DomainError } from '../errors.js';
import { READ_HEAP_MB, READ_TIME_LIMIT_MS, READS_AT_ONCE } from './limits.js';
import { mergeRows, type OnProgress, type ReadFile } from './read-file.js';
import type { ReadJob, ReadReply } from './read-job.js';
import type { Table } from './table.js';

/** From source (tsx) the worker is started through a small loader; built, it is plain JavaScript. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const ENTRY = new URL(FROM_SOURCE ? './read-worker.ts' : './read-worker.js', import.meta.url);
const BOOT = new URL('./read-worker-boot.mjs', import.meta.url);

export interface ReadLimits {
  timeMs: number;
  heapMb: number;
}

const DEFAULT_LIMITS: ReadLimits = { timeMs: READ_TIME_LIMIT_MS, heapMb: READ_HEAP_MB };

/** A small queue: the next read starts when one of those running ends. */
let running = 0;
const waiting: (() => void)[] = [];
async function turn(): Promise<() => void> {
  if (running >= READS_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

interface Reader {
  worker: Worker;
  /** Settles when its code is loaded and it waits for a job. */
  ready: Promise<void>;
}

function startReader(heapMb: number): Reader {
  const worker = new Worker(FROM_SOURCE ? BOOT : ENTRY, {
    workerData: { entry: ENTRY.href },
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
    stdout: false,
    stderr: false,
  });
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', (message: ReadReply) => (message.kind === 'ready' ? resolve() : reject(new Error(`The reading worker said ${message.kind} first`))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The reading worker stopped while loading (exit code ${code})`)));
  });
  void ready.catch(() => {
    if (spare?.worker === worker) spare = null;
  });
  return { worker, ready };
}

/** The loaded, idle worker for the next file with the usual limits. */
let spare: Reader | null = null;

function takeReader(heapMb: number): Reader {
  if (heapMb !== DEFAULT_LIMITS.heapMb) return startReader(heapMb);
  const reader = spare ?? startReader(heapMb);
  spare = null;
  return reader;
}

function warmSpare() {
  spare ??= startReader(DEFAULT_LIMITS.heapMb);
}

const tooSlow = (limits: ReadLimits) =>
  new DomainError('payload_too_large', `The file took longer than ${limits.timeMs / 1000} s to read`, {
    file: `took longer than ${limits.timeMs / 1000} s to read: split it into several files`,
  });
const tooHungry = (limits: ReadLimits) =>
  new DomainError('payload_too_large', `The file needs more than ${limits.heapMb} MB to read`, {
    file: `needs more than ${limits.heapMb} MB of memory to read: split it into several files or save it as CSV`,
  });

/**
 * A worker that read a small file reads the next one (loading one costs more than reading a
 * few hundred rows); one that read a large file, or failed, is ended and its memory with it.
 */
const REUSE_BELOW_BYTES = 1024 * 1024;

/** One job on one worker: its answer, or the refusal of a file over a limit. */
async function runOn(reader: Reader, job: ReadJob, onProgress: OnProgress | undefined, bounds: ReadLimits): Promise<{ file: ReadFile; table?: Table }> {
  const { worker } = reader;
  worker.ref();
  try {
    await reader.ready;
  } catch (error) {
    void worker.terminate();
    throw (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooHungry(bounds) : error;
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void, reusable = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (reusable && job.bytes.length < REUSE_BELOW_BYTES && !spare && bounds.heapMb === DEFAULT_LIMITS.heapMb) {
        worker.unref();
        spare = reader;
      } else {
        void worker.terminate();
      }
      outcome();
    };
    const timer = setTimeout(() => settle(() => reject(tooSlow(bounds))), bounds.timeMs);
    const people: ReadFile['people'] = [];
    const rows: Table['rows'] = [];
    // The next slice after the desk has had a turn for its other requests.
    const askForNext = () => setImmediate(() => settled || worker.postMessage('next'));
    const onMessage = (message: ReadReply) => {
      if (message.kind === 'progress') onProgress?.(message.phase, message.done, message.total);
      else if (message.kind === 'people') {
        for (const { rows } of message.people) people.push({ rows, merged: mergeRows(rows) });
        askForNext();
      } else if (message.kind === 'rows') {
        rows.push(...message.rows);
        askForNext();
      } else if (message.kind === 'done') {
        const file = { ...message.file, people };
        settle(() => resolve(message.table ? { file, table: { ...message.table, rows } } : { file }), true);
      } else if (message.kind === 'refused') settle(() => reject(new DomainError(message.code, message.message, message.details)));
      else if (message.kind === 'failed') settle(() => reject(new Error(`Reading the file failed: ${message.message}`)));
    };
    const onError = (error: Error & { code?: string }) => settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooHungry(bounds) : error));
    const onExit = (code: number) => settle(() => reject(new Error(`The reading worker stopped (exit code ${code})`)));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    // The worker gets its own copy to own: the caller may still keep the bytes (an upload is
    // stored), and a Buffer's memory may be a pool shared with others (Buffer#slice copies nothing).
    const bytes = new Uint8Array(job.bytes);
    worker.postMessage({ ...job, bytes }, [bytes.buffer as ArrayBuffer]);
  });
}

/** The file read into rows (when asked) and people, off the desk's thread. */
export async function readOffThread(job: ReadJob, onProgress?: OnProgress, limits: Partial<ReadLimits> = {}): Promise<{ file: ReadFile; table?: Table }> {
  const bounds = { ...DEFAULT_LIMITS, ...limits };
  const done = await turn();
  try {
    let reader = takeReader(bounds.heapMb);
    // A kept worker that died while idle is replaced once.
    try {
      await reader.ready;
      if (reader.worker.threadId < 0) throw new Error('ended while idle');
    } catch {
      reader = startReader(bounds.heapMb);
    }
    return await runOn(reader, job, onProgress, bounds);
  } finally {
    done();
    warmSpare();
  }
}
