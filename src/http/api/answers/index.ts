/** Every area's answers in one map, keyed by operation (`get /deals/:id`). */
import type { Answers } from './types.js';
import { aftercareAnswers } from './aftercare.js';
import { busAnswers } from './bus.js';
import { campaignAnswers } from './campaigns.js';
import { contactAnswers } from './contacts.js';
import { dealAnswers } from './deals.js';
import { importAnswers } from './imports.js';
import { inquiryAnswers } from './inquiries.js';
import { notificationAnswers } from './notifications.js';
import { publicAnswers } from './public.js';
import { roomingAnswers } from './rooming.js';
import { taskAnswers } from './tasks.js';
import { waitlistAnswers } from './waitlist.js';
import { webhookAnswers } from './webhooks.js';

export const ANSWERS: Answers = {
  ...dealAnswers,
  ...busAnswers,
  ...waitlistAnswers,
  ...publicAnswers,
  ...contactAnswers,
  ...inquiryAnswers,
  ...taskAnswers,
  ...campaignAnswers,
  ...webhookAnswers,
  ...aftercareAnswers,
  ...notificationAnswers,
  ...roomingAnswers,
  ...importAnswers,
};
