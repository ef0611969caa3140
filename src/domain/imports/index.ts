/** Clients brought in from the agency's old spreadsheets and systems. */
export * from './imports.js';
export { IMPORT_FIELDS, type ImportField } from './columns.js';
export type { ImportPlan, RowOutcome, OnProgress, ImportPhase } from './plan.js';
export type { RowProblem } from './contact-rows.js';
export { MAX_ROWS } from './table.js';
export * from './schemas.js';
