/**
 * SQL the domain writes in more than one statement, named once. Each is written to stay an
 * index seek where it is used (the query-plan test checks the worklists that embed them).
 */

import { DEPARTURE_NOTICE } from './schema/notifications.js';

/** Money held for the deal `deal` (an alias of deals): the ledger's signed amounts, summed. */
export const paidOf = (deal: string) => `(SELECT coalesce(sum(p.delta_minor), 0) FROM payments p WHERE p.deal_id = ${deal}.id)`;

/**
 * The departure notices that went out to a deal (reached the mail server, or may have): the
 * condition over a notifications alias `n`. `status <> 'superseded'` lets SQLite use the
 * partial index of live notices per deal.
 */
export const toldNotice = (n: string) => `${n}.${DEPARTURE_NOTICE} AND ${n}.status <> 'superseded' AND ${n}.status IN ('sent', 'uncertain')`;

/**
 * Whether the contact `c` may be sent offers and greetings: they agreed, never unsubscribed,
 * are not "do not contact" and not black-listed.
 */
export const marketable = (c: string) => `(${c}.marketing_opt_in = 1 AND ${c}.unsubscribed_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM json_each(${c}.tags) tg WHERE tg.value = 'do_not_contact')
  AND NOT EXISTS (SELECT 1 FROM inquiries bl WHERE bl.contact_id = ${c}.id AND bl.status = 'blacklisted'))`;
