/** The traveller's pages without signing in, mounted in one place: the trips on sale and the booking's own page. */
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';
import { bookingPages } from './booking-pages.js';
import { tripPages } from './trip-pages.js';

/**
 * The traveller's own pages, without signing in: the trips the agency sells online, booking
 * one, the waiting list of a sold-out one, and the booking's page from its signed link
 * (travellers' details, paying, the voucher and the calendar entry). Every page works
 * without JavaScript: plain links and forms.
 */
export function clientPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.route('/', tripPages(deps));
  app.route('/', bookingPages(deps));
  return app;
}
