/** Every area's answers in one map, keyed by operation (`get /deals/:id`). */
import type { Answers } from './types.js';

export const ANSWERS: Answers = {};
