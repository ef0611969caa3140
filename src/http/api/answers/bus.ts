/**
 * What the bus answers: the boarding list by stop (`boardingList`), a bus's seat plan
 * (`seating`: read, after seating everyone, after a move within a bus or to another bus), and
 * a booking after its travellers are marked at the door (the deal).
 */
import { z } from 'zod';
import { BOARDING_STATES } from '../../../domain/boarding/index.js';
import { SeatLayoutInput } from '../../../domain/departures/seat-layout.js';
import { Currency, DealAnswer, ReceiptNumber } from './deals.js';
import { Instant, Minor, type Answers } from './types.js';

const id = z.number().int().positive();
const seatNumber = z.number().int().positive();
const count = z.number().int().nonnegative();

/** How a bus's seats are numbered, as the departure took it (what is stored is read through the same schema). */
const SeatLayout = SeatLayoutInput;

/** A bus of the departure with the seats its bookings (not cancelled) take. */
const BusSeats = z.object({ id, label: z.string(), seats: count, seatsBooked: count });

/** A bus with its layout (its own, else the departure's). */
const Bus = BusSeats.extend({ seatLayout: SeatLayout });

/** A seat and who sits in it: a named traveller, a place held for a booking's traveller not named yet, or nobody. */
const PlanSeat = z
  .union([
    z.object({ number: seatNumber, dealId: id, travellerId: id, name: z.string(), travellerNumber: seatNumber }),
    z.object({ number: seatNumber, dealId: id, travellerNumber: seatNumber, unnamed: z.literal(true) }),
    z.object({ number: seatNumber }),
  ])
  .meta({ description: "A seat: a named traveller's, held for a booking's traveller not named yet (unnamed), or free (the number alone)" });

/** A place a booking bought: its traveller once named, and its seat once given. */
const BookedPlace = z.object({
  dealId: id,
  /** The traveller's number within the booking, from 1. */
  travellerNumber: seatNumber,
  /** Absent while the place has no name. */
  travellerId: id.optional(),
  name: z.string().optional(),
  seat: seatNumber.nullable(),
});

export const SeatPlanAnswer = z
  .object({
    departureId: id,
    vehicleId: id,
    vehicle: Bus,
    /** Every bus of the departure, in order. */
    vehicles: z.array(Bus),
    layout: SeatLayout,
    /** The bus's rows front to back, each its seat numbers left to right. */
    rows: z.array(z.array(seatNumber)),
    seats: z.array(PlanSeat),
    /** The departure's seats left to sell (less those booked and held for the waiting list). */
    seatsLeft: count,
    /** Booked places of this bus without a seat. */
    unseated: count,
    /** This bus's bookings not cancelled, in booking order, each with its places. */
    bookings: z.array(z.object({ dealId: id, contactId: id, places: z.array(BookedPlace) })),
  })
  .meta({ id: 'SeatPlan', description: 'One bus of a departure: every seat with who sits there, its layout, and the places its bookings bought' });

export const BoardingTravellerAnswer = z
  .object({
    dealId: id,
    /** The bus the booking rides in. */
    vehicleId: id,
    /** Null for a seat whose traveller is not named yet (name is then empty). */
    travellerId: id.nullable(),
    name: z.string(),
    /** The client who booked. */
    client: z.string(),
    seat: seatNumber.nullable(),
    phone: z.string().nullable(),
    /** The booking's balance to collect at the door, on its first traveller only (0 on the others). */
    balanceMinor: Minor,
    /** What the booking has paid so far. */
    paidMinor: Minor,
    currency: Currency,
    boarding: z.enum(BOARDING_STATES),
    boardingAt: Instant.nullable(),
    /** Who marked them (a name). */
    boardingBy: z.string().nullable(),
    reference: z.string(),
    /** The traveller's extras by their labels. */
    extras: z.array(z.string()),
    /** The booking's own extras by their labels, on its first traveller only. */
    bookingExtras: z.array(z.string()),
  })
  .meta({ id: 'BoardingTraveller', description: 'A booked seat at the bus door: who, where, what to collect, and the mark' });

const Money = z.object({ currency: Currency, amountMinor: Minor });

export const BoardingListAnswer = z
  .object({
    /** The bus listed; null: every bus. */
    vehicleId: id.nullable(),
    vehicles: z.array(BusSeats),
    departureId: id,
    /** In route order; the travellers of a stop by bus, then seat. */
    stops: z.array(
      z.object({
        stop: z.object({ id, name: z.string(), address: z.string().nullable(), offsetMinutes: z.number().int(), departsAt: Instant }),
        travellers: z.array(BoardingTravellerAnswer),
        /** Seats booked on this stop (whatever the search). */
        total: count,
        boarded: count,
        noShow: count,
      }),
    ),
    /** The whole bus (or every bus), whatever the search, and the cash its bookings took on the day, per currency. */
    totals: z.object({ total: count, boarded: count, noShow: count, expected: count, cash: z.array(Money) }),
    /** Each cash payment (or its reversal, negative) of the bus's bookings on its day. */
    cashReceipts: z.array(
      z.object({
        paymentId: id,
        dealId: id,
        amountMinor: Minor,
        currency: Currency,
        receivedAt: Instant,
        /** Who took it (a name). */
        by: z.string().nullable(),
        receiptNumber: ReceiptNumber.nullable(),
      }),
    ),
    /** When the list was read. */
    at: Instant,
  })
  .meta({ id: 'BoardingList', description: 'Who boards where: the travellers by stop, the counts, and the cash taken at the door' });

export const busAnswers: Answers = {
  'get /departures/:id/boarding': BoardingListAnswer,
  'get /departures/:id/seating': SeatPlanAnswer,
  'post /departures/:id/seating/auto': SeatPlanAnswer,
  'post /deals/:id/boarding': DealAnswer,
  'post /deals/:id/seats': SeatPlanAnswer,
  'post /deals/:id/vehicle': SeatPlanAnswer,
};
