import type { Locale } from '../domain/context.js';
import { DomainError } from '../domain/errors.js';
import { formatMoney, label, t, type MessageKey } from './index.js';
import { busName } from './bus-words.js';

/**
 * The API answers its refusals in English (the contract's words, for integrations); the
 * desk words them in the reader's language here. A field message is recognised by its
 * English phrase, with its numbers; one this table does not know is shown as given.
 */
const FIELD_MESSAGES: [RegExp, MessageKey, (m: RegExpMatchArray) => Record<string, string | number>][] = [
  [/^must not be empty$/, 'fieldError.required', () => ({})],
  [/^must be a whole number from (\d+) to (\d+)$/, 'fieldError.wholeNumber', (m) => ({ min: m[1]!, max: m[2]! })],
  [/^must be a whole number of seats$/, 'fieldError.seats', () => ({})],
  [/^must be an e-mail address$/, 'fieldError.email', () => ({})],
  [/^must not exceed priceMinor$/, 'fieldError.depositAbovePrice', () => ({})],
  [/^must be after departsAt$/, 'fieldError.returnBeforeDeparture', () => ({})],
  [/^is not a real date( and time)?$/, 'fieldError.notADate', () => ({})],
  [/^must be an ISO 8601 date and time/, 'fieldError.notADate', () => ({})],
  [/^must be a date/, 'fieldError.notADate', () => ({})],
  [/^does not exist in (\S+): the clocks move forward/, 'fieldError.dstGap', (m) => ({ zone: m[1]! })],
  [/^has an offset beyond ±14:00/, 'fieldError.offset', () => ({})],
  [/^must be in the years (\d+) to (\d+)$/, 'fieldError.years', (m) => ({ min: m[1]!, max: m[2]! })],
  [/^must not contain control characters \((U\+[0-9A-F]+)\)/, 'fieldError.control', (m) => ({ char: m[1]! })],
  [/^must not contain text-direction override characters \((U\+[0-9A-F]+)\)/, 'fieldError.bidi', (m) => ({ char: m[1]! })],
  [/^contains a broken character/, 'fieldError.brokenCharacter', () => ({})],
  [/^Too big: expected string to have <=(\d+) characters$/, 'fieldError.tooLong', (m) => ({ max: Number(m[1]) })],
  [/^must be at most (\d+) characters$/, 'fieldError.tooLong', (m) => ({ max: Number(m[1]) })],
  [/^must be at least (\d+) characters$/, 'fieldError.tooShort', (m) => ({ min: Number(m[1]) })],
  [/^must not be negative$/, 'fieldError.negative', () => ({})],
  [/^must be greater than 0$/, 'fieldError.positive', () => ({})],
  [/^must be an ISO 4217 code/, 'fieldError.currency', () => ({})],
  [/^is not a known IANA time zone/, 'fieldError.timeZone', () => ({})],
  [/^must be in the future$/, 'fieldError.future', () => ({})],
  [/^must not repeat another rule$/, 'fieldError.repeatedRule', () => ({})],
  [/^at most one traveller per seat \((\d+)\)$/, 'fieldError.travellersPerSeat', (m) => ({ seats: m[1]! })],
  [/^is not a valid phone number \(numbers without \+ are read as ([A-Z]{2})\)$/, 'fieldError.phone', (m) => ({ country: m[1]! })],
  [/^phone or email is required$/, 'fieldError.phoneOrEmail', () => ({})],
  [/^is not an active user/, 'fieldError.inactiveUser', () => ({})],
  [/^is required when /, 'fieldError.reasonRequired', () => ({})],
  [/^is only for offer_made$/, 'fieldError.onlyForOffer', () => ({})],
  [/^at most (\d+) tags$/, 'fieldError.tooManyTags', (m) => ({ max: m[1]! })],
  [/^must be at most (\d+) rules$/, 'fieldError.tooManyRules', (m) => ({ max: m[1]! })],
  [/^is not a stop of this departure$/, 'fieldError.notAStop', () => ({})],
  [/^must have at least one stop$/, 'fieldError.oneStop', () => ({})],
  [/^must be at most (\d+) stops$/, 'fieldError.tooManyStops', (m) => ({ max: m[1]! })],
  [/^must be at most (\d+) costs$/, 'fieldError.tooManyCosts', (m) => ({ max: m[1]! })],
  [/^must not exceed what was paid$/, 'fieldError.feeAbovePaid', () => ({})],
  [/^is not a price category of this departure$/, 'fieldError.notACategory', () => ({})],
  [/^must not repeat another category$/, 'fieldError.categoryRepeated', () => ({})],
  [/^must be at most (\d+) categories$/, 'fieldError.tooManyCategories', (m) => ({ max: m[1]! })],
  [/^names adult at another price than priceMinor$/, 'fieldError.adultPrice', () => ({})],
  [/^must be a whole number of days from 0 to 365$/, 'fieldError.dueDays', () => ({})],
  [/^must be a date \(YYYY-MM-DD\) or an ISO 8601 instant$/, 'fieldError.dueDate', () => ({})],
  [/^must not be after the departure$/, 'fieldError.dueAfterDeparture', () => ({})],
  [/^must not be after balanceDueAt$/, 'fieldError.depositAfterBalance', () => ({})],
  [/^must not be before depositDueAt$/, 'fieldError.balanceBeforeDeposit', () => ({})],
  [/^must be an id/, 'fieldError.choose', () => ({})],
  [/^Invalid option|^must be one of/, 'fieldError.choose', () => ({})],
  // A rooming list.
  [/^must name at least one traveller$/, 'fieldError.roomEmpty', () => ({})],
  [/^at most (\d+) travellers? in an? \w+ room$/, 'fieldError.roomFull', (m) => ({ max: Number(m[1]) })],
  [/^names traveller \d+ more than once$/, 'fieldError.roomTwice', () => ({})],
  [/^names traveller \d+, who is not on this departure$/, 'fieldError.roomNotHere', () => ({})],
  [/^names traveller \d+, whose booking is cancelled$/, 'fieldError.roomCancelled', () => ({})],
  [/^is not a room of this departure$/, 'fieldError.notARoom', () => ({})],
  [/^must not repeat another room$/, 'fieldError.roomRepeated', () => ({})],
  // A trip's buses and extras.
  [/^must have at least one vehicle$/, 'vehicles.error.oneBus', () => ({})],
  [/^must be at most (\d+) vehicles$/, 'vehicles.error.tooManyBuses', (m) => ({ max: Number(m[1]) })],
  [/^is not a vehicle of this departure/, 'vehicles.error.notThisBus', () => ({})],
  [/^must be the sum of the vehicles' seats|^is the sum of the \d+ vehicles' seats/, 'vehicles.error.seatsAreSum', () => ({})],
  [/^must not exceed seatsPerRow$/, 'vehicles.error.aisle', () => ({})],
  [/^must be a code of letters, digits, - or _/, 'vehicles.error.extraCode', () => ({})],
  [/^must not repeat another extra$/, 'vehicles.error.extraRepeated', () => ({})],
  [/^must be at most (\d+) extras$/, 'vehicles.error.tooManyExtras', (m) => ({ max: Number(m[1]) })],
  [/^must be traveller or booking$/, 'fieldError.choose', () => ({})],
  // A file of clients and its rows.
  [/^is required: the CSV or XLSX file/, 'fieldError.fileRequired', () => ({})],
  [/^is empty$/, 'fieldError.fileEmpty', () => ({})],
  [/^is an old Excel \.xls file/, 'fieldError.oldXls', () => ({})],
  [/^is not a readable CSV file/, 'fieldError.badCsv', () => ({})],
  [/^is not a readable XLSX workbook/, 'fieldError.badXlsx', () => ({})],
  [/^has no rows$/, 'fieldError.noRows', () => ({})],
  [/^has more than (\d+) rows/, 'fieldError.tooManyRows', (m) => ({ max: Number(m[1]) })],
  [/^must be a date like 31\.12\.1980/, 'fieldError.birthDate', () => ({})],
  [/^must be in the years 1900 to now$/, 'fieldError.birthYear', () => ({})],
  [/^must not be in the future$/, 'fieldError.notFuture', () => ({})],
  [/^must be yes or no$/, 'fieldError.yesNo', () => ({})],
  [/^matches two clients on file \((#\d+ .*) and (#\d+ .*)\)$/, 'fieldError.twoClients', (m) => ({ a: m[1]!, b: m[2]! })],
  [/^only a director sets the tag (.+)$/, 'fieldError.directorTag', (m) => ({ tag: m[1]! })],
  [/^no column for the name/, 'fieldError.noNameColumn', () => ({})],
  [/^no column for the phone or e-mail/, 'fieldError.noPhoneColumn', () => ({})],
  [/^not kept: a client keeps one phone$/, 'fieldError.phoneNotKept', () => ({})],
  [/^not kept: a client keeps one e-mail$/, 'fieldError.emailNotKept', () => ({})],
  [/^not taken: the client unsubscribed$/, 'fieldError.consentNotTaken', () => ({})],
  [/^is not a language of the desk/, 'fieldError.unknownLanguage', () => ({})],
  [/^kept in the notes: a client keeps one phone$/, 'fieldError.phoneKept', () => ({})],
  [/^kept in the notes: a client keeps one e-mail$/, 'fieldError.emailKept', () => ({})],
  [/^kept in the notes: the card has another phone$/, 'fieldError.cardPhone', () => ({})],
  [/^kept in the notes: the card has another e-mail$/, 'fieldError.cardEmail', () => ({})],
  [/^cannot tell the file's encoding/, 'fieldError.mixedEncoding', () => ({})],
  [/^inflates to more than (\d+) MB/, 'fieldError.tooBigInflated', (m) => ({ mb: Number(m[1]) })],
  [/^has more than (\d+) cells/, 'fieldError.tooManyCells', (m) => ({ max: Number(m[1]) })],
  [/^took longer than (\d+) s to read/, 'fieldError.readTimeout', (m) => ({ s: Number(m[1]) })],
  [/^needs more than (\d+) MB of memory to read/, 'fieldError.readMemory', (m) => ({ mb: Number(m[1]) })],
  [/^must be a country code such as RU or BG$/, 'fieldError.importCountry', () => ({})],
  [/^must be a whole number of stars from 1 to 5$/, 'fieldError.stars', () => ({})],
  // A webhook receiver's address.
  [/^must not point to a private, loopback or link-local address \((.+)\)$/, 'fieldError.privateAddress', (m) => ({ address: m[1]! })],
  [/^must be an http or https URL$/, 'fieldError.httpUrl', () => ({})],
  [/^must not contain spaces$/, 'fieldError.spaces', () => ({})],
  [/^must not contain a user name or password$/, 'fieldError.urlCredentials', () => ({})],
];

/** A field's refusal in the reader's words. */
export function fieldErrorText(locale: Locale, message: string): string {
  for (const [pattern, key, params] of FIELD_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return t(locale, key, params(match));
  }
  return message;
}

/** A refusal about no single field (a sold-out bus, a balance already paid) in the reader's words. */
export function refusalText(locale: Locale, error: DomainError): string {
  const details = (error.details ?? {}) as Record<string, unknown>;
  const money = (minor: unknown) => formatMoney(locale, Number(minor), String(details.currency ?? 'EUR'));
  // A trip's buses: the bus is named in the English message, as its label.
  const bus = (pattern: RegExp) => busName(locale, pattern.exec(error.message)?.[1] ?? '');
  if (details.reason === 'split_across_vehicles') return t(locale, 'vehicles.refusal.split', { n: Number(details.seatsRequested ?? 0), together: Number(details.seatsTogether ?? 0) });
  if (details.reason === 'vehicle_full') return t(locale, 'vehicles.refusal.full', { bus: bus(/^(.*) has -?\d+ seat/), free: Number(details.seatsFree ?? 0), seats: Number(details.seatsRequested ?? 0) });
  if (details.reason === 'vehicle_has_bookings') return t(locale, 'vehicles.refusal.hasBookings', { bus: bus(/^(.*) carries \d+ booked seat/), n: Number(details.seatsBooked ?? 0) });
  if (details.vehicleId !== undefined && /^Cannot lower .* to \d+ seats: \d+ are already booked in it$/.test(error.message)) {
    return t(locale, 'vehicles.refusal.belowBooked', { bus: bus(/^Cannot lower (.*) to \d+ seats/), booked: Number(details.seatsBooked ?? 0) });
  }
  if (error.code === 'sold_out') return t(locale, 'error.soldOut', { n: Number(details.seatsLeft ?? 0) });
  if (details.reason === 'exceeds_balance') return t(locale, 'error.exceedsBalance', { amount: money(details.balanceMinor) });
  if (details.reason === 'seat_taken') return t(locale, 'error.seatTaken', { seat: Number(details.seat ?? 0) });
  if (details.reason === 'swap_without_seat') return t(locale, 'error.swapWithoutSeat', { seat: Number(details.seat ?? 0) });
  if (details.reason === 'seat_beyond_bus') return t(locale, 'error.seatBeyondBus', { seat: Number(details.seat ?? 0) });
  if (details.reason === 'stop_in_use') return t(locale, 'error.stopInUse', { n: Number(details.bookings ?? 0) });
  if (details.reason === 'seats_free') return t(locale, 'error.seatsFree', { n: Number(details.seatsLeft ?? 0) });
  if (details.reason === 'already_waiting') return t(locale, 'error.alreadyWaiting');
  if (details.reason === 'hold_expired') return t(locale, 'error.holdExpired');
  if (typeof details.reason === 'string' && details.reason.startsWith('entry_')) return t(locale, 'error.entryClosed', { status: label(locale, 'waitlist', String(details.status ?? '')) });
  if (details.reason === 'departure_departed') return t(locale, 'error.departureLeft');
  if (details.reason === 'departure_cancelled') return t(locale, 'error.departureCancelled');
  if (details.reason === 'boarding_changed') {
    const travellers = Array.isArray(details.travellers) ? (details.travellers as { name?: unknown; boarding?: unknown; boardingBy?: unknown }[]) : [];
    const names = travellers.map((t) => `${String(t.name ?? '')} (${label(locale, 'boarding', String(t.boarding ?? ''))}${t.boardingBy ? `, ${String(t.boardingBy)}` : ''})`).join(', ');
    return t(locale, 'error.boardingChanged', { names });
  }
  if (details.reason === 'exceeds_held') return t(locale, 'error.exceedsHeld', { amount: money(details.paidMinor) });
  const known: [RegExp, MessageKey][] = [
    [/^This departure has (already )?left/, 'error.departureLeft'],
    [/^This departure is cancelled/, 'error.departureCancelled'],
    [/^This deal is cancelled/, 'error.dealCancelled'],
    [/^A contact with this (phone|email) is already on file/, 'error.contactExists'],
    [/^The last active director/, 'error.lastDirector'],
    [/^A voucher is sent once the deal is paid in full/, 'error.voucherNeedsPayment'],
    [/^Cannot lower seats to/, 'error.seatsBelowBooked'],
    [/^Cancel or move its bookings/, 'error.departureHasBookings'],
  ];
  for (const [pattern, key] of known) if (pattern.test(error.message)) return t(locale, key, { booked: Number(details.seatsBooked ?? 0) });
  const tooBig = /^The file must be at most (\d+) MB/.exec(error.message);
  if (tooBig) return t(locale, 'error.fileTooBig', { mb: Number(tooBig[1]) });
  return error.message;
}
