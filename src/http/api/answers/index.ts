/** Every area's answers in one map, keyed by operation (`get /deals/:id`). */
import { DEPARTURE_ANSWERS } from './departures.js';
import { MONEY_ANSWERS } from './money.js';
import { REPORT_ANSWERS } from './reports.js';
import { SESSION_ANSWERS } from './session.js';
import type { Answers } from './types.js';
import { USER_ANSWERS } from './users.js';
import { WORKLIST_ANSWERS } from './worklists.js';

export const ANSWERS: Answers = {
  ...SESSION_ANSWERS,
  ...USER_ANSWERS,
  ...DEPARTURE_ANSWERS,
  ...WORKLIST_ANSWERS,
  ...REPORT_ANSWERS,
  ...MONEY_ANSWERS,
};
