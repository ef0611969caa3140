// Starts the reading worker from its TypeScript source when the desk runs from source (tsx):
// a worker thread does not inherit the parent's loader, so it registers its own first.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
