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

/**
 * Whom a campaign reaches. Strict: a misspelt criterion (`tag` for `tags`) is refused rather
 * than dropped, since a segment without its criteria reaches everyone.
 */
export const SegmentInput = z.strictObject(
  {
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
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `has no criterion ${issue.keys.join(', ')} (it takes tags, stages, locales, travelledDepartureIds, lastTripBefore, lastTripAfter, birthdayMonth)`
        : issue.input === undefined
          ? 'is required: name whom the campaign goes to ({} is everyone who agreed to offers)'
          : 'must be an object such as {"tags": ["regular"]} ({} is everyone who agreed to offers)',
  },
);
export type SegmentInput = z.infer<typeof SegmentInput>;

const text = z.object({ subject, body });
export const TextsInput = z.object({ en: text.optional(), ru: text.optional(), bg: text.optional() });
export type TextsInput = z.infer<typeof TextsInput>;

export const CreateCampaignInput = z.object({
  name: requiredLine(200),
  subject,
  body,
  texts: TextsInput.optional(),
  /**
   * Required: a forgotten segment must not quietly mean "everyone". `{}` still does, said on
   * purpose (the draft shows how many it reaches before anything is sent).
   */
  segment: SegmentInput,
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

/** A test copy: one rendered mail to this address (the person checking it, not a client). */
export const CampaignTestInput = z.object({
  email: z.string({ error: 'must be an e-mail address' }).trim().email('must be an e-mail address').max(254, 'must be an e-mail address'),
});
export type CampaignTestInput = z.infer<typeof CampaignTestInput>;

export const ListCampaignsQuery = z.object({ ...pagingQuery });
export type ListCampaignsQuery = z.infer<typeof ListCampaignsQuery>;

export const GreetingsInput = z.object({ enabled: z.boolean() });
export type GreetingsInput = z.infer<typeof GreetingsInput>;
