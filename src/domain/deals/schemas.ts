/** What a booking request may say: one zod schema per action, shared by the API and the pages. */
import { z } from 'zod';
import { line, requiredLine, requiredProse } from '../text.js';
import { MAX_SEATS, seatCount } from '../departures/departures.js';
import { minorAmount } from '../money.js';
import { pagingQuery } from '../paging.js';
import { calendarDate } from '../time.js';
import { DEAL_STATUSES } from '../../db/schema/deals.js';
import { categoryName } from '../departures/prices.js';
import { takenExtrasInput } from '../departures/extras.js';
import { dueDateInput } from './due-dates.js';

/** The id of a row a request names (a departure, a contact, a stop). */
export const idInput = z.number({ error: 'must be an id (a positive whole number)' }).int().positive();

export const TravellerInput = z.object({
  name: requiredLine(200),
  birthDate: calendarDate.nullish(),
  documentNumber: line(50).nullish(),
  /** One of the departure's price categories; none: the default (`adult`). */
  category: categoryName.nullish(),
  /** Codes of the departure's extras sold per traveller that this traveller takes. */
  extras: takenExtrasInput.optional(),
});
export type TravellerInput = z.infer<typeof TravellerInput>;
const travellerList = z.array(TravellerInput).max(MAX_SEATS);

const noMoreTravellersThanSeats = (
  input: { seats?: number | undefined; travellers?: unknown[] | undefined },
  issues: z.RefinementCtx,
) => {
  if (input.seats !== undefined && input.travellers && input.travellers.length > input.seats) {
    issues.addIssue({ code: 'custom', path: ['travellers'], message: `at most one traveller per seat (${input.seats})` });
  }
};

export const CreateDealInput = z
  .object({
    departureId: idInput,
    contactId: idInput,
    seats: seatCount,
    travellers: travellerList.optional(),
    managerId: idInput.nullish(),
    stopId: idInput.optional(),
    /** Codes of the departure's extras sold per booking that it takes. */
    extras: takenExtrasInput.optional(),
    /** The bus; none: chosen by stop, then the first with room for the whole booking. */
    vehicleId: idInput.optional(),
    priceMinor: minorAmount.optional(),
    depositDueMinor: minorAmount.optional(),
  })
  .superRefine(noMoreTravellersThanSeats);
export type CreateDealInput = z.infer<typeof CreateDealInput>;

/** A booking for a client whose card is made in the same step (travellers named for the extras they take, and the booking's extras). */
export const NewClientBookingInput = z
  .object({ departureId: idInput, seats: seatCount, stopId: idInput.optional(), travellers: travellerList.optional(), extras: takenExtrasInput.optional() })
  .superRefine(noMoreTravellersThanSeats);
export type NewClientBookingInput = z.infer<typeof NewClientBookingInput>;

export const UpdateDealInput = z
  .object({
    seats: seatCount.optional(),
    travellers: travellerList.optional(),
    managerId: idInput.nullish(),
    stopId: idInput.optional(),
    extras: takenExtrasInput.optional(),
    priceMinor: minorAmount.optional(),
    depositDueMinor: minorAmount.optional(),
    depositDueAt: dueDateInput.optional(),
    balanceDueAt: dueDateInput.optional(),
  })
  .superRefine(noMoreTravellersThanSeats);
export type UpdateDealInput = z.infer<typeof UpdateDealInput>;

export const MoveVehicleInput = z.object({ vehicleId: idInput });
export type MoveVehicleInput = z.infer<typeof MoveVehicleInput>;

export const DocumentsInput = z.object({ state: z.enum(['sent', 'received']) });
export type DocumentsInput = z.infer<typeof DocumentsInput>;

/** `feeMinor`: a director's own fee instead of the departure's policy (at most what was paid). */
export const CancelDealInput = z.object({ reason: requiredProse(1000), feeMinor: minorAmount.optional() });
export type CancelDealInput = z.infer<typeof CancelDealInput>;

export const ListDealsQuery = z.object({
  departureId: z.coerce.number().int().positive().optional(),
  contactId: z.coerce.number().int().positive().optional(),
  managerId: z.coerce.number().int().positive().optional(),
  status: z.enum(DEAL_STATUSES).optional(),
  reference: z.string().max(40).optional(),
  ...pagingQuery,
});
export type ListDealsQuery = z.infer<typeof ListDealsQuery>;
