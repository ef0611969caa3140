/** What a client card request may say. */
import { z } from 'zod';
import { line, prose, requiredLine, requiredProse } from '../text.js';
import { LOCALES } from '../context.js';
import { pagingQuery } from '../paging.js';
import { calendarDate, instantInput } from '../time.js';
import { STAGES } from './facts.js';
import { ChannelsInput } from '../notifications/channels.js';

const name = requiredLine(200);
const phone = line(40);
const email = z.string().trim().email('must be an e-mail address').max(254);
const tag = requiredLine(50)
  .transform((value) => value.toLowerCase());
export const contactTags = z.array(tag).max(30, 'at most 30 tags');
const tags = contactTags;
const notes = prose(10_000);
const managerId = z.number().int().positive();

const contactFields = {
  name,
  phone: phone.nullish(),
  email: email.nullish(),
  locale: z.enum(LOCALES).nullish(),
  tags: tags.optional(),
  managerId: managerId.nullish(),
  notes: notes.nullish(),
  birthDate: calendarDate.nullish(),
  marketingOptIn: z.boolean().optional(),
  /** The ways the client wants to be told, in order; null: the default (e-mail, then SMS). */
  channels: ChannelsInput.nullish(),
};

export const CreateContactInput = z.object(contactFields).superRefine((input, issues) => {
  if (!input.phone && !input.email) {
    issues.addIssue({ code: 'custom', path: ['phone'], message: 'phone or email is required' });
  }
});
export type CreateContactInput = z.infer<typeof CreateContactInput>;

export const UpdateContactInput = z
  .object(contactFields)
  .partial()
  .extend({ nextContactAt: instantInput.nullish() });
export type UpdateContactInput = z.infer<typeof UpdateContactInput>;

export const ListContactsQuery = z.object({ q: z.string().trim().max(200).optional(), stage: z.enum(STAGES).optional(), ...pagingQuery });
export type ListContactsQuery = z.infer<typeof ListContactsQuery>;

export const CHANNELS = ['call', 'email', 'meeting', 'messenger', 'sms', 'note'] as const;
export const RecordCommunicationInput = z.object({
  channel: z.enum(CHANNELS),
  summary: requiredProse(10_000),
  outcome: line(500).nullish(),
  at: instantInput.optional(),
  nextContactAt: instantInput.nullish(),
});
export type RecordCommunicationInput = z.infer<typeof RecordCommunicationInput>;

export const TransferContactInput = z.object({ managerId });
export type TransferContactInput = z.infer<typeof TransferContactInput>;
