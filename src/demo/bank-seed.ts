/**
 * The bank in the demo: this morning's statement of the agency's account, imported by the
 * director. Three transfers named their booking and were recorded; one names none but its
 * payer and amount point at a booking (the suggestion to assign); one nobody can place.
 */
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { contacts, deals, departures, users } from '../db/schema/index.js';
import { importBankStatement } from '../domain/bank-statements/index.js';
import type { TxCtx } from '../domain/context.js';
import { dealReference, moneyOf, paidMinorSql } from '../domain/deals/index.js';
import { currencyDigits } from '../domain/money.js';
import { toActor } from '../domain/users/users.js';

interface Credit { entryId: string; amountMinor: number; currency: string; payer: string; text: string }

const xml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const decimal = (minor: number, currency: string) => (minor / 10 ** currencyDigits(currency)).toFixed(currencyDigits(currency));

/** A camt.053.001.08 statement as a Bulgarian bank exports it, credits only. */
function statementXml(account: string, day: string, credits: Credit[]): Uint8Array {
  const entries = credits.map((c) => `
      <Ntry>
        <Amt Ccy="${c.currency}">${decimal(c.amountMinor, c.currency)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>${day}</Dt></BookgDt><ValDt><Dt>${day}</Dt></ValDt><AcctSvcrRef>${xml(c.entryId)}</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <Amt Ccy="${c.currency}">${decimal(c.amountMinor, c.currency)}</Amt><CdtDbtInd>CRDT</CdtDbtInd>
          <RltdPties><Dbtr><Pty><Nm>${xml(c.payer)}</Nm></Pty></Dbtr></RltdPties>
          <RmtInf><Ustrd>${xml(c.text)}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>`).join('');
  return new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>DEMO-${day}</MsgId><CreDtTm>${day}T07:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>DEMO-${day}-1</Id><CreDtTm>${day}T07:00:00</CreDtTm>
      <Acct><Id><IBAN>${account}</IBAN></Id></Acct>${entries}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`);
}

export async function seedBankStatement(base: TxCtx, departureIds: number[]): Promise<void> {
  const director = await base.db.select().from(users).where(and(eq(users.role, 'director'), eq(users.active, true))).orderBy(asc(users.id)).get();
  if (!director || departureIds.length === 0) return;
  // Office bookings of this set still owed money, on trips yet to leave.
  const owed = (
    await base.db
      .select({ id: deals.id, priceMinor: deals.priceMinor, depositDueMinor: deals.depositDueMinor, feeMinor: deals.feeMinor, cancelledAt: deals.cancelledAt, currency: deals.currency, client: contacts.name, paidMinor: paidMinorSql })
      .from(deals)
      .innerJoin(departures, eq(departures.id, deals.departureId))
      .innerJoin(contacts, eq(contacts.id, deals.contactId))
      .where(and(inArray(deals.departureId, departureIds), isNull(deals.cancelledAt), eq(deals.source, 'office'), gt(departures.departsAt, base.now)))
      .orderBy(asc(deals.id))
  ).filter((d) => moneyOf(d, Number(d.paidMinor)).balanceMinor > 0);
  if (owed.length < 4) return;
  const [a, b, c, d] = owed as [typeof owed[number], typeof owed[number], typeof owed[number], typeof owed[number]];
  const balance = (deal: typeof a) => moneyOf(deal, Number(deal.paidMinor)).balanceMinor;
  const day = new Date(base.now).toISOString().slice(0, 10);
  const credits: Credit[] = [
    { entryId: `DEMO-${a.id}-1`, amountMinor: balance(a), currency: a.currency, payer: a.client.toUpperCase(), text: `Доплащане по резервация ${await dealReference(base, a.id)}` },
    { entryId: `DEMO-${b.id}-1`, amountMinor: balance(b), currency: b.currency, payer: b.client, text: `za ekskurzia ${(await dealReference(base, b.id)).replace(/-/g, ' ')}` },
    { entryId: `DEMO-${c.id}-1`, amountMinor: Math.min(balance(c), Math.max(c.depositDueMinor - Number(c.paidMinor), 1000)), currency: c.currency, payer: c.client, text: `Капаро ${(await dealReference(base, c.id)).toLowerCase()}` },
    // The client forgot the reference; the name and the amount still point at the booking.
    { entryId: `DEMO-${d.id}-1`, amountMinor: balance(d), currency: d.currency, payer: d.client, text: 'Плащане за екскурзия' },
    { entryId: `DEMO-${d.id}-2`, amountMinor: 4500, currency: d.currency, payer: 'ЕТ „Слънчев бряг“', text: 'По фактура 118' },
  ];
  await importBankStatement(
    { ...base, actor: toActor(director) },
    { bytes: statementXml('BG80BNBG96611020345678', day, credits), name: `извлечение-${day}.xml` },
    { dryRun: false },
  );
}
