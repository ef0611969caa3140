/** What a campaign request may say. */
import { z } from 'zod';
import { LOCALES } from '../context.js';
import { STAGES } from '../contacts/index.js';
import { pagingQuery } from '../paging.js';
import { requiredLine, requiredProse } from '../text.js';
import { calendarDate } from '../time.js';

const subject = requiredLine(200);
const body = requiredProse(20_000);
const tag = requiredLine(50).transform((value) => value.toLowerCase());

export const SegmentInput = z.object({
  tags: z.array(tag).max(30).optional(),
  stages: z.array(z.enum(STAGES)).max(STAGES.length).optional(),
  locales: z.array(z.enum(LOCALES)).max(LOCALES.length).optional(),
  travelledDepartureIds: z.array(z.number().int().positive()).max(200).optional(),
  lastTripBefore: calendarDate.optional(),
  lastTripAfter: calendarDate.optional(),
  birthdayMonth: z
    .number({ error: 'must be a month from 1 to 12' })
    .int('must be a month from 1 to 12')
    .min(1, 'must be a month from 1 to 12')
    .max(12, 'must be a month from 1 to 12')
    .optional(),
});
export type SegmentInput = z.infer<typeof SegmentInput>;

const text = z.object({ subject, body });
export const TextsInput = z.object({ en: text.optional(), ru: text.optional(), bg: text.optional() });
export type TextsInput = z.infer<typeof TextsInput>;

export const CreateCampaignInput = z.object({
  name: requiredLine(200),
  subject,
  body,
  texts: TextsInput.optional(),
  segment: SegmentInput.default({}),
});
export type CreateCampaignInput = z.infer<typeof CreateCampaignInput>;

export const UpdateCampaignInput = z.object({
  name: requiredLine(200).optional(),
  subject: subject.optional(),
  body: body.optional(),
  texts: TextsInput.optional(),
  segment: SegmentInput.optional(),
});
export type UpdateCampaignInput = z.infer<typeof UpdateCampaignInput>;

export const ListCampaignsQuery = z.object({ ...pagingQuery });
export type ListCampaignsQuery = z.infer<typeof ListCampaignsQuery>;

export const GreetingsInput = z.object({ enabled: z.boolean() });
export type GreetingsInput = z.infer<typeof GreetingsInput>;
