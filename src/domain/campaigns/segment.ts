/**
 * Whom a campaign reaches: clients with an e-mail who agreed to offers (never black-listed,
 * "do not contact" or unsubscribed), narrowed by the segment. Within one criterion any value
 * matches (regular or cold); across criteria all must.
 */
import { DateTime } from 'luxon';
import { marketable } from '../../db/fragments.js';
import { statement } from '../../db/statements.js';
import type { Ctx, Locale } from '../context.js';
import { automaticTagsOf, contactFacts, stageCandidateParams, stageCandidateSql, stageOf } from '../contacts/index.js';
import type { SegmentInput } from './schemas.js';

export interface Recipient {
  id: number;
  name: string;
  email: string;
  locale: Locale;
}

/** Facts are read per batch of this many clients. */
const BATCH = 500;

/** Clients who cannot be in any of the stages asked for are left out before their facts are read. */
function stagesSql(segment: SegmentInput): string {
  const conditions = (segment.stages ?? []).map((stage) => stageCandidateSql(stage));
  if (conditions.length === 0 || conditions.includes(null)) return '';
  return `AND (${conditions.join(' OR ')})`;
}

function candidatesSql(segment: SegmentInput): string {
  return `SELECT c.id, c.name, c.email, coalesce(c.locale, :agencyLocale) AS locale, c.tags FROM contacts c
    WHERE c.email IS NOT NULL AND ${marketable('c')} ${stagesSql(segment)}
      ${segment.locales?.length ? `AND coalesce(c.locale, :agencyLocale) IN (SELECT value FROM json_each(:locales))` : ''}
      ${segment.birthdayMonth ? `AND substr(c.birth_date, 6, 2) = :month` : ''}
      ${
        segment.travelledDepartureIds?.length
          ? `AND EXISTS (SELECT 1 FROM deals d JOIN departures dep ON dep.id = d.departure_id
               WHERE d.contact_id = c.id AND d.status <> 'cancelled' AND dep.departs_at <= :now
                 AND d.departure_id IN (SELECT CAST(value AS INTEGER) FROM json_each(:departures)))`
          : ''
      }
    ORDER BY c.name, c.id`;
}

const dayStart = (date: string, zone: string) => DateTime.fromISO(date, { zone }).startOf('day').toMillis();

export async function recipientsOf(ctx: Ctx, segment: SegmentInput): Promise<Recipient[]> {
  const sql = candidatesSql(segment);
  const rows = await statement(ctx.sqlite, sql).all({
    agencyLocale: ctx.agency.locale,
    now: ctx.now,
    ...(sql.includes(':postsaleSince') ? { postsaleSince: stageCandidateParams(ctx.now).postsaleSince } : {}),
    ...(segment.locales?.length ? { locales: JSON.stringify(segment.locales) } : {}),
    ...(segment.birthdayMonth ? { month: String(segment.birthdayMonth).padStart(2, '0') } : {}),
    ...(segment.travelledDepartureIds?.length ? { departures: JSON.stringify(segment.travelledDepartureIds) } : {}),
  }) as (Recipient & { tags: string })[];
  const needsFacts = !!(segment.tags?.length || segment.stages?.length || segment.lastTripBefore || segment.lastTripAfter);
  if (!needsFacts) return rows.map(({ tags: _tags, ...recipient }) => recipient);
  const before = segment.lastTripBefore ? dayStart(segment.lastTripBefore, ctx.agency.timeZone) : null;
  const after = segment.lastTripAfter ? dayStart(segment.lastTripAfter, ctx.agency.timeZone) : null;
  const chosen: Recipient[] = [];
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const facts = await contactFacts(ctx, batch.map((row) => row.id));
    for (const { tags, ...recipient } of batch) {
      const known = facts.get(recipient.id);
      if (!known) continue;
      if (segment.tags?.length) {
        const all = new Set([...(JSON.parse(tags) as string[]), ...automaticTagsOf(known, ctx.now)]);
        if (!segment.tags.some((tag) => all.has(tag))) continue;
      }
      if (segment.stages?.length && !segment.stages.includes(stageOf(known, ctx.now))) continue;
      if (before !== null && !(known.lastTripAt !== null && known.lastTripAt < before)) continue;
      if (after !== null && !(known.lastTripAt !== null && known.lastTripAt >= after)) continue;
      chosen.push(recipient);
    }
  }
  return chosen;
}
