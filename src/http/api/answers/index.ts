/** Every area's answers in one map, keyed by operation (`get /deals/:id`). */
import type { Answers } from './types.js';
import { aftercareAnswers } from './aftercare.js';
import { busAnswers } from './bus.js';
import { campaignAnswers } from './campaigns.js';
import { contactAnswers } from './contacts.js';
import { dealAnswers } from './deals.js';
import { departureAnswers } from './departures.js';
import { importAnswers } from './imports.js';
import { inquiryAnswers } from './inquiries.js';
import { moneyAnswers } from './money.js';
import { notificationAnswers } from './notifications.js';
import { publicAnswers } from './public.js';
import { reportAnswers } from './reports.js';
import { roomingAnswers } from './rooming.js';
import { sessionAnswers } from './session.js';
import { taskAnswers } from './tasks.js';
import { userAnswers } from './users.js';
import { waitlistAnswers } from './waitlist.js';
import { webhookAnswers } from './webhooks.js';
import { worklistAnswers } from './worklists.js';

export const ANSWERS: Answers = {
  ...sessionAnswers,
  ...userAnswers,
  ...departureAnswers,
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
  ...worklistAnswers,
  ...reportAnswers,
  ...moneyAnswers,
};
