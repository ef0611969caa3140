import { statement } from '../../db/statements.js';
import type { Ctx } from '../context.js';

/** One thing that happened with a client, whatever it was. */
export interface TimelineEntry {
  at: number;
  type: 'communication' | 'inquiry' | 'deal' | 'payment' | 'notice';
  /** The inquiry, deal, payment, notice or communication it is about. */
  id: number;
  /** A deal or inquiry the entry belongs to, for a link. */
  dealId: number | null;
  inquiryId: number | null;
  /** What happened, as codes and values the reader's language words: a status, a channel, a kind. */
  what: string;
  detail: string | null;
  amountMinor: number | null;
  currency: string | null;
  by: string | null;
}

/**
 * Everything with a client, newest first: conversations, inquiry moves and messages, booking
 * status changes, money in and out, departure notices and vouchers. One statement over the
 * client's own rows (every part is an index seek by contact, deal or inquiry).
 */
const TIMELINE_SQL = `
  SELECT * FROM (
    -- The first part names and types the columns: its NULLs say which are numbers (PostgreSQL asks).
    SELECT m.at, 'communication' AS type, m.id, CAST(NULL AS INTEGER) AS dealId, CAST(NULL AS INTEGER) AS inquiryId, m.channel AS what,
      m.summary || coalesce(' → ' || m.outcome, '') AS detail, CAST(NULL AS INTEGER) AS amountMinor, NULL AS currency, u.name AS by
    FROM communications m LEFT JOIN users u ON u.id = m.created_by WHERE m.contact_id = :id
    UNION ALL
    SELECT e.at, 'inquiry', e.inquiry_id, NULL, e.inquiry_id, e.kind || ':' || coalesce(e.to_status, ''),
      coalesce(e.message, e.reason, e.note), NULL, NULL, u.name
    FROM inquiries i JOIN inquiry_events e ON e.inquiry_id = i.id LEFT JOIN users u ON u.id = e.by_user_id WHERE i.contact_id = :id
    UNION ALL
    SELECT h.at, 'deal', h.deal_id, h.deal_id, NULL, h.to_status, dep.title || coalesce(' · ' || h.note, ''), NULL, NULL, u.name
    FROM deals d JOIN deal_history h ON h.deal_id = d.id JOIN departures dep ON dep.id = d.departure_id
      LEFT JOIN users u ON u.id = h.by_user_id WHERE d.contact_id = :id
    UNION ALL
    SELECT p.received_at, 'payment', p.id, p.deal_id, NULL, p.kind, p.method, p.delta_minor, d.currency, u.name
    FROM deals d JOIN payments p ON p.deal_id = d.id LEFT JOIN users u ON u.id = p.created_by WHERE d.contact_id = :id
    UNION ALL
    SELECT coalesce(n.sent_at, n.updated_at), 'notice', n.id, n.deal_id, NULL, n.kind || ':' || n.status, n.to_address, NULL, NULL, NULL
    FROM deals d JOIN notifications n ON n.deal_id = d.id WHERE d.contact_id = :id AND n.status <> 'superseded'
  ) AS timeline ORDER BY at DESC, type, id DESC
  LIMIT 500`;

export async function clientTimeline(ctx: Ctx, contactId: number): Promise<TimelineEntry[]> {
  const rows = await statement(ctx.sqlite, TIMELINE_SQL).all({ id: contactId }) as (Omit<TimelineEntry, 'at'> & { at: number })[];
  return rows;
}
