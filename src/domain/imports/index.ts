/** Clients brought in from the agency's old spreadsheets and systems. */
export * from './imports.js';
export { IMPORT_FIELDS, type ImportField } from './columns.js';
export { englishCarriedNote, type ImportPlan, type RowOutcome, type OnProgress, type ImportPhase, type Conflict, type CarriedNote } from './plan.js';
export type { RowProblem, Carried } from './contact-rows.js';
export { MAX_ROWS } from './table.js';
export type { Cell as ImportCell } from './table.js';
export { rejectedRows, type RejectedRow } from './rejected.js';
export * from './schemas.js';
