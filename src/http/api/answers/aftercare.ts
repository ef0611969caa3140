/** After the trip: what travellers said, the feedback link, and one-click unsubscribe. */
import { z } from 'zod';
import { Instant, type Answers } from './types.js';

const id = z.number().int();
const stars = z.number().int().min(1).max(5);

/** One booking's answer to "how was the trip". */
export const TripFeedback = z
  .object({
    id,
    dealId: id,
    departureId: id,
    departureTitle: z.string(),
    departsAt: Instant,
    contactId: id,
    contactName: z.string(),
    rating: stars,
    comment: z.string().nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'TripFeedback', description: "A traveller's answer after the trip: 1-5 stars and a comment" });

export const aftercareAnswers: Answers = {
  'get /departures/:id/feedback': z
    .object({
      rating: z
        .object({
          average: z.number().nullable().meta({ description: 'To one decimal; null when nobody answered' }),
          count: z.number().int(),
        })
        .meta({ id: 'TripRating', description: "The trip's rating: the average of the answers and how many answered" }),
      items: z.array(TripFeedback),
    })
    .meta({ id: 'DepartureFeedback', description: "What the travellers said, newest first, and the trip's rating" }),
  'get /public/feedback/:token': z
    .object({ trip: z.string(), departsAt: Instant, answered: z.boolean() })
    .meta({ id: 'FeedbackLink', description: 'What a feedback link is about, and whether it was answered' }),
  'post /public/feedback/:token': z
    .object({ dealId: id, rating: stars, comment: z.string().nullable() })
    .meta({ id: 'FeedbackGiven', description: 'The answer as kept' }),
  'post /public/unsubscribe/:token': z
    .object({ unsubscribed: z.literal(true) })
    .meta({ id: 'Unsubscribed', description: 'The client is unsubscribed (a second click changes nothing)' }),
};
