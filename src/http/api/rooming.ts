import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { LOCALES } from '../../domain/context.js';
import { applySuggestion, putRooming, readRooming, roomingOf, RoomingInput } from '../../domain/rooming/index.js';
import { renderRooming } from '../../documents/rooming-pdf.js';
import { roomingTable } from '../../documents/rooming-table.js';
import { readerLocale } from '../../i18n/index.js';
import { makeTr } from '../../../templates/tr.js';
import { requireSignIn } from '../auth.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, readJson, readQuery } from '../validate.js';
import { attachment, spreadsheet } from './documents.js';

/** The hotel's language for a rooming list; absent, the reader's (as every download). */
export const RoomingDocumentQuery = z.object({ lang: z.enum(LOCALES, { error: `must be one of ${LOCALES.join(', ')}` }).optional() });

/**
 * The rooming list as JSON: read, replaced whole, or the suggestion applied. Anyone signed in
 * works on it: the operators who run the trip as much as the managers who sold it.
 */
export function roomingRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  // One pattern each: hono's `/rooming/*` also matches `/rooming` itself.
  app.use('/departures/:id/rooming/*', requireSignIn(deps));
  app.use('/departures/:id/rooming.*', requireSignIn(deps));

  app.get('/departures/:id/rooming', async (c) => c.json(await roomingOf(actingCtxOf(c, deps), idParam(c, 'id', 'departure'))));

  app.put('/departures/:id/rooming', async (c) => {
    const id = idParam(c, 'id', 'departure');
    const input = await readJson(c, RoomingInput);
    return c.json(await putRooming(actingCtxOf(c, deps), id, input));
  });

  /** Rooms for everyone without one, each booking together; answers the list. */
  app.post('/departures/:id/rooming/suggest', async (c) => c.json(await applySuggestion(actingCtxOf(c, deps), idParam(c, 'id', 'departure'))));

  app.route('/', roomingDownloads(deps));
  return app;
}

/** The hotel's list as XLSX and PDF, shared by the API (bearer) and the pages (cookie) as the manifest is. */
export function roomingDownloads(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  const hotelsList = async (c: Context<AppEnv>) => {
    const ctx = actingCtxOf(c, deps);
    const { lang } = readQuery(c, RoomingDocumentQuery);
    const { departure, rooming } = await readRooming(ctx, idParam(c, 'id', 'departure'));
    const tr = makeTr(lang ?? readerLocale(c, ctx.actor.locale, ctx.agency.locale), departure.timeZone);
    return { ctx, departure, rooms: rooming.rooms, tr, name: `${departure.title} - ${tr.t('rooming.doc.title')}` };
  };

  app.get('/departures/:id/rooming.xlsx', async (c) => {
    const { ctx, departure, rooms, tr, name } = await hotelsList(c);
    return spreadsheet(c, name, [roomingTable(departure, rooms, ctx.agency.name, tr)], tr, 'xlsx');
  });

  app.get('/departures/:id/rooming.pdf', async (c) => {
    const { ctx, departure, rooms, tr, name } = await hotelsList(c);
    return attachment(c, `${name}.pdf`, 'application/pdf', await renderRooming(departure, rooms, ctx.agency, tr));
  });

  return app;
}
