/**
 * After the trip: `FOLLOW_UP_DAYS` after a trip returns, every booking that travelled is asked
 * how it was (a `feedback_request` mail with a signed link to a public page), and its client's
 * manager gets a planned contact ("how was Ohrid, what next"). No-shows and cancelled bookings
 * get neither. The answer (1-5 stars and a comment) is given once.
 */
import { readConsistently } from '../../db/transaction.js';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { statement } from '../../db/statements.js';
import { atomically } from '../../db/transaction.js';
import { wallOf, type Ctx } from '../context.js';
import { DomainError, notFound } from '../errors.js';
import { readLink, signLink } from '../links.js';
import { prose } from '../text.js';
import { DAY_MS } from '../time.js';

export const DEFAULT_FOLLOW_UP_DAYS = 2;
/** The hour of the trip's zone the request goes out at, as payment reminders do. */
export const FOLLOW_UP_HOUR = 10;
/** A trip whose follow-up day passed longer ago than this is not asked any more (a first run over old trips). */
const FOLLOW_UP_LATEST_DAYS = 14;

/**
 * When the trip is followed up: FOLLOW_UP_DAYS after it came back, and no later than that day's
 * morning in the trip's zone, so a trip back late at night is asked at a decent hour on the
 * day, and one back in the morning is never asked later than the days promised.
 */
export function followUpAt(trip: { departsAt: number; returnsAt: number | null; timeZone: string }, days: number): number {
  const back = DateTime.fromMillis(trip.returnsAt ?? trip.departsAt, { zone: trip.timeZone });
  const morning = back.startOf('day').plus({ days }).set({ hour: FOLLOW_UP_HOUR }).toMillis();
  return Math.min(morning, back.plus({ days }).toMillis());
}

interface Candidate {
  dealId: number;
  departureId: number;
  contactId: number;
  managerId: number | null;
  email: string | null;
  locale: 'en' | 'ru' | 'bg' | null;
  departsAt: number;
  returnsAt: number | null;
  zone: string;
}

// Bookings on trips back within the window, not cancelled, with someone who did not miss the bus
// (a booking without named travellers travelled), and not asked yet.
const CANDIDATES_SQL = `
  SELECT d.id AS dealId, d.departure_id AS departureId, d.contact_id AS contactId, d.manager_id AS managerId, c.email, c.locale,
    dep.departs_at AS departsAt, dep.returns_at AS returnsAt, dep.time_zone AS zone
  FROM departures dep
  CROSS JOIN deals d ON d.departure_id = dep.id
  JOIN contacts c ON c.id = d.contact_id
  WHERE dep.departs_at > :from AND dep.departs_at <= :now AND dep.status = 'scheduled'
    AND d.status <> 'cancelled'
    AND (NOT EXISTS (SELECT 1 FROM travellers t WHERE t.deal_id = d.id)
         OR EXISTS (SELECT 1 FROM travellers t WHERE t.deal_id = d.id AND t.boarding <> 'no_show'))
    AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.deal_id = d.id AND n.kind = 'feedback_request')`;

export interface PlannedFeedback {
  dealId: number;
  contactId: number;
  toAddress: string | null;
}

