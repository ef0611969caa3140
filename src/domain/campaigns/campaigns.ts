/**
 * Campaigns: a draft shows whom it would reach before anything is sent; sending queues one
 * outbox row per recipient, spaced so the mail server is handed at most
 * `CAMPAIGN_RATE_PER_MINUTE` a minute. The sender checks each client again when it claims the
 * row: one who unsubscribed or was barred in between is not written to.
 */
import { readConsistently } from '../../db/transaction.js';
import { forEachInOrder } from '../in-order.js';
import { desc, eq, lt, sql } from 'drizzle-orm';
import { campaigns, contacts } from '../../db/schema/index.js';
import { statement } from '../../db/statements.js';
import { atomically } from '../../db/transaction.js';
import { wallOf, type ActingCtx, type Ctx, type Locale } from '../context.js';
import { DomainError, notFound } from '../errors.js';
import { readLink, signLink } from '../links.js';
import { decodeCursor, pageInOrder } from '../paging.js';
import { MINUTE_MS } from '../time.js';
import type { CreateCampaignInput, ListCampaignsQuery, SegmentInput, TextsInput, UpdateCampaignInput } from './schemas.js';
import { recipientsOf, type Recipient } from './segment.js';

export const DEFAULT_CAMPAIGN_RATE = 60;

export type CampaignRow = typeof campaigns.$inferSelect;

export const readSegment = (row: Pick<CampaignRow, 'segment'>): SegmentInput => JSON.parse(row.segment) as SegmentInput;
export const readTexts = (row: Pick<CampaignRow, 'texts'>): TextsInput => JSON.parse(row.texts) as TextsInput;

export async function getCampaignRow(ctx: Ctx, id: number): Promise<CampaignRow> {
  const row = await ctx.db.select().from(campaigns).where(eq(campaigns.id, id)).get();
  if (!row) throw notFound('campaign', id);
  return row;
}

/** The words a client reads: their language's text, else the campaign's own. */
export function textFor(row: Pick<CampaignRow, 'subject' | 'body' | 'texts'>, locale: Locale): { subject: string; body: string } {
  return readTexts(row)[locale] ?? { subject: row.subject, body: row.body };
}

/** `{name}` is the client's name; nothing else in the text is touched. */
export const personal = (text: string, name: string) => text.replaceAll('{name}', name);

interface Counts {
  queued: number;
  pending: number;
  sent: number;
  failed: number;
  skipped: number;
  unsubscribed: number;
}

async function countsOf(ctx: Ctx, id: number): Promise<Counts> {
  const row = await statement(
    ctx.sqlite,
    `SELECT count(*) AS queued,
       count(CASE WHEN status IN ('pending', 'sending') THEN 1 END) AS pending,
       count(CASE WHEN status IN ('sent', 'uncertain') THEN 1 END) AS sent,
       count(CASE WHEN status = 'failed' THEN 1 END) AS failed,
       count(CASE WHEN status = 'superseded' THEN 1 END) AS skipped
     FROM notifications WHERE campaign_id = ? AND kind = 'campaign'`,
  ).get(id) as Omit<Counts, 'unsubscribed'>;
  const unsubscribed = (await statement(ctx.sqlite, `SELECT count(*) AS n FROM contacts WHERE unsubscribed_campaign_id = ? AND unsubscribed_at IS NOT NULL`).get(id) as { n: number }).n;
  return { ...row, unsubscribed };
}

