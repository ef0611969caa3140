/** What signing in and the session answer, and this API's own description. */
import { z } from 'zod';
import { Instant, type Answers } from './types.js';
import { UserAnswer } from './users.js';

export const SignInAnswer = z
  .object({
    /** Send as `Authorization: Bearer TOKEN`. */
    token: z.string(),
    expiresAt: Instant,
    user: UserAnswer,
  })
  .meta({ id: 'SignIn', description: 'A bearer token and the user it signs in' });

const calendar = {
  /** The private calendar feed's token. */
  calendarToken: z.string(),
  /** The address to paste into a calendar program. */
  calendarUrl: z.string(),
};

/** The signed-in user: their fields at the top level and again under `user`, as the sign-in answer has them. */
export const SessionAnswer = UserAnswer.extend({ user: UserAnswer, ...calendar }).meta({
  id: 'Session',
  description: 'The signed-in user (also under `user`) with the private calendar address',
});

export const CalendarTokenAnswer = z.object(calendar);

/** The OpenAPI 3.1 document: only its frame is described here. */
export const OpenApiDocumentAnswer = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.looseObject({})),
});

export const sessionAnswers: Answers = {
  'post /session': SignInAnswer,
  'get /session': SessionAnswer,
  'post /session/calendar-token': CalendarTokenAnswer,
  'get /openapi.json': OpenApiDocumentAnswer,
};