/** The requests owed now, then (unless a dry run) queued with each client's follow-up contact, under the write lock. */
export async function planFeedbackRequests(ctx: Ctx, dryRun = false): Promise<PlannedFeedback[]> {
  const days = ctx.agency.followUpDays ?? DEFAULT_FOLLOW_UP_DAYS;
  // Trips can last weeks: departures of the last two months are looked at, returns decide.
  const window = { from: ctx.now - (days + FOLLOW_UP_LATEST_DAYS + 60) * DAY_MS, now: ctx.now };
  const candidates = await readConsistently(ctx, async (ctx) => (await statement(ctx.sqlite, CANDIDATES_SQL).all(window)) as Candidate[]);
  const owed = candidates
    .map((row) => ({ row, at: followUpAt({ departsAt: row.departsAt, returnsAt: row.returnsAt, timeZone: row.zone }, days) }))
    .filter(({ at }) => at <= ctx.now && at > ctx.now - FOLLOW_UP_LATEST_DAYS * DAY_MS);
  if (dryRun) return owed.map(({ row }) => ({ dealId: row.dealId, contactId: row.contactId, toAddress: row.email }));
  return await atomically(ctx, async (ctx) => {
    const insert = statement(
      ctx.sqlite,
      `INSERT INTO notifications (deal_id, departure_id, contact_id, kind, to_address, locale, status, next_attempt_at, created_at, updated_at)
       VALUES (:dealId, :departureId, :contactId, 'feedback_request', :email, :locale, :status, :wall, :now, :now)
       ON CONFLICT DO NOTHING`,
    );
    // The manager's call: the earlier of what was planned and the follow-up day, about this trip.
    const followUp = statement(
      ctx.sqlite,
      `UPDATE contacts SET next_contact_at = CASE WHEN next_contact_at IS NULL OR next_contact_at > :at THEN :at ELSE next_contact_at END,
         follow_up_departure_id = :departureId, manager_id = coalesce(manager_id, :managerId), updated_at = :now
       WHERE id = :contactId`,
    );
    const queued: PlannedFeedback[] = [];
    for (const { row, at } of owed) {
      const inserted = await insert.run({
        dealId: row.dealId,
        departureId: row.departureId,
        contactId: row.contactId,
        email: row.email,
        locale: row.locale ?? ctx.agency.locale,
        status: row.email ? 'pending' : 'no_address',
        wall: wallOf(ctx),
        now: ctx.now,
      });
      if (inserted.changes === 0) continue;
      await followUp.run({ at, departureId: row.departureId, managerId: row.managerId, contactId: row.contactId, now: ctx.now });
      queued.push({ dealId: row.dealId, contactId: row.contactId, toAddress: row.email });
    }
    return queued;
  });
}

/** The public page's address for one booking's answer. */
export const feedbackToken = async (ctx: Ctx, dealId: number) => await signLink(ctx.sqlite, 'feedback', [dealId]);

export interface FeedbackRequest {
  dealId: number;
  clientName: string;
  trip: string;
  departsAt: number;
  zone: string;
  locale: 'en' | 'ru' | 'bg';
  /** The answer already given, if any: the page then thanks instead of asking. */
  answered: { rating: number; comment: string | null } | null;
}

/** What the feedback page shows for a link; an altered or foreign link is not found. */
export async function feedbackRequestOf(ctx: Ctx, token: string): Promise<FeedbackRequest> {
  const ids = await readLink(ctx.sqlite, 'feedback', token, 1);
  if (!ids) throw notFound('feedback link', token);
  const row = await statement(
    ctx.sqlite,
    `SELECT d.id AS dealId, c.name AS clientName, c.locale, dep.title AS trip, dep.departs_at AS departsAt, dep.time_zone AS zone,
       f.rating, f.comment
     FROM deals d JOIN contacts c ON c.id = d.contact_id JOIN departures dep ON dep.id = d.departure_id
     LEFT JOIN feedback f ON f.deal_id = d.id WHERE d.id = ?`,
  ).get(ids[0]) as (Omit<FeedbackRequest, 'answered' | 'locale'> & { locale: FeedbackRequest['locale'] | null; rating: number | null; comment: string | null }) | undefined;
  if (!row) throw notFound('feedback link', token);
  return {
    dealId: row.dealId,
    clientName: row.clientName,
    trip: row.trip,
    departsAt: row.departsAt,
    zone: row.zone,
    locale: row.locale ?? ctx.agency.locale,
    answered: row.rating === null ? null : { rating: row.rating, comment: row.comment },
  };
}

const STARS = 'must be a whole number of stars from 1 to 5';

