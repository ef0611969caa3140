/** What the directors' reports answer as JSON (`format=csv|xlsx` answers a spreadsheet instead). */
import { z } from 'zod';
import { Instant, Minor, type Answers } from './types.js';

/** A trip's money, or the sum of trips' in one currency. */
const tripMoney = {
  /** Price of the deals not cancelled plus the fees kept on cancelled ones. */
  contractedMinor: Minor,
  /** Payments minus refunds over all its deals. */
  collectedMinor: Minor,
  outstandingMinor: Minor,
  refundDueMinor: Minor,
  feesMinor: Minor,
  costsMinor: Minor,
  /** Contracted minus costs. */
  marginMinor: Minor,
};

/** Sums in different currencies are never added together: one line per currency. */
const moneyTotals = {
  currency: z.string(),
  departures: z.number().int(),
  seats: z.number().int(),
  seatsBooked: z.number().int(),
  travellers: z.number().int(),
  ...tripMoney,
};

const DepartureFigures = z
  .object({
    departureId: z.number().int(),
    title: z.string(),
    departsAt: Instant,
    seats: z.number().int(),
    /** Seats of the deals not cancelled. */
    seatsBooked: z.number().int(),
    /** Travellers named on the deals not cancelled. */
    travellers: z.number().int(),
    /** Deals per status; a status without deals is left out. */
    dealsByStatus: z.record(z.string(), z.number().int()),
    ...tripMoney,
    /** The travellers' answers after the trip: average stars (null without answers) and how many answered. */
    rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
    currency: z.string(),
  })
  .meta({ id: 'DepartureFigures', description: "A departure's people and money" });

export const DeparturesReportAnswer = z.object({
  items: z.array(DepartureFigures),
  totals: z.array(z.object(moneyTotals)),
  nextCursor: z.string().nullable(),
});

export const DepartureReportAnswer = DepartureFigures.extend({
  deals: z.array(
    z.object({
      dealId: z.number().int(),
      contactId: z.number().int(),
      client: z.string(),
      managerId: z.number().int().nullable(),
      manager: z.string().nullable(),
      seats: z.number().int(),
      status: z.string(),
      priceMinor: Minor,
      paidMinor: Minor,
      balanceMinor: Minor,
    }),
  ),
  paymentsByMethod: z.array(z.object({ method: z.string(), inMinor: Minor, outMinor: Minor, netMinor: Minor })),
  /** The price of the bookings not cancelled, split by the price category of each seat. */
  revenueByCategory: z.array(z.object({ category: z.string(), label: z.string().nullable(), seats: z.number().int(), revenueMinor: Minor })),
  /** Per extra: how many take it among bookings not cancelled, and count × its price. */
  extras: z.array(z.object({ code: z.string(), label: z.string(), per: z.enum(['traveller', 'booking']), priceMinor: Minor, count: z.number().int(), revenueMinor: Minor, /** False: a code taken that the departure no longer sells. */ sold: z.boolean() })),
}).meta({ id: 'DepartureReport', description: 'One departure with a line per booking, money by method, revenue by category and extra' });

const funnelFigures = {
  inquiries: z.number().int(),
  /** Inquiries per status (every status, 0 included). */
  byStatus: z.record(z.string(), z.number().int()),
  offered: z.number().int(),
  booked: z.number().int(),
  /** Shares from 0 to 1, to four decimals. */
  offerRate: z.number(),
  offerToBookedRate: z.number(),
  conversionRate: z.number(),
  medianHoursToFirstOffer: z.number().nullable(),
  firstOfferOnTimeShare: z.number().nullable(),
};
const ReasonShare = z.object({ reason: z.string(), count: z.number().int(), share: z.number() });

export const FunnelReportAnswer = z
  .object({
    ...funnelFigures,
    refusalReasons: z.array(ReasonShare),
    blacklistReasons: z.array(ReasonShare),
    /** Returning clients' inquiries, counted apart. */
    reactivations: z.object(funnelFigures),
    byManager: z.array(z.object({ managerId: z.number().int().nullable(), manager: z.string().nullable(), ...funnelFigures })),
  })
  .meta({ id: 'FunnelReport', description: 'The inquiries of a period: where they stand, why the lost ones were lost, how fast offers came' });

const cashLine = { currency: z.string(), count: z.number().int(), receivedMinor: Minor, paidOutMinor: Minor, netMinor: Minor };

export const CashbookAnswer = z
  .object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    /** The zone the days are the agency's in. */
    timeZone: z.string(),
    /** Per day (YYYY-MM-DD) and method; days without money are left out. */
    days: z.array(z.object({ date: z.iso.date(), method: z.string(), ...cashLine })),
    byMethod: z.array(z.object({ method: z.string(), ...cashLine })),
    totals: z.array(z.object(cashLine)),
  })
  .meta({ id: 'Cashbook', description: "Per day in the agency's zone and method: received, paid out and net" });

export const reportAnswers: Answers = {
  'get /reports/departures': DeparturesReportAnswer,
  'get /reports/departures/:id': DepartureReportAnswer,
  'get /reports/funnel': FunnelReportAnswer,
  'get /reports/cashbook': CashbookAnswer,
};
