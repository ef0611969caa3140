/**
 * What a client's history says about them, in one read for many clients: the automatic tags
 * of the agencies' rules and the stage of the client-card manual both follow from it, for the
 * card, the contacts filter and a campaign's segment alike.
 */
import { statement } from '../../db/statements.js';
import type { Ctx } from '../context.js';
import { DAY_MS } from '../time.js';

/** "1.5 years" in the agencies' own rules for regular and cold clients. */
export const EIGHTEEN_MONTHS_MS = 548 * DAY_MS;
/** After a trip returns, the client is in post-sale care this long. */
export const POSTSALE_DAYS = 30;

export const AUTOMATIC_TAGS = ['regular', 'cold', 'never_bought', 'bought_elsewhere'] as const;
export type AutomaticTag = (typeof AUTOMATIC_TAGS)[number];
export const STAGES = ['presale', 'selection', 'booking', 'postsale', 'refused', 'client'] as const;
export type Stage = (typeof STAGES)[number];

export interface ContactFacts {
  id: number;
  createdAt: number;
  /** Bookings not cancelled: all, and on trips of the last 18 months. */
  bought: number;
  recentTrips: number;
  lastBookedAt: number | null;
  lastContactAt: number | null;
  inquiries: number;
  boughtElsewhere: number;
  presale: number;
  selection: number;
  /** Bookings not cancelled whose trip has not come back yet. */
  upcoming: number;
  /** When the client's latest trip came back (returns, else departs), and when it left. */
  lastReturnAt: number | null;
  lastTripAt: number | null;
  latestInquiryStatus: string | null;
}

const FACTS_SQL = `
  SELECT c.id, c.created_at AS createdAt,
    (SELECT count(*) FROM deals d WHERE d.contact_id = c.id AND d.status <> 'cancelled') AS bought,
    (SELECT count(*) FROM deals d JOIN departures dep ON dep.id = d.departure_id
       WHERE d.contact_id = c.id AND d.status <> 'cancelled' AND dep.departs_at > :since) AS recentTrips,
    (SELECT max(d.created_at) FROM deals d WHERE d.contact_id = c.id AND d.status <> 'cancelled') AS lastBookedAt,
    (SELECT max(m.at) FROM communications m WHERE m.contact_id = c.id) AS lastContactAt,
    (SELECT count(*) FROM inquiries i WHERE i.contact_id = c.id) AS inquiries,
    (SELECT count(*) FROM inquiries i WHERE i.contact_id = c.id AND i.status = 'refused' AND i.reason = 'bought_elsewhere') AS boughtElsewhere,
    (SELECT count(*) FROM inquiries i WHERE i.contact_id = c.id AND i.status IN ('new', 'no_offer')) AS presale,
    (SELECT count(*) FROM inquiries i WHERE i.contact_id = c.id AND i.status IN ('selecting', 'offer_made')) AS selection,
    (SELECT count(*) FROM deals d JOIN departures dep ON dep.id = d.departure_id
       WHERE d.contact_id = c.id AND d.status <> 'cancelled' AND dep.status = 'scheduled' AND coalesce(dep.returns_at, dep.departs_at) > :now) AS upcoming,
    (SELECT max(coalesce(dep.returns_at, dep.departs_at)) FROM deals d JOIN departures dep ON dep.id = d.departure_id
       WHERE d.contact_id = c.id AND d.status <> 'cancelled' AND dep.status = 'scheduled' AND coalesce(dep.returns_at, dep.departs_at) <= :now) AS lastReturnAt,
    (SELECT max(dep.departs_at) FROM deals d JOIN departures dep ON dep.id = d.departure_id
       WHERE d.contact_id = c.id AND d.status <> 'cancelled' AND dep.status = 'scheduled' AND dep.departs_at <= :now) AS lastTripAt,
    (SELECT i.status FROM inquiries i WHERE i.contact_id = c.id ORDER BY i.id DESC LIMIT 1) AS latestInquiryStatus
  FROM contacts c WHERE c.id IN (SELECT CAST(value AS INTEGER) FROM json_each(:ids))`;

export async function contactFacts(ctx: Ctx, ids: number[]): Promise<Map<number, ContactFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await statement(ctx.sqlite, FACTS_SQL).all({ ids: JSON.stringify(ids), now: ctx.now, since: ctx.now - EIGHTEEN_MONTHS_MS }) as ContactFacts[];
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Tags that follow from the client's history, computed whenever they are read (so they are
 * never stale): regular (3+ trips in 18 months), cold (no purchase or contact for 18 months),
 * never_bought (2+ inquiries, no booking), bought_elsewhere (refused for that reason).
 */
export function automaticTagsOf(facts: ContactFacts, now: number): AutomaticTag[] {
  const tags: AutomaticTag[] = [];
  if (facts.recentTrips >= 3) tags.push('regular');
  if (facts.bought === 0 && facts.inquiries >= 2) tags.push('never_bought');
  if (facts.boughtElsewhere > 0) tags.push('bought_elsewhere');
  const lastActivity = Math.max(facts.createdAt, facts.lastBookedAt ?? 0, facts.lastContactAt ?? 0);
  if (lastActivity < now - EIGHTEEN_MONTHS_MS) tags.push('cold');
  return tags;
}

/**
 * Where the client stands (the client-card manual's stages), derived, never set: a trip
 * booked and not yet back comes first, then an offer being chosen, then a fresh inquiry,
 * then the month after a trip, then a refusal as the latest word; otherwise a client.
 */
export function stageOf(facts: ContactFacts, now: number): Stage {
  if (facts.upcoming > 0) return 'booking';
  if (facts.selection > 0) return 'selection';
  if (facts.presale > 0) return 'presale';
  if (facts.lastReturnAt !== null && facts.lastReturnAt > now - POSTSALE_DAYS * DAY_MS) return 'postsale';
  if (facts.latestInquiryStatus === 'refused') return 'refused';
  return 'client';
}

/**
 * A condition over the contact `c` that every client in the stage meets (a necessary fact, not
 * the rule itself, which stays `stageOf`): lets a filter skip the many clients who cannot be in
 * a rare stage without reading all their facts. `client` has none: it is what is left.
 */
export function stageCandidateSql(stage: Stage, c = 'c'): string | null {
  const live = `d.contact_id = ${c}.id AND d.status <> 'cancelled' AND dep.status = 'scheduled'`;
  switch (stage) {
    case 'presale':
      return `EXISTS (SELECT 1 FROM inquiries i WHERE i.contact_id = ${c}.id AND i.status IN ('new', 'no_offer'))`;
    case 'selection':
      return `EXISTS (SELECT 1 FROM inquiries i WHERE i.contact_id = ${c}.id AND i.status IN ('selecting', 'offer_made'))`;
    case 'booking':
      return `EXISTS (SELECT 1 FROM deals d JOIN departures dep ON dep.id = d.departure_id WHERE ${live} AND coalesce(dep.returns_at, dep.departs_at) > :now)`;
    case 'postsale':
      return `EXISTS (SELECT 1 FROM deals d JOIN departures dep ON dep.id = d.departure_id WHERE ${live} AND coalesce(dep.returns_at, dep.departs_at) BETWEEN :postsaleSince AND :now)`;
    case 'refused':
      return `EXISTS (SELECT 1 FROM inquiries i WHERE i.contact_id = ${c}.id AND i.status = 'refused')`;
    case 'client':
      return null;
  }
}

/** The parameters `stageCandidateSql` names. */
export const stageCandidateParams = (now: number) => ({ now, postsaleSince: now - POSTSALE_DAYS * DAY_MS });
