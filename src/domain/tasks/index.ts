/** Tasks: work with a person and a deadline, and the trip's plan that gives every departure its stages. */
export * from './schemas.js';
export * from './tasks.js';
export { readPlan, replacePlan, ensureDefaultPlan, stuckStages, stageDueAt, type PlanEntry, type StuckTrip } from './plan.js';
export { knownStageOf, STAGE_CODES, type StageCode } from './default-plan.js';
