/**
 * A campaign's test copy: the mail one real recipient gets, sent once to the address of the
 * person checking it. It goes through the outbox like every mail (recorded, retried), as its
 * own kind, `campaign_test`: never counted in the campaign's sent or failed mails, never
 * changing its status, for a draft as for a sent campaign.
 */
import { statement } from '../../db/statements.js';
import { atomically } from '../../db/transaction.js';
import { wallOf, type ActingCtx, type Ctx, type Locale } from '../context.js';
import { DomainError } from '../errors.js';
import { ROW_COLUMNS, type NotificationRow } from '../notifications/rows.js';
import { getCampaignRow, readSegment, type CampaignRow } from './campaigns.js';
import { recipientsOf, type Recipient } from './segment.js';

/** Whose name and language a preview or a test copy is written with. */
export interface Addressee {
  /** The client it stands for; null when the campaign reaches nobody (then the person checking it). */
  contactId: number | null;
  name: string;
  locale: Locale;
}

/**
 * The recipient a preview shows: a sent campaign's first mail's client (who really got it), a
 * draft's first recipient as its segment reaches now (`first`, when the caller has already
 * read the segment); when it reaches nobody, the person looking at it.
 */
export async function sampleAddressee(ctx: ActingCtx, row: CampaignRow, first?: Pick<Recipient, 'id' | 'name' | 'locale'> | null): Promise<Addressee> {
  let found: Pick<Recipient, 'id' | 'name' | 'locale'> | null | undefined = first;
  if (found === undefined) {
    found =
      row.status === 'draft'
        ? ((await recipientsOf(ctx, readSegment(row)))[0] ?? null)
        : (((await statement(
            ctx.sqlite,
            `SELECT c.id, c.name, n.locale FROM notifications n JOIN contacts c ON c.id = n.contact_id
             WHERE n.campaign_id = ? AND n.kind = 'campaign' ORDER BY n.id LIMIT 1`,
          ).get(row.id)) as Pick<Recipient, 'id' | 'name' | 'locale'> | undefined) ?? null);
  }
  if (found) return { contactId: found.id, name: found.name, locale: found.locale };
  return { contactId: null, name: ctx.actor.name, locale: ctx.actor.locale ?? ctx.agency.locale };
}

/** Test copies of a campaign, newest first, for its page. */
export async function testCopiesOf(ctx: Ctx, campaignId: number, limit = 5): Promise<Pick<NotificationRow, 'id' | 'toAddress' | 'status' | 'createdAt' | 'sentAt' | 'error'>[]> {
  return (await statement(
    ctx.sqlite,
    `SELECT id, to_address AS toAddress, status, created_at AS createdAt, sent_at AS sentAt, error
     FROM notifications WHERE campaign_id = ? AND kind = 'campaign_test' ORDER BY id DESC LIMIT ${Math.max(1, Math.floor(limit))}`,
  ).all(campaignId)) as Pick<NotificationRow, 'id' | 'toAddress' | 'status' | 'createdAt' | 'sentAt' | 'error'>[];
}

/** Who may send a test copy: whoever may send the campaign (checked before its recipients are read). */
export function refuseTestCopy(ctx: ActingCtx): void {
  if (ctx.actor.role === 'operator') throw new DomainError('forbidden', 'Only managers and directors send campaigns');
}

/**
 * Queues one test copy to `email`, written as `addressee` gets it, due at once (the caller
 * hands it to the mail server straight away; if that fails, the sender retries it like any
 * mail). Managers and directors only, as for sending.
 */
export async function queueTestCopy(ctx: ActingCtx, campaignId: number, email: string, addressee: Addressee): Promise<NotificationRow> {
  refuseTestCopy(ctx);
  return await atomically(ctx, async (ctx) => {
    await getCampaignRow(ctx, campaignId);
    return (await statement(
      ctx.sqlite,
      `INSERT INTO notifications (contact_id, campaign_id, kind, to_address, locale, status, next_attempt_at, created_by, created_at, updated_at)
       VALUES (:contactId, :campaignId, 'campaign_test', :email, :locale, 'pending', :at, :by, :now, :now)
       RETURNING ${ROW_COLUMNS}`,
    ).get({ contactId: addressee.contactId, campaignId, email, locale: addressee.locale, at: wallOf(ctx), by: ctx.actor.id, now: ctx.now })) as NotificationRow;
  });
}
