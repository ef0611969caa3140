import { and, asc, eq, ne } from 'drizzle-orm';
import { contacts, deals } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { moneyOf, paidMinorOf, travellersByDeal } from '../deals/index.js';
import { getDeparture } from './departures.js';

export interface ManifestRow {
  seat: number;
  /** Null when the booking has fewer names than seats: the seat is still on the bus. */
  travellerName: string | null;
  travellerNumber: number;
  birthDate: string | null;
  documentNumber: string | null;
  dealId: number;
  clientName: string;
  phone: string | null;
  email: string | null;
  status: string;
  /** Shown once per booking, on its first seat. */
  balanceMinor: number | null;
  currency: string;
}

/** The bus roster: every seat of every booking not cancelled, numbered in booking order. */
export function manifestOf(ctx: Ctx, departureId: number) {
  const departure = getDeparture(ctx, departureId);
  const bookings = ctx.db
    .select({ deal: deals, contact: contacts })
    .from(deals)
    .innerJoin(contacts, eq(contacts.id, deals.contactId))
    .where(and(eq(deals.departureId, departureId), ne(deals.status, 'cancelled')))
    .orderBy(asc(deals.id))
    .all();
  const names = travellersByDeal(ctx, bookings.map((b) => b.deal.id));
  const rows: ManifestRow[] = [];
  let seat = 0;
  for (const { deal, contact } of bookings) {
    const own = names.get(deal.id) ?? [];
    const { balanceMinor } = moneyOf(deal, paidMinorOf(ctx, deal.id));
    for (let i = 0; i < deal.seats; i++) {
      const traveller = own[i];
      rows.push({
        seat: ++seat,
        travellerName: traveller?.name ?? null,
        travellerNumber: i + 1,
        birthDate: traveller?.birthDate ?? null,
        documentNumber: traveller?.documentNumber ?? null,
        dealId: deal.id,
        clientName: contact.name,
        phone: contact.phone,
        email: contact.email,
        status: deal.status,
        balanceMinor: i === 0 ? balanceMinor : null,
        currency: deal.currency,
      });
    }
  }
  return { departure, rows };
}
