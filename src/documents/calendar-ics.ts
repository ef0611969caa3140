import ical from 'ical-generator';
import type { CalendarDeparture, CalendarTask } from '../domain/calendar/index.js';
import type { Tr } from '../../templates/tr.js';

/** A trip without a return time is shown as the morning it leaves. */
const DEFAULT_TRIP_HOURS = 2;
/** A task is an event of this length ending at its deadline. */
const TASK_MINUTES = 30;

/**
 * The person's feed as iCalendar (RFC 5545), written by ical-generator: one event per trip
 * (from departure to return, at its meeting point) and per open task (ending at its
 * deadline). Ids stay the same from one fetch to the next, so calendars update, not duplicate.
 */
export function calendarIcs(
  feed: { departures: CalendarDeparture[]; tasks: CalendarTask[] },
  options: { tr: Tr; owner: string; agency: string; publicUrl: string; installation: string },
): string {
  const { tr } = options;
  const calendar = ical({ name: `${options.agency} · ${options.owner}`, prodId: { company: 'tourdesk', product: 'desk', language: tr.locale.toUpperCase() } });
  for (const trip of feed.departures) {
    calendar.createEvent({
      id: `departure-${trip.id}@${options.installation}`,
      start: new Date(trip.departsAt),
      end: new Date(trip.returnsAt ?? trip.departsAt + DEFAULT_TRIP_HOURS * 3_600_000),
      summary: `🚌 ${trip.title}`,
      location: trip.meetingPoint,
      description: `${tr.t('departures.seats', { booked: trip.seatsBooked, seats: trip.seats })}\n${options.publicUrl}/departures/${trip.id}`,
      url: `${options.publicUrl}/departures/${trip.id}`,
      lastModified: new Date(trip.updatedAt),
    });
  }
  for (const task of feed.tasks) {
    calendar.createEvent({
      id: `task-${task.id}@${options.installation}`,
      start: new Date(task.dueAt - TASK_MINUTES * 60_000),
      end: new Date(task.dueAt),
      summary: tr.t('reason.task_due', { title: task.title }),
      description: [task.departureTitle, task.note, `${options.publicUrl}/tasks#task-${task.id}`].filter(Boolean).join('\n'),
      url: `${options.publicUrl}/tasks#task-${task.id}`,
      lastModified: new Date(task.updatedAt),
    });
  }
  return calendar.toString();
}

/** One trip as the client's own calendar entry: their stop and its time, attached to the mails that tell it. */
export interface TripEntry {
  /** The same for every mail about this booking's trip, so a correction moves the entry instead of adding one. */
  uid: string;
  /** Grows with every change of time or place (the departure's schedule version). */
  sequence: number;
  title: string;
  start: number;
  end: number | null;
  place: string;
  description: string;
  /** The client's booking page, when the entry is downloaded from it. */
  url?: string;
  agency: string;
}

export function tripIcs(entry: TripEntry): string {
  const calendar = ical({ name: entry.agency, prodId: { company: 'tourdesk', product: 'desk' } });
  calendar.createEvent({
    id: entry.uid,
    sequence: entry.sequence,
    start: new Date(entry.start),
    end: new Date(entry.end !== null && entry.end > entry.start ? entry.end : entry.start + DEFAULT_TRIP_HOURS * 3_600_000),
    summary: entry.title,
    location: entry.place,
    description: entry.description,
    ...(entry.url ? { url: entry.url } : {}),
  });
  return calendar.toString();
}
