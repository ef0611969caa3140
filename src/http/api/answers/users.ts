/** What the staff routes answer: a member of staff, as `serializeUser` writes one. */
import { z } from 'zod';
import { LOCALES, ROLES } from '../../../domain/context.js';
import { Instant, type Answers } from './types.js';

export const UserAnswer = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    /** The language the person chose; null: the browser's. */
    locale: z.enum(LOCALES).nullable(),
    /** A deactivated user's tokens stop working at once. */
    active: z.boolean(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'User', description: 'A member of staff' });

export const UserListAnswer = z.object({ items: z.array(UserAnswer), nextCursor: z.string().nullable() });

export const userAnswers: Answers = {
  'post /users': UserAnswer,
  'get /users': UserListAnswer,
  'get /users/:id': UserAnswer,
  'patch /users/:id': UserAnswer,
};