/**
 * A rating is a JSON number of stars: `true`, `[5]` or `"5"` are refused rather than read as
 * stars (a coercion would turn them into 1 and 5). The public page's form sends text, and
 * turns exactly "1" to "5" into the number first (`starsOfForm`).
 */
export const FeedbackInput = z.object({
  rating: z
    .number({ error: STARS })
    .int(STARS)
    .min(1, STARS)
    .max(5, STARS),
  comment: prose(5_000).nullish(),
});
export type FeedbackInput = z.infer<typeof FeedbackInput>;

/** A form's radio value as stars: exactly "1" to "5"; anything else is left as typed, for the schema to refuse. */
export const starsOfForm = (value: string | undefined): number | string => (value !== undefined && /^[1-5]$/.test(value) ? Number(value) : (value ?? ''));

/** The traveller's answer, once: a second one is refused (409) and the first stands. */
export async function answerFeedback(ctx: Ctx, token: string, input: FeedbackInput) {
  const request = await feedbackRequestOf(ctx, token);
  return await atomically(ctx, async (ctx) => {
    const inserted = await statement(
      ctx.sqlite,
      `INSERT INTO feedback (deal_id, departure_id, contact_id, rating, comment, created_at)
       SELECT d.id, d.departure_id, d.contact_id, :rating, :comment, :now FROM deals d WHERE d.id = :dealId
       ON CONFLICT (deal_id) DO NOTHING`,
    ).run({ dealId: request.dealId, rating: input.rating, comment: input.comment || null, now: ctx.now });
    if (inserted.changes === 0) throw new DomainError('conflict', 'This trip has already been rated: thank you', { reason: 'already_answered' });
    return { dealId: request.dealId, rating: input.rating, comment: input.comment || null };
  });
}

export interface FeedbackEntry {
  id: number;
  dealId: number;
  departureId: number;
  departureTitle: string;
  departsAt: number;
  contactId: number;
  contactName: string;
  rating: number;
  comment: string | null;
  createdAt: number;
}

const ENTRIES_SQL = `SELECT f.id, f.deal_id AS dealId, f.departure_id AS departureId, dep.title AS departureTitle, dep.departs_at AS departsAt,
    f.contact_id AS contactId, c.name AS contactName, f.rating, f.comment, f.created_at AS createdAt
  FROM feedback f JOIN departures dep ON dep.id = f.departure_id JOIN contacts c ON c.id = f.contact_id`;

export const feedbackOfDeparture = async (ctx: Ctx, departureId: number): Promise<FeedbackEntry[]> =>
  await statement(ctx.sqlite, `${ENTRIES_SQL} WHERE f.departure_id = ? ORDER BY f.id DESC`).all(departureId) as FeedbackEntry[];

export const feedbackOfContact = async (ctx: Ctx, contactId: number): Promise<FeedbackEntry[]> =>
  await statement(ctx.sqlite, `${ENTRIES_SQL} WHERE f.contact_id = ? ORDER BY f.id DESC`).all(contactId) as FeedbackEntry[];

export interface Rating {
  average: number | null;
  count: number;
}

/** The trips' ratings: the average to one decimal, and how many answered. */
export async function ratingsOf(ctx: Ctx, departureIds: number[]): Promise<Map<number, Rating>> {
  const rows = await statement(
    ctx.sqlite,
    `SELECT departure_id AS departureId, avg(rating) AS average, count(*) AS count FROM feedback
     WHERE departure_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?)) GROUP BY departure_id`,
  ).all(JSON.stringify(departureIds)) as { departureId: number; average: number; count: number }[];
  return new Map(rows.map((row) => [row.departureId, { average: Math.round(row.average * 10) / 10, count: row.count }]));
}

export const ratingOf = async (ctx: Ctx, departureId: number): Promise<Rating> => (await ratingsOf(ctx, [departureId])).get(departureId) ?? { average: null, count: 0 };