/** A draft's recipients are counted now; a sent campaign's are the mails it queued. */
export async function campaignAnswer(ctx: Ctx, row: CampaignRow, options: { preview?: number } = {}) {
  const counts = await countsOf(ctx, row.id);
  const recipients = row.status === 'draft' ? await recipientsOf(ctx, readSegment(row)) : null;
  return {
    id: row.id,
    name: row.name,
    subject: row.subject,
    body: row.body,
    texts: readTexts(row),
    segment: readSegment(row),
    status: row.status === 'draft' ? 'draft' : counts.pending > 0 ? 'sending' : 'sent',
    recipients: recipients ? recipients.length : counts.queued,
    ...(recipients && options.preview ? { recipientsPreview: recipients.slice(0, options.preview).map(({ id, name, email, locale }) => ({ id, name, email, locale })) } : {}),
    sent: counts.sent,
    failed: counts.failed,
    pending: counts.pending,
    skipped: counts.skipped,
    unsubscribed: counts.unsubscribed,
    queuedAt: row.queuedAt,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type CampaignAnswer = Awaited<ReturnType<typeof campaignAnswer>>;

/** Whom a segment reaches, before any campaign exists: the count and the first of them. */
export async function previewSegment(ctx: Ctx, segment: SegmentInput, preview = 50) {
  const recipients = await recipientsOf(ctx, segment);
  return { recipients: recipients.length, recipientsPreview: recipients.slice(0, preview) };
}

export async function createCampaign(ctx: ActingCtx, input: CreateCampaignInput): Promise<CampaignRow> {
  return await atomically(ctx, async (ctx) =>
    await ctx.db
      .insert(campaigns)
      .values({
        name: input.name,
        subject: input.subject,
        body: input.body,
        texts: JSON.stringify(input.texts ?? {}),
        segment: JSON.stringify(input.segment),
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
      .get(),
  );
}

export async function updateCampaign(ctx: ActingCtx, id: number, input: UpdateCampaignInput): Promise<CampaignRow> {
  return await atomically(ctx, async (ctx) => {
    const row = await getCampaignRow(ctx, id);
    if (row.status !== 'draft') throw new DomainError('invalid_transition', 'The campaign was sent: it can no longer change', { status: row.status });
    return (await ctx.db
      .update(campaigns)
      .set({
        name: input.name ?? row.name,
        subject: input.subject ?? row.subject,
        body: input.body ?? row.body,
        texts: input.texts ? JSON.stringify(input.texts) : row.texts,
        segment: input.segment ? JSON.stringify(input.segment) : row.segment,
        updatedAt: ctx.now,
      })
      .where(eq(campaigns.id, id))
      .returning()
      .get())!;
  });
}

/**
 * Whom the campaign goes to, read before the write lock is taken: a segment over every client's
 * facts takes a second or two at agency scale, and no booking should wait for it. Anyone who
 * changes in between is judged again when their mail is claimed.
 */
export async function campaignRecipients(ctx: Ctx, id: number): Promise<Recipient[]> {
  return await readConsistently(ctx, async (ctx) => await recipientsOf(ctx, readSegment(await getCampaignRow(ctx, id))));
}

/**
 * Queues the campaign to the recipients read for it: one mail each, the n-th due n / rate
 * minutes from now, so however many senders run, the mail server gets at most the rate. Sent
 * once: a second send is refused.
 */
export async function sendCampaign(ctx: ActingCtx, id: number, recipients: Recipient[]): Promise<{ queued: number; recipients: Recipient[] }> {
  if (ctx.actor.role === 'operator') throw new DomainError('forbidden', 'Only managers and directors send campaigns');
  return await atomically(ctx, async (ctx) => {
    const row = await getCampaignRow(ctx, id);
    if (row.status !== 'draft') throw new DomainError('invalid_transition', 'The campaign was already sent', { status: row.status });
    const rate = ctx.agency.campaignRatePerMinute ?? DEFAULT_CAMPAIGN_RATE;
    const insert = statement(
      ctx.sqlite,
      `INSERT INTO notifications (contact_id, campaign_id, kind, to_address, locale, status, next_attempt_at, created_by, created_at, updated_at)
       VALUES (:contactId, :campaignId, 'campaign', :email, :locale, 'pending', :at, :by, :now, :now)
       ON CONFLICT DO NOTHING`,
    );
    const wall = wallOf(ctx);
    await forEachInOrder(recipients, async (recipient, n) =>
      await insert.run({ contactId: recipient.id, campaignId: id, email: recipient.email, locale: recipient.locale, at: wall + Math.floor((n * MINUTE_MS) / rate), by: ctx.actor.id, now: ctx.now }),
    );
    await ctx.db.update(campaigns).set({ status: 'sending', queuedAt: ctx.now, queuedBy: ctx.actor.id, updatedAt: ctx.now }).where(eq(campaigns.id, id)).run();
    return { queued: recipients.length, recipients };
  });
}

export async function listCampaigns(ctx: Ctx, query: ListCampaignsQuery) {
  const after = decodeCursor<[number]>(query.cursor, ['number']);
  const rows = await ctx.db
    .select()
    .from(campaigns)
    .where(after ? lt(campaigns.id, after[0]) : sql`1 = 1`)
    .orderBy(desc(campaigns.id))
    .limit(query.limit + 1)
    .all();
  return await pageInOrder(rows, query.limit, (row) => [row.id], (row) => campaignAnswer(ctx, row));
}

/** The link in every campaign mail: this client, from this campaign (counted on it). */
export const unsubscribeToken = async (ctx: Ctx, contactId: number, campaignId: number | null) =>
  await signLink(ctx.sqlite, 'unsubscribe', campaignId === null ? [contactId] : [contactId, campaignId]);

async function unsubscribeIds(ctx: Ctx, token: string): Promise<{ contactId: number; campaignId: number | null }> {
  const pair = await readLink(ctx.sqlite, 'unsubscribe', token, 2);
  if (pair) return { contactId: pair[0]!, campaignId: pair[1]! };
  const single = await readLink(ctx.sqlite, 'unsubscribe', token, 1);
  if (single) return { contactId: single[0]!, campaignId: null };
  throw notFound('unsubscribe link', token);
}

/** Who a link unsubscribes, for its page (the name only, to say who is leaving). */
export async function unsubscribeTarget(ctx: Ctx, token: string) {
  const { contactId } = await unsubscribeIds(ctx, token);
  const row = await ctx.db.select({ name: contacts.name, locale: contacts.locale, unsubscribedAt: contacts.unsubscribedAt }).from(contacts).where(eq(contacts.id, contactId)).get();
  if (!row) throw notFound('unsubscribe link', token);
  return { contactId, name: row.name, locale: row.locale ?? ctx.agency.locale, unsubscribed: row.unsubscribedAt !== null };
}

/**
 * One click unsubscribes: no campaign or greeting reaches the client again (their consent is
 * withdrawn too), and the campaign it came from counts it. Clicking again changes nothing.
 */
export async function unsubscribe(ctx: Ctx, token: string) {
  const { contactId, campaignId } = await unsubscribeIds(ctx, token);
  return await atomically(ctx, async (ctx) => {
    const target = await unsubscribeTarget(ctx, token);
    if (!target.unsubscribed) {
      await ctx.db
        .update(contacts)
        .set({ unsubscribedAt: ctx.now, unsubscribedCampaignId: campaignId, marketingOptIn: false, updatedAt: ctx.now })
        .where(eq(contacts.id, contactId))
        .run();
    }
    return { ...target, unsubscribed: true };
  });
}
