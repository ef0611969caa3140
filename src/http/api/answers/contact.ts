/** The client as lists and the intake answer it: apart from the card, so an inquiry's answer can carry it. */
import { z } from 'zod';
import { LOCALES } from '../../../domain/context.js';
import { MESSAGE_CHANNELS } from '../../../domain/notifications/channels.js';
import { Day, Instant } from './types.js';

const id = z.number().int();

export const contactFields = {
  id,
  name: z.string(),
  phone: z.string().nullable().meta({ description: 'E.164' }),
  email: z.string().nullable(),
  locale: z.enum(LOCALES).nullable().meta({ description: "The client's language; null: the agency's" }),
  tags: z.array(z.string()),
  managerId: id.nullable(),
  notes: z.string().nullable(),
  nextContactAt: Instant.nullable().meta({ description: 'The next conversation planned' }),
  followUpDepartureId: id.nullable().meta({ description: 'The trip the planned contact follows up' }),
  birthDate: Day.nullable(),
  marketingOptIn: z.boolean(),
  unsubscribedAt: Instant.nullable(),
  channels: z.array(z.enum(MESSAGE_CHANNELS)).meta({ description: 'The ways the client is told, in order' }),
  channelsChosen: z.boolean().meta({ description: 'The client chose their channels (else the default order applies)' }),
  telegramLinked: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
};

/** A client as lists and the intake show them. */
export const Contact = z.object(contactFields).meta({ id: 'Contact', description: 'A client' });
