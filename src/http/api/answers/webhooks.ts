/** Webhooks: the subscriptions and their delivery log. */
import { z } from 'zod';
import { DELIVERY_EVENTS, DELIVERY_STATUSES, WEBHOOK_EVENTS } from '../../../db/schema/index.js';
import { Instant, type Answers } from './types.js';

const id = z.number().int();

const webhookFields = {
  id,
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  active: z.boolean(),
  createdAt: Instant,
};

/** A subscription: these events, posted to this URL. */
export const Webhook = z.object(webhookFields).meta({ id: 'Webhook', description: 'A subscription of a URL to events' });

const WebhookDelivery = z
  .object({
    id,
    messageId: z.string().meta({ description: 'The Standard Webhooks message id, the same on every retry' }),
    event: z.enum(DELIVERY_EVENTS),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    responseStatus: z.number().int().nullable().meta({ description: "The receiver's last HTTP status" }),
    error: z.string().nullable(),
    createdAt: Instant,
    deliveredAt: Instant.nullable(),
    nextAttemptAt: Instant.nullable().meta({ description: 'When it is tried next; only while pending' }),
  })
  .meta({ id: 'WebhookDelivery', description: 'One event posted (or to be posted) to a subscription' });

export const webhookAnswers: Answers = {
  'post /webhooks': z
    .object({ ...webhookFields, secret: z.string().meta({ description: 'whsec_ and the base64 key: shown this once' }) })
    .meta({ id: 'NewWebhook', description: 'The subscription made, with its signing secret' }),
  'get /webhooks': z
    .object({ items: z.array(Webhook), nextCursor: z.null() })
    .meta({ id: 'WebhookList', description: 'The subscriptions, all in one page' }),
  'get /webhooks/:id': z
    .object({ ...webhookFields, deliveries: z.array(WebhookDelivery).meta({ description: 'The latest 100, newest first' }) })
    .meta({ id: 'WebhookWithDeliveries', description: 'A subscription with its delivery log' }),
  'post /webhooks/:id/test': z
    .object({
      delivered: z.boolean(),
      responseStatus: z.number().int().optional().meta({ description: "The receiver's HTTP status, when it answered" }),
      error: z.string().optional().meta({ description: 'Why it was not delivered' }),
      delivery: WebhookDelivery,
    })
    .meta({ id: 'WebhookTestResult', description: 'What the receiver did with a webhook.test posted now (a receiver down is an answer, not an error)' }),
};
