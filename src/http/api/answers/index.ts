/** Every area's answers in one map, keyed by operation (`get /deals/:id`). */
import { busAnswers } from './bus.js';
import { dealAnswers } from './deals.js';
import { publicAnswers } from './public.js';
import type { Answers } from './types.js';
import { waitlistAnswers } from './waitlist.js';

export const ANSWERS: Answers = { ...dealAnswers, ...busAnswers, ...waitlistAnswers, ...publicAnswers };
