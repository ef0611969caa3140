import { mapInOrder } from '../in-order.js';
import { statement } from '../../db/statements.js';
import type { Ctx } from '../context.js';
import { DAY_MS } from '../time.js';
import { OPEN_STATUSES, type InquiryStatus } from './moves.js';
import { readWishes } from './rows.js';
import type { Wishes } from './schemas.js';

export interface BoardCard {
  id: number;
  contactId: number;
  contactName: string;
  /** The client's phone, to call from the card. */
  contactPhone: string | null;
  source: string | null;
  reactivation: boolean;
  flagged: boolean;
  createdAt: number;
  /** The deadline this card is judged by: the first offer, or the offer's end. */
  dueAt: number | null;
  overdue: boolean;
  newMessage: boolean;
  /** What the client wants, as the card's selection tab records it. */
  wishes: Wishes;
}

export interface BoardColumn {
  status: InquiryStatus;
  count: number;
  cards: BoardCard[];
}

/** How many cards a column shows; its count says how many there are. */
const COLUMN_DEPTH = 50;
/** Closed columns show what closed recently. */
const CLOSED_DAYS = 30;

/**
 * The inquiries board: a column per open status, most pressing first (overdue, then by
 * deadline), and the last month's closed ones. A manager's own board, or the agency's.
 */
export async function inquiryBoard(ctx: Ctx, managerId?: number): Promise<BoardColumn[]> {
  const statuses: InquiryStatus[] = [...OPEN_STATUSES, 'booked', 'refused', 'blacklisted'];
  return await mapInOrder(statuses, async (status) => {
    const open = (OPEN_STATUSES as readonly string[]).includes(status);
    const due = status === 'offer_made' ? 'i.offer_expires_at' : status === 'new' || status === 'selecting' ? 'i.first_offer_due_at' : 'NULL';
    const filter = `i.status = :status ${managerId ? 'AND i.manager_id = :managerId' : ''} ${open ? '' : 'AND i.closed_at >= :closedSince'}`;
    const params = { status, now: ctx.now, closedSince: ctx.now - CLOSED_DAYS * DAY_MS, ...(managerId ? { managerId } : {}) };
    const count = (await statement(ctx.sqlite, `SELECT count(*) AS n FROM inquiries i WHERE ${filter}`).get(params) as { n: number }).n;
    const rows = await statement(
      ctx.sqlite,
      `SELECT i.id, i.contact_id AS contactId, c.name AS contactName, c.phone AS contactPhone, i.source, i.reactivation, i.flagged, i.created_at AS createdAt,
         ${due} AS dueAt, i.last_message_at AS lastMessageAt, i.wishes
       FROM inquiries i JOIN contacts c ON c.id = i.contact_id
       WHERE ${filter}
       ORDER BY ${due === 'NULL' ? '' : `(${due} IS NOT NULL AND ${due} <= :now) DESC, ${due} IS NULL, ${due}, `}${open ? 'i.id' : 'i.closed_at DESC'}
       LIMIT ${COLUMN_DEPTH}`,
    ).all(params) as (Omit<BoardCard, 'overdue' | 'newMessage' | 'reactivation' | 'flagged' | 'wishes'> & {
      wishes: string;
      reactivation: number;
      flagged: number;
      lastMessageAt: number | null;
    })[];
    return {
      status,
      count,
      cards: rows.map(({ lastMessageAt, ...row }) => ({
        ...row,
        reactivation: !!row.reactivation,
        flagged: !!row.flagged,
        overdue: open && row.dueAt !== null && row.dueAt <= ctx.now,
        newMessage: open && lastMessageAt !== null,
        wishes: readWishes(row.wishes),
      })),
    };
  });
}
