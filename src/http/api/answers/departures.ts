/** What the departure routes answer: a departure as `serializeDeparture` writes it (instants ISO). */
import { z } from 'zod';
import { Instant, Minor, type Answers } from './types.js';

const SeatLayout = z
  .object({
    seatsPerRow: z.number().int(),
    /** The aisle comes after this seat of each row (0: none). */
    aisleAfter: z.number().int(),
    lastRowSeats: z.number().int().optional(),
  })
  .meta({ id: 'SeatLayout', description: 'How the seats of a bus are numbered' });

export const DepartureAnswer = z
  .object({
    id: z.number().int(),
    title: z.string(),
    destination: z.string().nullable(),
    departsAt: Instant,
    /** IANA zone the trip's local times are read in. */
    timeZone: z.string(),
    returnsAt: Instant.nullable(),
    meetingPoint: z.string(),
    /** The sum of the buses' seats. */
    seats: z.number().int(),
    vehicles: z.array(
      z.object({
        id: z.number().int(),
        label: z.string(),
        seats: z.number().int(),
        /** Its own layout, else the departure's. */
        seatLayout: SeatLayout,
        /** Seats of the bookings (not cancelled) riding in it. */
        seatsBooked: z.number().int(),
      }),
    ),
    /** Seats of the bookings not cancelled. */
    seatsBooked: z.number().int(),
    /** Seats held for the waiting list's offers: nobody else may book them. */
    seatsHeld: z.number().int(),
    seatsLeft: z.number().int(),
    /** Per seat, the default category `adult`. */
    priceMinor: Minor,
    depositMinor: Minor,
    currency: z.string(),
    /** Every price category, the default `adult` first. */
    prices: z.array(z.object({ category: z.string(), label: z.string().nullish(), priceMinor: Minor, depositMinor: Minor })),
    extras: z.array(z.object({ code: z.string(), label: z.string(), priceMinor: Minor, per: z.enum(['traveller', 'booking']) })),
    /** Overrides the agency's default; null: the default. */
    depositDueDays: z.number().int().nullable(),
    balanceDueDays: z.number().int().nullable(),
    /** Sorted from the farthest to the closest. */
    cancellationFees: z.array(z.object({ daysBefore: z.number().int(), percent: z.number().int() })),
    stops: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        address: z.string().nullable(),
        offsetMinutes: z.number().int(),
        /** The stop's own time: the departure's plus its offset. */
        departsAt: Instant,
      }),
    ),
    seatLayout: SeatLayout,
    status: z.enum(['scheduled', 'departed', 'cancelled']),
    /** Grows with each change of time or place the travellers are told about. */
    scheduleVersion: z.number().int(),
    operatorId: z.number().int().nullable(),
    managerId: z.number().int().nullable(),
    /** Sold online. */
    public: z.boolean(),
    description: z.string().nullable(),
    /** What the trip costs the agency: directors only. */
    costs: z.array(z.object({ label: z.string(), amountMinor: Minor })).optional(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Departure', description: 'A departure with its buses, stops, prices and seats' });

export const DepartureListAnswer = z.object({ items: z.array(DepartureAnswer), nextCursor: z.string().nullable() });

export const departureAnswers: Answers = {
  'post /departures': DepartureAnswer,
  'get /departures': DepartureListAnswer,
  'get /departures/:id': DepartureAnswer,
  'patch /departures/:id': DepartureAnswer,
  'post /departures/:id/copy': DepartureAnswer,
};
