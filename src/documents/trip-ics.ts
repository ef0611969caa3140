import ical from 'ical-generator';

/** A trip without a return time is shown as the morning it leaves. */
const DEFAULT_TRIP_HOURS = 2;

/** The client's trip as their booking page offers it for their calendar. */
export interface BookingTrip {
  /** The same as the entry the booking's mails attach, so adding both keeps one entry. */
  uid: string;
  /** The departure's schedule version: a later download of a moved trip replaces the entry. */
  sequence: number;
  title: string;
  /** When the bus leaves the client's own stop. */
  start: number;
  end: number | null;
  place: string;
  description: string;
  /** The booking page. */
  url: string;
  agency: string;
}

/** One VEVENT from the pickup to the return, at the client's stop, linking back to the booking page (RFC 5545). */
export function bookingTripIcs(trip: BookingTrip): string {
  const calendar = ical({ name: trip.agency, prodId: { company: 'tourdesk', product: 'booking' } });
  calendar.createEvent({
    id: trip.uid,
    sequence: trip.sequence,
    start: new Date(trip.start),
    end: new Date(trip.end !== null && trip.end > trip.start ? trip.end : trip.start + DEFAULT_TRIP_HOURS * 3_600_000),
    summary: trip.title,
    location: trip.place,
    description: trip.description,
    url: trip.url,
  });
  return calendar.toString();
}
